/**
 * The security settings every codiag window gets: Electron's security checklist turned into data
 * (web preferences, privileged scheme, DevTools availability), so tests can assert the exact values.
 */
import type { CustomScheme, WebPreferences } from 'electron';
import { APP_SCHEME } from './app-origin';

export interface WindowSecurityInput {
  /** Absolute path of the bundled preload (`out/electron/preload.cjs`). */
  preloadPath: string;
  devTools: boolean;
}

export function buildWebPreferences(input: WindowSecurityInput): WebPreferences {
  return {
    preload: input.preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    // Hunspell dictionaries are downloaded from a Google CDN on Linux/Windows: no network here.
    spellcheck: false,
    devTools: input.devTools,
    autoplayPolicy: 'user-gesture-required',
  } satisfies WebPreferences;
}

/**
 * `app://` is standard (relative URLs, origin-bound storage) and secure (a secure context, so
 * WebCrypto works); `supportFetchAPI` lets the renderer's module loader fetch its own chunks.
 * No `bypassCSP`, no `corsEnabled` for other origins.
 */
export const APP_SCHEME_PRIVILEGES: readonly CustomScheme[] = [
  {
    scheme: APP_SCHEME,
    privileges: {
      standard: true,
      secure: true,
      supportFetchAPI: true,
      allowServiceWorkers: false,
      bypassCSP: false,
      corsEnabled: false,
      stream: false,
      codeCache: true,
    },
  },
];

export interface DevToolsInput {
  isPackaged: boolean;
  /** `CODIAG_DEVTOOLS` from the environment: lets a developer turn them off in dev too. */
  envFlag: string | undefined;
}

/** DevTools never open in a packaged build, whatever the environment says. */
export function canOpenDevTools(input: DevToolsInput): boolean {
  if (input.isPackaged) return false;
  return input.envFlag !== '0';
}
