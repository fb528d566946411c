// Test projects: `unit` (pure core, CLI, server on PGlite/PostgreSQL, storage on fake-indexeddb,
// Electron logic) and `e2e` (the built renderer in Debian's Chromium against the real server).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // In CI, a JSON report feeds the closing "N passed, N failed, N skipped" line of .ci/run.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.ci-out/vitest.json' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/e2e/**', 'node_modules/**'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
