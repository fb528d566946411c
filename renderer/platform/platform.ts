/**
 * What the renderer needs from where it runs (ARCHITECTURE decision 6): in Electron the preload's
 * `window.codiag`, in a plain browser the browser's own APIs. Components only see this interface.
 */
import type { IpcRequest, IpcResponse } from '../../shared/ipc/contract';
import type { KeychainResult } from '../security/vault';
import type { PersistenceInfo } from '../storage/persistence';

export type { KeychainResult };

export interface AppInfo {
  name: string;
  version: string;
  runtime: 'electron' | 'browser';
  detail: string;
}

export type ExportPdfResult =
  | { status: 'saved'; path: string | null }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string };

export type PrintResult =
  { status: 'printed' } | { status: 'cancelled' } | { status: 'failed'; message: string };

export interface Platform {
  readonly kind: 'electron' | 'browser';
  appInfo(): Promise<AppInfo>;
  /** Exports the current page (the contract laid out by its print stylesheet) as PDF. */
  exportPdf(suggestedFileName: string): Promise<ExportPdfResult>;
  print(): Promise<PrintResult>;
  persistence(): Promise<PersistenceInfo>;
  /**
   * Wraps the PIN-wrapped data key once more with the OS keychain (Electron's safeStorage). A
   * refusal says why (`unsupported` in a browser; `basic-text-backend` on Linux without a keyring):
   * the key is then protected by the PIN alone (docs/security.md "Data at rest").
   */
  wrapSecret(plainBase64: string): Promise<KeychainResult>;
  unwrapSecret(wrappedBase64: string): Promise<KeychainResult>;
  /** Calls back when the system suspends or the screen locks; returns the unsubscribe function. */
  onSystemLock(callback: () => void): () => void;
  /**
   * Electron: calls `flush` when the window is about to close, and closes it once `flush` settles
   * (electron/main/close-guard.ts). A browser has no such hook (pagehide and the session journal
   * cover a closed tab). Returns the unsubscribe function.
   */
  onCloseRequest(flush: () => Promise<void>): () => void;
  /** Offers a file to save (a person's data export): the browser's download, in Electron too. */
  saveFile(fileName: string, mimeType: string, content: string): void;
  /**
   * The sync calls through the Electron main process, which holds the device token (decision 5).
   * Absent in the browser: the sync engine then uses `fetch` (renderer/features/sync).
   */
  readonly sync?: PlatformSync;
}

/** The sync channels of the IPC contract (shared/ipc/contract.ts), as the renderer calls them. */
export interface PlatformSync {
  setServer(request: IpcRequest<'sync:set-server'>): Promise<IpcResponse<'sync:set-server'>>;
  enrol(request: IpcRequest<'sync:enroll'>): Promise<IpcResponse<'sync:enroll'>>;
  status(): Promise<IpcResponse<'sync:status'>>;
  request(request: IpcRequest<'sync:request'>): Promise<IpcResponse<'sync:request'>>;
}
