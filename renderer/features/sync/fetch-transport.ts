/**
 * The browser build's transport: `fetch` to the département's server. The device token is kept in
 * the local database through the storage codec (encrypted at rest when the database is), never in
 * localStorage. Bodies are never logged.
 */
import { EnrolResponseSchema } from '../../../shared/sync/messages';
import {
  loadDeviceCredentials,
  saveDeviceCredentials,
  type DeviceCredentials,
  type StorageContext,
} from '../../storage';
import {
  TRANSPORT_MESSAGES,
  type EnrolOutcome,
  type SyncTransport,
  type TransportOutcome,
  type TransportStatus,
} from './transport';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface FetchTransportOptions {
  storage: StorageContext;
  fetch?: FetchLike;
  timeoutMs?: number;
}

/**
 * Checks a server address: https, or http on this computer only (a test or a demo server). The
 * path is kept (a server behind a reverse proxy under /codiag).
 */
export function normalizeServerUrl(
  input: string,
): { ok: true; url: string } | { ok: false; reason: 'invalid-url' | 'insecure-url' } {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, reason: 'invalid-url' };
  }
  if (url.username || url.password || url.search || url.hash) {
    return { ok: false, reason: 'invalid-url' };
  }
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    return { ok: false, reason: url.protocol === 'http:' ? 'insecure-url' : 'invalid-url' };
  }
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

function statusOf(credentials: DeviceCredentials | null): TransportStatus {
  return {
    serverUrl: credentials?.serverUrl ?? null,
    deviceId: credentials?.deviceId ?? null,
    enrolled: credentials !== null,
    professional: credentials?.professional ?? null,
  };
}

async function readJson(response: Response): Promise<{ ok: true; body: unknown } | null> {
  const text = await response.text();
  if (text.trim() === '') return { ok: true, body: null };
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return null;
  }
}

function failure(thrown: unknown): TransportOutcome {
  const name = thrown instanceof Error ? thrown.name : '';
  return name === 'TimeoutError' || name === 'AbortError'
    ? { ok: false, reason: 'timeout', message: TRANSPORT_MESSAGES.timeout }
    : { ok: false, reason: 'network', message: TRANSPORT_MESSAGES.network };
}

export function createFetchTransport(options: FetchTransportOptions): SyncTransport {
  const { storage } = options;
  const doFetch: FetchLike = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function call(url: string, body: unknown, token: string | null): Promise<TransportOutcome> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Content-Type': 'application/json',
    };
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    try {
      const response = await doFetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        redirect: 'error',
        cache: 'no-store',
        signal: AbortSignal.timeout(timeoutMs),
      });
      const json = await readJson(response);
      if (!json) {
        return {
          ok: false,
          reason: 'invalid-response',
          message: `${TRANSPORT_MESSAGES.invalidResponse} (HTTP ${response.status})`,
        };
      }
      return { ok: true, status: response.status, body: json.body };
    } catch (thrown) {
      return failure(thrown);
    }
  }

  return {
    kind: 'fetch',
    status: async () => statusOf(await loadDeviceCredentials(storage)),
    enrol: async (input): Promise<EnrolOutcome> => {
      const server = normalizeServerUrl(input.serverUrl);
      if (!server.ok) {
        return {
          ok: false,
          reason: server.reason,
          message:
            server.reason === 'insecure-url'
              ? TRANSPORT_MESSAGES.insecureUrl
              : TRANSPORT_MESSAGES.invalidUrl,
        };
      }
      const outcome = await call(
        `${server.url}/enrol`,
        { code: input.code.trim(), deviceName: input.deviceName.trim() },
        null,
      );
      if (!outcome.ok) {
        return {
          ok: false,
          reason: outcome.reason === 'invalid-response' ? 'invalid-response' : 'network',
          message: outcome.message,
        };
      }
      if (outcome.status === 401 || outcome.status === 400) {
        return { ok: false, reason: 'refused', message: TRANSPORT_MESSAGES.refused };
      }
      if (outcome.status === 429) {
        return { ok: false, reason: 'refused', message: TRANSPORT_MESSAGES.tooManyAttempts };
      }
      const answer = EnrolResponseSchema.safeParse(outcome.body);
      if (outcome.status !== 200 || !answer.success) {
        return {
          ok: false,
          reason: 'invalid-response',
          message: `${TRANSPORT_MESSAGES.invalidResponse} (HTTP ${outcome.status})`,
        };
      }
      const credentials: DeviceCredentials = {
        serverUrl: server.url,
        deviceId: answer.data.deviceId,
        token: answer.data.token,
        professional: answer.data.professional,
      };
      await saveDeviceCredentials(storage, credentials);
      return { ok: true, status: statusOf(credentials) };
    },
    post: async (path, body) => {
      const credentials = await loadDeviceCredentials(storage);
      if (!credentials) {
        return { ok: false, reason: 'not-enrolled', message: TRANSPORT_MESSAGES.notEnrolled };
      }
      return call(`${credentials.serverUrl}${path}`, body, credentials.token);
    },
  };
}
