/** Builds the renderer once before the end-to-end tests (they drive the built app, not a dev server). */
import { execFileSync } from 'node:child_process';
import { REPO } from './harness';

export function setup(): void {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  // Vitest sets NODE_ENV=test, which would make Vite build React's development bundle (and turn
  // on import.meta.env.DEV): the tests must drive the production build users get.
  execFileSync('npm', ['run', '-s', 'build'], {
    cwd: REPO,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
