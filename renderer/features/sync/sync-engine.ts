/**
 * The laptop's sync engine (issue 4, docs/sync-protocol.md): push the outbox in batches of
 * consecutive mutation ids (assigned and stored before sending, so a replay is identical), retry
 * with exponential backoff and jitter, store each answer (applied, conflict, rejected), then pull
 * the département's changes page by page after the stored cursor, then purge what the server
 * acknowledged long enough ago. Independent of React: the UI and the tests drive it the same way.
 */
import {
  DEFAULT_PULL_LIMIT,
  ErrorResponseSchema,
  MAX_MUTATIONS_PER_PUSH,
  PullResponseSchema,
  PushResponseSchema,
} from '../../../shared/sync/messages';
import {
  applyPullPage,
  countSyncItems,
  freezePendingEntries,
  listSendingEntries,
  mutationOf,
  noteLastAppliedMutationId,
  purgeAcknowledgedInterviews,
  readCursor,
  recordPushResults,
  renumberSendingEntries,
  writeSyncAttempt,
  type StorageContext,
} from '../../storage';
import type { SyncPath, SyncTransport, TransportOutcome } from './transport';

export type SyncOutcome =
  /** Everything sent was answered and every page pulled. */
  | 'done'
  /** The server could not be reached (after the retries): nothing lost, try later. */
  | 'offline'
  | 'not-enrolled'
  /** The token was refused (revoked, or the server was reinstalled): enrol again. */
  | 'unauthorized'
  /** The server answered with an error the laptop cannot fix by retrying now. */
  | 'error';

export interface SyncProgress {
  phase: 'push' | 'pull' | 'purge' | 'done';
  /** Mutations sent in this run (a replay counts again). */
  sent: number;
  /** Answered `applied` in this run. */
  acknowledged: number;
  conflicts: number;
  rejected: number;
  /** Still waiting to be sent or answered. */
  remaining: number;
  pulled: number;
}

export interface SyncReport extends SyncProgress {
  outcome: SyncOutcome;
  /** In French, for the screen; null when everything went well. */
  message: string | null;
  warnings: string[];
  purged: number;
  startedAt: string;
  finishedAt: string;
}

export interface RetryPolicy {
  /** Tries per request, the first included. */
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export interface SyncEngineOptions {
  storage: StorageContext;
  transport: SyncTransport;
  batchSize?: number;
  pullLimit?: number;
  retry?: Partial<RetryPolicy>;
  /** Injected for tests (no real waiting) and for the jitter. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Skip the purge (tests of other rules). */
  purge?: boolean;
}

export interface SyncEngine {
  /** Runs one sync; a call while one runs returns the running one. */
  sync(): Promise<SyncReport>;
  isRunning(): boolean;
  /** Follows the progress of every run; returns the unsubscribe function. */
  subscribe(listener: (progress: SyncProgress) => void): () => void;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseMs: 500, maxMs: 8_000 };
const MAX_GAP_RESYNCS = 3;
const MAX_PULL_PAGES = 10_000;

/** Exponential backoff with "equal jitter": half the delay fixed, half random. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

const MESSAGES = {
  unauthorized:
    'Le serveur ne reconnaît plus ce poste (jeton révoqué ou serveur réinstallé) : enrôlez-le à nouveau. Les données restent sur ce poste.',
  server: (status: number) =>
    `Le serveur du département a répondu par une erreur (HTTP ${status}). Les données restent sur ce poste ; nouvel essai plus tard.`,
  idReused:
    'Le serveur a déjà reçu d’autres données sous les mêmes numéros de modification. Contactez l’administrateur : rien n’est effacé de ce poste.',
  gapLoop:
    'Les numéros de modification de ce poste ne correspondent pas à ceux du serveur. Contactez l’administrateur : rien n’est effacé de ce poste.',
  invalidRequest: (paths: string) =>
    `Le serveur a refusé l’envoi comme invalide (${paths}). Contactez l’administrateur : rien n’est effacé de ce poste.`,
  tooLarge: 'Un entretien est trop volumineux pour être envoyé. Contactez l’administrateur.',
  invalidAnswer: 'Le serveur a envoyé une réponse illisible. Nouvel essai plus tard.',
  local: (detail: string) => `Erreur locale pendant la synchronisation : ${detail}`,
} as const;

class StopSync extends Error {
  constructor(
    readonly outcome: Exclude<SyncOutcome, 'done'>,
    readonly userMessage: string,
  ) {
    super(userMessage);
    this.name = 'StopSync';
  }
}

function isRetryable(outcome: TransportOutcome): boolean {
  if (!outcome.ok) return outcome.reason === 'network' || outcome.reason === 'timeout';
  return outcome.status >= 500 || outcome.status === 429;
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { storage, transport } = options;
  const batchSize = Math.min(options.batchSize ?? 50, MAX_MUTATIONS_PER_PUSH);
  const pullLimit = options.pullLimit ?? DEFAULT_PULL_LIMIT;
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const random = options.random ?? Math.random;
  const listeners = new Set<(progress: SyncProgress) => void>();
  let running: Promise<SyncReport> | null = null;

  async function post(path: SyncPath, body: unknown): Promise<TransportOutcome> {
    let outcome: TransportOutcome = await transport.post(path, body);
    for (let attempt = 1; attempt < retry.attempts && isRetryable(outcome); attempt++) {
      await sleep(backoffDelay(attempt - 1, retry, random));
      outcome = await transport.post(path, body);
    }
    return outcome;
  }

  /** Turns a failed or unexpected answer into the reason the run stops. */
  function stopFor(outcome: TransportOutcome): StopSync {
    if (!outcome.ok) {
      if (outcome.reason === 'not-enrolled' || outcome.reason === 'no-server') {
        return new StopSync('not-enrolled', outcome.message);
      }
      if (outcome.reason === 'invalid-response') return new StopSync('error', outcome.message);
      return new StopSync('offline', outcome.message);
    }
    if (outcome.status === 401) return new StopSync('unauthorized', MESSAGES.unauthorized);
    if (outcome.status >= 500 || outcome.status === 429) {
      return new StopSync('offline', MESSAGES.server(outcome.status));
    }
    const error = ErrorResponseSchema.safeParse(outcome.body);
    if (error.success && error.data.error.code === 'invalid-request') {
      const paths = (error.data.error.issues ?? []).map((i) => i.path).slice(0, 5);
      return new StopSync('error', MESSAGES.invalidRequest(paths.join(', ') || 'requête'));
    }
    return new StopSync('error', MESSAGES.server(outcome.status));
  }

  async function run(): Promise<SyncReport> {
    const startedAt = storage.now();
    const progress: SyncProgress = {
      phase: 'push',
      sent: 0,
      acknowledged: 0,
      conflicts: 0,
      rejected: 0,
      remaining: 0,
      pulled: 0,
    };
    const warnings: string[] = [];
    let purged = 0;
    const emit = async (phase: SyncProgress['phase']) => {
      progress.phase = phase;
      progress.remaining = (await countSyncItems(storage)).waiting;
      for (const listener of listeners) listener({ ...progress });
    };

    const finish = async (outcome: SyncOutcome, message: string | null): Promise<SyncReport> => {
      const finishedAt = storage.now();
      await writeSyncAttempt(
        storage,
        { at: finishedAt, outcome, message },
        {
          succeeded: outcome === 'done',
          ...(outcome === 'unauthorized' ? { needsEnrolment: true } : {}),
          ...(outcome === 'done' ? { needsEnrolment: false } : {}),
        },
      );
      await emit('done');
      return { ...progress, outcome, message, warnings, purged, startedAt, finishedAt };
    };

    try {
      await freezePendingEntries(storage);
      await emit('push');
      await pushAll(progress, emit);
      await emit('pull');
      await pullAll(progress, warnings, emit);
      if (options.purge !== false) {
        await emit('purge');
        purged = (await purgeAcknowledgedInterviews(storage)).length;
      }
      return await finish('done', null);
    } catch (error) {
      if (error instanceof StopSync) return finish(error.outcome, error.userMessage);
      const detail = error instanceof Error ? error.message : String(error);
      return finish('error', MESSAGES.local(detail));
    }
  }

  async function pushAll(
    progress: SyncProgress,
    emit: (phase: SyncProgress['phase']) => Promise<void>,
  ): Promise<void> {
    let size = batchSize;
    let gapResyncs = 0;
    for (;;) {
      const sending = await listSendingEntries(storage);
      if (sending.length === 0) return;
      const batch = sending.slice(0, size);
      const mutations = await Promise.all(batch.map((entry) => mutationOf(storage, entry)));
      progress.sent += mutations.length;
      const outcome = await post('/sync/push', { mutations });
      if (!outcome.ok) throw stopFor(outcome);
      if (outcome.status === 200) {
        const response = PushResponseSchema.safeParse(outcome.body);
        if (!response.success) throw new StopSync('error', MESSAGES.invalidAnswer);
        const counts = await recordPushResults(storage, response.data.results);
        await noteLastAppliedMutationId(storage, response.data.lastAppliedMutationId);
        progress.acknowledged += counts.applied;
        progress.conflicts += counts.conflict;
        progress.rejected += counts.rejected;
        await emit('push');
        continue;
      }
      if (outcome.status === 409) {
        const error = ErrorResponseSchema.safeParse(outcome.body);
        const code = error.success ? error.data.error.code : null;
        const expected = error.success ? error.data.error.expectedMutationId : undefined;
        if (code === 'mutation-gap' && expected !== undefined) {
          gapResyncs += 1;
          if (gapResyncs > MAX_GAP_RESYNCS) throw new StopSync('error', MESSAGES.gapLoop);
          await renumberSendingEntries(storage, expected);
          continue;
        }
        if (code === 'mutation-id-reused') throw new StopSync('error', MESSAGES.idReused);
      }
      if (outcome.status === 413) {
        if (size === 1) throw new StopSync('error', MESSAGES.tooLarge);
        size = Math.ceil(size / 2);
        continue;
      }
      throw stopFor(outcome);
    }
  }

  async function pullAll(
    progress: SyncProgress,
    warnings: string[],
    emit: (phase: SyncProgress['phase']) => Promise<void>,
  ): Promise<void> {
    let cursor = await readCursor(storage);
    for (let page = 0; page < MAX_PULL_PAGES; page++) {
      const outcome = await post('/sync/pull', { cursor, limit: pullLimit });
      if (!outcome.ok || outcome.status !== 200) throw stopFor(outcome);
      const response = PullResponseSchema.safeParse(outcome.body);
      if (!response.success) throw new StopSync('error', MESSAGES.invalidAnswer);
      const summary = await applyPullPage(storage, response.data, {
        reset: response.data.reset === true,
      });
      warnings.push(...summary.warnings);
      progress.pulled += response.data.changes.length;
      cursor = response.data.nextCursor;
      await emit('pull');
      if (!response.data.hasMore) return;
    }
  }

  return {
    sync: () => {
      running ??= run().finally(() => {
        running = null;
      });
      return running;
    },
    isRunning: () => running !== null,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
