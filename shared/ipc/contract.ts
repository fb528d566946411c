/**
 * The IPC contract between the renderer (through the preload) and the Electron main process: for
 * each channel, the zod schema of its request and of its response. The main process parses both
 * sides of every call with it; the preload exposes exactly one function per channel.
 *
 * Outcomes the user must understand (cancelled dialog, keychain refused, server unreachable) are
 * part of each response, with a `reason` code and a French `message`. Programming errors (bad
 * payload, untrusted sender) travel in the envelope's `error`, in English, naming every field path.
 */
import { z } from 'zod';
import { IPC_CHANNELS, type IpcChannel, LOCK_REASONS } from './channels';

export * from './channels';

const EmptyRequestSchema = z.object({}).strict();

/** A file name without a directory: what the save dialog proposes. */
export const PdfFileNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(
    /^[^\\/:*?"<>|\p{Cc}]+$/u,
    'must be a bare file name (no directory, no reserved character)',
  )
  .refine((name) => !name.startsWith('.'), 'must not start with a dot');

const Base64Schema = z.base64().max(8192);

/** A path on the sync server, relative to its base URL: no scheme, no host, no `..`, no `//`. */
export const SyncPathSchema = z
  .string()
  .max(2048)
  .regex(
    /^\/[A-Za-z0-9\-._~/]*(\?[A-Za-z0-9\-._~%=&+,]*)?$/,
    'must be an absolute path on the sync server, like /api/sync/pull?cursor=12',
  )
  .refine((path) => !/(^|\/)\.\.?(\/|$|\?)/.test(path), 'must not contain . or .. segments')
  .refine((path) => !path.split('?')[0]?.includes('//'), 'must not contain an empty segment');

export const HttpMethodSchema = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

export const EnrolmentCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{6,64}$/, 'must be 6 to 64 letters, digits or dashes');

const messageField = z.string().min(1).max(500);

export const SecureStoreFailureSchema = z.object({
  ok: z.literal(false),
  /**
   * `basic-text-backend`: Linux without a keyring, Electron would only obfuscate with a constant
   * key; `unavailable`: no OS keychain at all; `undecryptable`: wrapped by another user/machine.
   */
  reason: z.enum(['basic-text-backend', 'unavailable', 'undecryptable']),
  message: messageField,
});

export const SyncFailureSchema = z.object({
  ok: z.literal(false),
  reason: z.enum([
    'no-server',
    'not-enrolled',
    'rejected',
    'network',
    'timeout',
    'invalid-response',
  ]),
  message: messageField,
});

export const SyncStatusSchema = z.object({
  serverUrl: z.string().nullable(),
  deviceId: z.string().nullable(),
  enrolled: z.boolean(),
  /** False when the token lives in memory only (no usable OS keychain): re-enrol after restart. */
  tokenPersisted: z.boolean(),
});

export const LockEventSchema = z.object({ reason: z.enum(LOCK_REASONS) }).strict();

export const ipcContract = {
  'app:info': {
    request: EmptyRequestSchema,
    response: z.object({
      name: z.string(),
      version: z.string(),
      platform: z.string(),
      packaged: z.boolean(),
      electronVersion: z.string(),
    }),
  },
  'pdf:export': {
    request: z.object({ suggestedFileName: PdfFileNameSchema }).strict(),
    response: z.discriminatedUnion('status', [
      z.object({ status: z.literal('saved'), path: z.string().min(1) }),
      z.object({ status: z.literal('cancelled') }),
    ]),
  },
  'print:contract': {
    request: EmptyRequestSchema,
    response: z.discriminatedUnion('status', [
      z.object({ status: z.literal('printed') }),
      z.object({ status: z.literal('cancelled') }),
      z.object({ status: z.literal('failed'), message: messageField }),
    ]),
  },
  'secure-store:wrap': {
    request: z.object({ keyBase64: Base64Schema }).strict(),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), wrappedBase64: z.base64() }),
      SecureStoreFailureSchema,
    ]),
  },
  'secure-store:unwrap': {
    request: z.object({ wrappedBase64: Base64Schema }).strict(),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), keyBase64: z.base64() }),
      SecureStoreFailureSchema,
    ]),
  },
  'sync:set-server': {
    request: z.object({ url: z.string().trim().min(1).max(2048) }).strict(),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), status: SyncStatusSchema }),
      z.object({
        ok: z.literal(false),
        reason: z.enum(['invalid-url', 'insecure-url']),
        message: messageField,
      }),
    ]),
  },
  'sync:enroll': {
    request: z
      .object({ code: EnrolmentCodeSchema, deviceName: z.string().trim().min(1).max(80) })
      .strict(),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), status: SyncStatusSchema }),
      SyncFailureSchema,
    ]),
  },
  'sync:status': {
    request: EmptyRequestSchema,
    response: SyncStatusSchema,
  },
  'sync:request': {
    request: z
      .object({ method: HttpMethodSchema, path: SyncPathSchema, body: z.json().optional() })
      .strict(),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), status: z.number().int().min(100).max(599), body: z.json() }),
      SyncFailureSchema,
    ]),
  },
  'external:open': {
    request: z.object({ url: z.string().max(2048) }).strict(),
    response: z.discriminatedUnion('opened', [
      z.object({ opened: z.literal(true) }),
      z.object({
        opened: z.literal(false),
        reason: z.enum(['invalid-url', 'not-allowed']),
        message: messageField,
      }),
    ]),
  },
  'window:flushed': {
    request: EmptyRequestSchema,
    response: z.object({ closing: z.boolean() }),
  },
} as const satisfies Record<IpcChannel, { request: z.ZodType; response: z.ZodType }>;

export type IpcContract = typeof ipcContract;
export type IpcRequest<C extends IpcChannel> = z.input<IpcContract[C]['request']>;
export type IpcParsedRequest<C extends IpcChannel> = z.output<IpcContract[C]['request']>;
export type IpcResponse<C extends IpcChannel> = z.output<IpcContract[C]['response']>;
export type LockEvent = z.infer<typeof LockEventSchema>;

/** One failing field: a dotted path (`body.items[2].id`, or `(root)`) and what was expected. */
export interface IpcIssue {
  path: string;
  message: string;
}

export const IpcIssueSchema = z.object({ path: z.string(), message: z.string() });

export const IpcErrorSchema = z.object({
  code: z.enum([
    'unknown-channel',
    'forbidden-sender',
    'invalid-request',
    'invalid-response',
    'handler-failed',
  ]),
  message: z.string(),
  issues: z.array(IpcIssueSchema),
});

export type IpcError = z.infer<typeof IpcErrorSchema>;

/** What actually crosses the wire back to the preload for every call. */
export type IpcEnvelope<C extends IpcChannel> =
  { ok: true; value: IpcResponse<C> } | { ok: false; error: IpcError };

export type ParseResult<T> =
  { ok: true; value: T } | { ok: false; issues: IpcIssue[]; message: string };

export function formatIssuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((key, index) => {
      if (typeof key === 'number') return `[${key}]`;
      const name = String(key);
      return index === 0 ? name : `.${name}`;
    })
    .join('');
}

/** Parses with a schema; on failure, lists every failing field path, never only the first. */
export function parseWithIssues<S extends z.ZodType>(
  schema: S,
  payload: unknown,
  what: string,
): ParseResult<z.output<S>> {
  const result = schema.safeParse(payload);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.map((issue) => ({
    path: formatIssuePath(issue.path),
    message: issue.message,
  }));
  const listed = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  return { ok: false, issues, message: `invalid ${what}: ${listed}` };
}

/** Parses one side of a channel's contract. */
export function parseIpcPayload<C extends IpcChannel>(
  channel: C,
  side: 'request',
  payload: unknown,
): ParseResult<IpcParsedRequest<C>>;
export function parseIpcPayload<C extends IpcChannel>(
  channel: C,
  side: 'response',
  payload: unknown,
): ParseResult<IpcResponse<C>>;
export function parseIpcPayload<C extends IpcChannel>(
  channel: C,
  side: 'request' | 'response',
  payload: unknown,
): ParseResult<unknown> {
  return parseWithIssues(ipcContract[channel][side], payload, `${side} for ${channel}`);
}

/** Every channel of the contract, in a stable order (for registration loops and tests). */
export const ipcChannels: readonly IpcChannel[] = IPC_CHANNELS;
