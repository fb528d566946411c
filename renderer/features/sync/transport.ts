/**
 * The sync engine's transport (ARCHITECTURE decision 5): the same engine runs over `fetch` in the
 * browser build (the token lives in the local database, through the storage codec) and over the
 * Electron main process (which holds the token; the renderer's CSP forbids all network).
 */

/** Why a call did not reach the server or could not be read. Nothing was changed locally. */
export type TransportFailureReason =
  'no-server' | 'not-enrolled' | 'network' | 'timeout' | 'invalid-response';

export type TransportOutcome =
  | { ok: true; status: number; body: unknown }
  | { ok: false; reason: TransportFailureReason; message: string };

export interface TransportStatus {
  serverUrl: string | null;
  deviceId: string | null;
  enrolled: boolean;
  /** Who the device was enrolled for, when the transport knows it. */
  professional: { name: string; role: string; territory: string } | null;
}

export type EnrolOutcome =
  | { ok: true; status: TransportStatus }
  | {
      ok: false;
      reason: 'invalid-url' | 'insecure-url' | 'refused' | 'network' | 'invalid-response';
      message: string;
    };

export type SyncPath = '/sync/push' | '/sync/pull';

export interface SyncTransport {
  readonly kind: 'fetch' | 'electron';
  status(): Promise<TransportStatus>;
  /** Trades a one-time enrolment code for the device token, kept by the transport. */
  enrol(input: { serverUrl: string; code: string; deviceName: string }): Promise<EnrolOutcome>;
  /** An authenticated POST to the sync server; the body is JSON. */
  post(path: SyncPath, body: unknown): Promise<TransportOutcome>;
}

export { TRANSPORT_MESSAGES } from '../../../shared/sync/transport-messages';
