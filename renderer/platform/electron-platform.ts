/**
 * The Electron implementation over `window.codiag`, the preload's bridge (shared/ipc/contract.ts):
 * the main process prints and writes the PDF, and wraps keys with the OS keychain.
 */
import type { CodiagBridge } from '../../shared/ipc/bridge';
import { requestPersistence } from '../storage/persistence';
import type { Platform } from './platform';

export function findBridge(global: unknown = globalThis): CodiagBridge | null {
  const candidate = (global as { codiag?: unknown }).codiag;
  if (typeof candidate !== 'object' || candidate === null) return null;
  return typeof (candidate as { getAppInfo?: unknown }).getAppInfo === 'function'
    ? (candidate as CodiagBridge)
    : null;
}

export function createElectronPlatform(bridge: CodiagBridge): Platform {
  return {
    kind: 'electron',
    appInfo: async () => {
      const info = await bridge.getAppInfo();
      return {
        name: info.name,
        version: info.version,
        runtime: 'electron',
        detail: `Electron ${info.electronVersion} — ${info.platform}`,
      };
    },
    exportPdf: async (suggestedFileName) => {
      try {
        const result = await bridge.exportPdf({ suggestedFileName });
        return result.status === 'saved'
          ? { status: 'saved', path: result.path }
          : { status: 'cancelled' };
      } catch (error) {
        return { status: 'failed', message: messageOf(error) };
      }
    },
    print: async () => {
      try {
        return await bridge.printContract();
      } catch (error) {
        return { status: 'failed', message: messageOf(error) };
      }
    },
    persistence: () => requestPersistence(),
    wrapSecret: async (keyBase64) => {
      const result = await bridge.wrapSecret({ keyBase64 });
      return result.ok ? result.wrappedBase64 : null;
    },
    unwrapSecret: async (wrappedBase64) => {
      const result = await bridge.unwrapSecret({ wrappedBase64 });
      return result.ok ? result.keyBase64 : null;
    },
  };
}

function messageOf(error: unknown): string {
  return `L'opération a échoué : ${error instanceof Error ? error.message : String(error)}`;
}
