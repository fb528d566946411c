/** Tests of the web preferences, scheme privileges and DevTools rule every codiag window gets. */
import { describe, expect, it } from 'vitest';
import {
  APP_SCHEME_PRIVILEGES,
  buildWebPreferences,
  canOpenDevTools,
} from '../../electron/main/security-policy';

describe('buildWebPreferences', () => {
  const prefs = buildWebPreferences({
    preloadPath: '/app/out/electron/preload.cjs',
    devTools: false,
  });

  it.each([
    ['sandbox', true],
    ['contextIsolation', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webviewTag', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['navigateOnDragDrop', false],
    ['spellcheck', false],
    ['devTools', false],
  ] as const)('sets %s to %s', (key, value) => {
    expect(prefs[key]).toBe(value);
  });

  it('enables no Blink feature and keeps the given preload', () => {
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.preload).toBe('/app/out/electron/preload.cjs');
  });
});

describe('APP_SCHEME_PRIVILEGES', () => {
  it('registers app:// as standard, secure and fetchable, without bypassing the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({
          standard: true,
          secure: true,
          supportFetchAPI: true,
          bypassCSP: false,
          corsEnabled: false,
          allowServiceWorkers: false,
        }),
      }),
    ]);
  });
});

describe('canOpenDevTools', () => {
  it.each([
    { isPackaged: true, envFlag: undefined, expected: false },
    { isPackaged: true, envFlag: '1', expected: false },
    { isPackaged: false, envFlag: undefined, expected: true },
    { isPackaged: false, envFlag: '0', expected: false },
  ])(
    'packaged=$isPackaged, CODIAG_DEVTOOLS=$envFlag → $expected',
    ({ isPackaged, envFlag, expected }) => {
      expect(canOpenDevTools({ isPackaged, envFlag })).toBe(expected);
    },
  );
});
