/**
 * Packaging check: electron-builder's `dir` target against a stub Electron, then the content of
 * app.asar and the fuses (see electron/tools/check-package.ts). Takes a few seconds offline.
 */
import { describe, expect, it } from 'vitest';
import { EXPECTED_FUSES, checkPackage, findAsarProblems } from '../../electron/tools/check-package';

describe('findAsarProblems', () => {
  const good = [
    '/out',
    '/out/electron',
    '/out/electron/main.cjs',
    '/out/electron/preload.cjs',
    '/out/renderer',
    '/out/renderer/index.html',
    '/package.json',
  ];

  it('accepts the compiled app alone', () => {
    expect(findAsarProblems(good, 1_000)).toEqual([]);
  });

  it.each([
    [[...good, '/electron/main/main.ts'], /TypeScript sources/],
    [[...good, '/node_modules/react/index.js'], /node_modules\/react/],
    [[...good, '/out/electron/main.cjs.map'], /source maps/],
    [
      good.filter((entry) => entry !== '/out/electron/preload.cjs'),
      /missing \/out\/electron\/preload\.cjs/,
    ],
  ])('flags %j', (entries, problem) => {
    expect(findAsarProblems(entries, 1_000).join('\n')).toMatch(problem);
  });
});

describe('checkPackage', () => {
  it('packages only the compiled app, with the fuses flipped', { timeout: 180_000 }, async () => {
    const report = await checkPackage();
    expect(report.problems).toEqual([]);
    expect(report.entries).toEqual(
      expect.arrayContaining([
        '/out/electron/main.cjs',
        '/out/electron/preload.cjs',
        '/out/renderer/index.html',
      ]),
    );
    expect(report.fuses).toEqual(EXPECTED_FUSES);
    expect(report.asarBytes).toBeGreaterThan(0);
    console.log(`app.asar: ${report.asarBytes} bytes, ${report.entries.length} entries`);
  });
});
