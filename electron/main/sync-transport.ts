/**
 * The HTTP transport of the sync engine when it runs in Electron (ARCHITECTURE.md, decision 5):
 * the main process makes the call to the département's server and adds the device token, so the
 * renderer never sees the token and its CSP can forbid all network. Bodies are never logged.
 */
import { z } from 'zod';
import type { IpcParsedRequest, IpcResponse } from '../../shared/ipc/contract';
import { TRANSPORT_MESSAGES } from '../../shared/sync/transport-messages';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface SyncTransportOptions {
  /** Node's global fetch by default; main.ts passes Electron's `net.fetch` (system proxy, OS CAs). */
  fetch?: FetchLike;
  timeoutMs?: number;
  maxResponseBytes?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 20 * 1024 * 1024;

/**
 * Enrolment exchange (docs/sync-protocol.md): a one-time code given by the département's
 * administrator is traded for a long-lived device token.
 */
export const ENROLMENT_PATH = '/enrol';

export const EnrolmentAnswerSchema = z.object({
  deviceId: z.string().min(1).max(200),
  token: z.string().min(16).max(4096),
});

export type EnrolmentAnswer = z.infer<typeof EnrolmentAnswerSchema>;

type SyncFailure = Extract<IpcResponse<'sync:request'>, { ok: false }>;
type SyncOutcome = IpcResponse<'sync:request'>;

function fail(reason: SyncFailure['reason'], message: string): SyncFailure {
  return { ok: false, reason, message };
}

/** Joins the server base URL and a contract-checked path, and refuses any change of origin. */
export function buildSyncUrl(serverUrl: string, path: string): URL | null {
  const base = new URL(serverUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const url = new URL(`${base.origin}${basePath}${path}`);
  if (url.origin !== base.origin || !url.pathname.startsWith(`${basePath}/`)) return null;
  return url;
}

async function readBody(
  response: Response,
  maxBytes: number,
): Promise<{ ok: true; text: string } | SyncFailure> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return fail('invalid-response', TRANSPORT_MESSAGES.tooLarge);
  const buffer = await response.arrayBuffer();
  if (buffer.byteLength > maxBytes) return fail('invalid-response', TRANSPORT_MESSAGES.tooLarge);
  return { ok: true, text: new TextDecoder('utf-8', { fatal: false }).decode(buffer) };
}

function classifyThrown(thrown: unknown): SyncFailure {
  const name = typeof thrown === 'object' && thrown !== null && 'name' in thrown ? thrown.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return fail('timeout', TRANSPORT_MESSAGES.timeout);
  }
  return fail('network', TRANSPORT_MESSAGES.network);
}

interface RawCall {
  method: IpcParsedRequest<'sync:request'>['method'];
  url: URL;
  token: string | null;
  body: unknown;
}

async function callJson(call: RawCall, options: SyncTransportOptions): Promise<SyncOutcome> {
  const fetchImpl = options.fetch ?? fetch;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (call.token !== null) headers.Authorization = `Bearer ${call.token}`;
  const init: RequestInit = {
    method: call.method,
    headers,
    redirect: 'error',
    signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
  };
  if (call.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(call.body);
  }
  let response: Response;
  let body: { ok: true; text: string } | SyncFailure;
  try {
    response = await fetchImpl(call.url.href, init);
    body = await readBody(response, options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
  } catch (thrown) {
    return classifyThrown(thrown);
  }
  if (!body.ok) return body;
  if (body.text.trim() === '') return { ok: true, status: response.status, body: null };
  const contentType = response.headers.get('content-type') ?? '';
  if (!/^application\/([a-z.+-]+\+)?json\b/i.test(contentType)) {
    return fail(
      'invalid-response',
      `${TRANSPORT_MESSAGES.invalidResponse} (HTTP ${response.status})`,
    );
  }
  try {
    const parsed: unknown = JSON.parse(body.text);
    const json = z.json().safeParse(parsed);
    if (!json.success) return fail('invalid-response', TRANSPORT_MESSAGES.invalidResponse);
    return { ok: true, status: response.status, body: json.data };
  } catch {
    return fail(
      'invalid-response',
      `${TRANSPORT_MESSAGES.invalidResponse} (HTTP ${response.status})`,
    );
  }
}

export interface SyncCredentials {
  serverUrl: string;
  token: string;
}

/** One authenticated call on behalf of the renderer's sync engine. */
export async function sendSyncRequest(
  credentials: SyncCredentials,
  request: IpcParsedRequest<'sync:request'>,
  options: SyncTransportOptions = {},
): Promise<SyncOutcome> {
  const url = buildSyncUrl(credentials.serverUrl, request.path);
  if (url === null) return fail('invalid-response', TRANSPORT_MESSAGES.wrongOrigin);
  return callJson(
    { method: request.method, url, token: credentials.token, body: request.body },
    options,
  );
}

/** Trades an enrolment code for a device token; the token never leaves the main process. */
export async function enrollDevice(
  serverUrl: string,
  input: { code: string; deviceName: string },
  options: SyncTransportOptions = {},
): Promise<{ ok: true; answer: EnrolmentAnswer } | SyncFailure> {
  const url = buildSyncUrl(serverUrl, ENROLMENT_PATH);
  if (url === null) return fail('invalid-response', TRANSPORT_MESSAGES.wrongOrigin);
  const outcome = await callJson({ method: 'POST', url, token: null, body: input }, options);
  if (!outcome.ok) return outcome;
  if (outcome.status === 429) return fail('rejected', TRANSPORT_MESSAGES.tooManyAttempts);
  if (outcome.status >= 400 && outcome.status < 500)
    return fail('rejected', TRANSPORT_MESSAGES.refused);
  if (outcome.status < 200 || outcome.status >= 300) {
    return fail('network', `${TRANSPORT_MESSAGES.network} (HTTP ${outcome.status})`);
  }
  const answer = EnrolmentAnswerSchema.safeParse(outcome.body);
  if (!answer.success) return fail('invalid-response', TRANSPORT_MESSAGES.invalidResponse);
  return { ok: true, answer: answer.data };
}
