/**
 * The Electron implementation over `window.codiag`, the preload's bridge (shared/ipc/contract.ts):
 * the main process prints and writes the PDF, wraps keys with the OS keychain and tells when the
 * system suspends or the screen locks.
 */
import type { CodiagBridge } from '../../shared/ipc/bridge';
import { requestPersistence } from '../storage/persistence';
import { downloadFile } from './browser-platform';
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
    wrapSecret: async (plainBase64) => {
      try {
        const result = await bridge.wrapSecret({ keyBase64: plainBase64 });
        return result.ok ? { ok: true, value: result.wrappedBase64 } : result;
      } catch (error) {
        return { ok: false, reason: 'unavailable', message: messageOf(error) };
      }
    },
    unwrapSecret: async (wrappedBase64) => {
      try {
        const result = await bridge.unwrapSecret({ wrappedBase64 });
        return result.ok ? { ok: true, value: result.keyBase64 } : result;
      } catch (error) {
        return { ok: false, reason: 'unavailable', message: messageOf(error) };
      }
    },
    onSystemLock: (callback) => bridge.onLock(() => callback()),
    onCloseRequest: (flush) => bridge.onCloseRequest(flush),
    saveFile: downloadFile,
    sync: {
      setServer: (request) => bridge.setSyncServer(request),
      enrol: (request) => bridge.enrollDevice(request),
      status: () => bridge.getSyncStatus(),
      request: (request) => bridge.syncRequest(request),
    },
  };
}

function messageOf(error: unknown): string {
  return `L'opération a échoué : ${error instanceof Error ? error.message : String(error)}`;
}
