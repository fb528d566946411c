/**
 * IPC channel names and the preload's method name for each one. Kept free of zod so the sandboxed
 * preload can import it without bundling the schemas (the main process parses every payload).
 */

/** Renderer → main request channels, each answered once (ipcRenderer.invoke / ipcMain.handle). */
export const IPC_CHANNELS = [
  'app:info',
  'pdf:export',
  'print:contract',
  'secure-store:wrap',
  'secure-store:unwrap',
  'sync:set-server',
  'sync:enroll',
  'sync:status',
  'sync:request',
  'external:open',
  'window:flushed',
] as const;

export type IpcChannel = (typeof IPC_CHANNELS)[number];

/** The function the preload exposes on `window.codiag` for each channel. */
export const IPC_BRIDGE_METHODS = {
  'app:info': 'getAppInfo',
  'pdf:export': 'exportPdf',
  'print:contract': 'printContract',
  'secure-store:wrap': 'wrapSecret',
  'secure-store:unwrap': 'unwrapSecret',
  'sync:set-server': 'setSyncServer',
  'sync:enroll': 'enrollDevice',
  'sync:status': 'getSyncStatus',
  'sync:request': 'syncRequest',
  'external:open': 'openExternal',
  'window:flushed': 'confirmFlushed',
} as const satisfies Record<IpcChannel, string>;

export type IpcBridgeMethod = (typeof IPC_BRIDGE_METHODS)[IpcChannel];

/** Main → renderer event: the session must lock now (system suspend, screen lock, menu). */
export const LOCK_EVENT_CHANNEL = 'session:lock';

/**
 * Main → renderer event: the window is about to close; save what is pending, then answer on
 * `window:flushed` (the main process closes the window then, or after a timeout).
 */
export const CLOSE_REQUEST_CHANNEL = 'window:close-request';

export const LOCK_REASONS = ['suspend', 'lock-screen', 'menu'] as const;

export type LockReason = (typeof LOCK_REASONS)[number];

/** Name of the object the preload puts on `window`. */
export const BRIDGE_GLOBAL_NAME = 'codiag';

export function isIpcChannel(value: unknown): value is IpcChannel {
  return typeof value === 'string' && (IPC_CHANNELS as readonly string[]).includes(value);
}

export function isLockReason(value: unknown): value is LockReason {
  return typeof value === 'string' && (LOCK_REASONS as readonly string[]).includes(value);
}
