/** The browser implementation: `window.print()` for printing and for PDF ("Enregistrer au format PDF"). */
import { requestPersistence } from '../storage/persistence';
import type { Platform } from './platform';

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
    wrapSecret: () => Promise.resolve(null),
    unwrapSecret: () => Promise.resolve(null),
  };
}
