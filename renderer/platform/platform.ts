/**
 * What the renderer needs from where it runs (ARCHITECTURE decision 6): in Electron the preload's
 * `window.codiag`, in a plain browser the browser's own APIs. Components only see this interface.
 */
import type { PersistenceInfo } from '../storage/persistence';

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
   * Wraps the local data key with the OS keychain (security issue). `null` when the platform has
   * no keychain (the browser): the caller falls back to a PIN-derived key.
   */
  wrapSecret(keyBase64: string): Promise<string | null>;
  unwrapSecret(wrappedBase64: string): Promise<string | null>;
}
