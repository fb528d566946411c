/**
 * Builds the `window.codiag` object from an ipcRenderer-like port: one function per contract
 * channel, `onLock` and `onCloseRequest`, nothing generic. The Electron event object never reaches the renderer
 * (it would leak `ipcRenderer` through `event.sender`).
 */
import type { CodiagBridge } from '../../shared/ipc/bridge';
import {
  CLOSE_REQUEST_CHANNEL,
  type IpcChannel,
  LOCK_EVENT_CHANNEL,
  isLockReason,
} from '../../shared/ipc/channels';
import type { IpcEnvelope, IpcResponse, LockEvent } from '../../shared/ipc/contract';

/** The subset of Electron's `ipcRenderer` the bridge needs. */
export interface IpcRendererPort {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): void;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): void;
}

/** The main process parsed the response with the contract; here only the envelope's shape is checked. */
function isEnvelope<C extends IpcChannel>(value: unknown, _channel: C): value is IpcEnvelope<C> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'value' in value;
  return value.ok === false && 'error' in value;
}

export function createBridge(ipc: IpcRendererPort): CodiagBridge {
  async function call<C extends IpcChannel>(channel: C, request: unknown): Promise<IpcResponse<C>> {
    const envelope = await ipc.invoke(channel, request ?? {});
    if (!isEnvelope(envelope, channel)) throw new Error(`[invalid-response] ${channel}`);
    if (envelope.ok) return envelope.value;
    throw new Error(`[${envelope.error.code}] ${envelope.error.message}`);
  }

  return {
    getAppInfo: (request) => call('app:info', request),
    exportPdf: (request) => call('pdf:export', request),
    printContract: (request) => call('print:contract', request),
    wrapSecret: (request) => call('secure-store:wrap', request),
    unwrapSecret: (request) => call('secure-store:unwrap', request),
    setSyncServer: (request) => call('sync:set-server', request),
    enrollDevice: (request) => call('sync:enroll', request),
    getSyncStatus: (request) => call('sync:status', request),
    syncRequest: (request) => call('sync:request', request),
    openExternal: (request) => call('external:open', request),
    confirmFlushed: (request) => call('window:flushed', request),
    onLock: (callback) => {
      const listener = (_event: unknown, payload: unknown) => {
        if (typeof payload !== 'object' || payload === null || !('reason' in payload)) return;
        if (!isLockReason(payload.reason)) return;
        const event: LockEvent = { reason: payload.reason };
        callback(event);
      };
      ipc.on(LOCK_EVENT_CHANNEL, listener);
      return () => ipc.removeListener(LOCK_EVENT_CHANNEL, listener);
    },
    onCloseRequest: (callback) => {
      const listener = () => {
        // Whatever the flush gives, the window must be allowed to close.
        void callback()
          .catch(() => undefined)
          .then(() => call('window:flushed', {}))
          .catch(() => undefined);
      };
      ipc.on(CLOSE_REQUEST_CHANNEL, listener);
      return () => ipc.removeListener(CLOSE_REQUEST_CHANNEL, listener);
    },
  };
}
