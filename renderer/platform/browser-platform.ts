/** The browser implementation: `window.print()` for printing and for PDF ("Enregistrer au format PDF"). */
import { requestPersistence } from '../storage/persistence';
import type { KeychainResult, Platform } from './platform';

declare const __APP_VERSION__: string;

function printWithTitle(title: string | null): Promise<void> {
  const previous = document.title;
  if (title) document.title = title.replace(/\.pdf$/i, '');
  try {
    window.print();
  } finally {
    document.title = previous;
  }
  return Promise.resolve();
}

export function createBrowserPlatform(): Platform {
  return {
    kind: 'browser',
    appInfo: () =>
      Promise.resolve({
        name: 'codiag',
        version: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0',
        runtime: 'browser',
        detail: navigator.userAgent,
      }),
    exportPdf: async (suggestedFileName) => {
      await printWithTitle(suggestedFileName);
      // The browser's print dialog does the saving; it does not say where.
      return { status: 'saved', path: null };
    },
    print: async () => {
      await printWithTitle(null);
      return { status: 'printed' };
    },
    persistence: () => requestPersistence(),
    wrapSecret: () => Promise.resolve(NO_KEYCHAIN),
    unwrapSecret: () => Promise.resolve(NO_KEYCHAIN),
    // A browser tells the page nothing about the system's suspend or screen lock.
    onSystemLock: () => () => undefined,
    onCloseRequest: () => () => undefined,
    saveFile: downloadFile,
  };
}

const NO_KEYCHAIN: KeychainResult = {
  ok: false,
  reason: 'unsupported',
  message:
    'Navigateur : pas de trousseau du système, la clé est protégée par votre code personnel.',
};

/** Saves a file through the browser's download (Electron accepts downloads from its origin). */
export function downloadFile(fileName: string, mimeType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Later than the click: the download must have started reading the blob.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
