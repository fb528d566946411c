/**
 * Preload of every codiag window (sandboxed, context-isolated): exposes `window.codiag`, exactly
 * the IPC contract's functions plus `onLock` and `onCloseRequest`, and never `ipcRenderer` itself.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL_NAME } from '../../shared/ipc/channels';
import { createBridge } from './create-bridge';

contextBridge.exposeInMainWorld(
  BRIDGE_GLOBAL_NAME,
  createBridge({
    invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
    on: (channel, listener) => {
      ipcRenderer.on(channel, listener);
    },
    removeListener: (channel, listener) => {
      ipcRenderer.removeListener(channel, listener);
    },
  }),
);
