/**
 * Interviews on the laptop: every save writes the record, its summary (what the agenda lists) and
 * its outbox entry in ONE transaction (ARCHITECTURE decision 3), after encoding outside of it. The
 * outbox keeps at most one pending entry per interview, under a key derived from the interview's
 * id: a newer edit replaces it. That entry carries no copy of the interview — the row written with
 * it is its content — until the sync freezes it (renderer/storage/sync-store.ts).
 */
import { Dexie } from 'dexie';
import { type Interview } from '../../shared/domain';
import { parseOrThrow } from '../../shared/util/errors';
import type { PayloadContext, StoredPayload } from './codec';
import { WRITE_DURABILITY, type CodiagDatabase, type StorageContext } from './database';
import { classifyStorageError, userMessageOf } from './errors';
import {
  InterviewDocumentSchema,
  InterviewSummaryNamesSchema,
  pendingOutboxKey,
  summaryFieldsOf,
  summaryRowOf,
  type InterviewDocument,
  type InterviewRow,
  type InterviewSummaryFields,
  type InterviewSummaryNames,
  type InterviewSummaryRow,
  type OutboxEntry,
  type OutboxKey,
} from './records';

export const CURRENT_INTERVIEW_SCHEMA_VERSION = 1;

export class NewerSchemaError extends Error {
  constructor(readonly found: unknown) {
    super(
      `interview written with schema version ${String(found)}, newer than this app (${CURRENT_INTERVIEW_SCHEMA_VERSION}): update the app`,
    );
    this.name = 'NewerSchemaError';
  }
}

/**
 * Brings a stored document written by any earlier version of the app to the current shape, one
 * version at a time, before it is parsed. Version 1 is the first one: nothing to upgrade yet; a
 * future version 2 adds `case 1: doc = fromV1ToV2(doc)` and falls through.
 */
export function upgradeInterviewDocument(stored: unknown): unknown {
  if (typeof stored !== 'object' || stored === null) return stored;
  const doc = stored as { interview?: { schemaVersion?: unknown }; formDrafts?: unknown };
  const version = doc.interview?.schemaVersion;
  if (typeof version === 'number' && version > CURRENT_INTERVIEW_SCHEMA_VERSION) {
    throw new NewerSchemaError(version);
  }
  // A document saved before formDrafts existed has none.
  return doc.formDrafts === undefined ? { ...doc, formDrafts: {} } : doc;
}

export const interviewContext = (id: string): PayloadContext => ({ store: 'interviews', id });
const summaryContext = (id: string): PayloadContext => ({ store: 'interviewSummaries', id });

/** Decodes, upgrades and parses a stored interview row. */
export async function decodeInterviewRow(
  ctx: StorageContext,
  row: InterviewRow,
): Promise<InterviewDocument> {
  const raw = await ctx.codec.decode(row.payload, interviewContext(row.id));
  return parseOrThrow(
    InterviewDocumentSchema,
    upgradeInterviewDocument(raw),
    `interview ${row.id}`,
  );
}

/**
 * The server revision each interview's content in this tab is based on: the one read when it was
 * loaded, then the one the sync recorded for this tab's own edits (acknowledgement, conflict
 * resolved). A save writes it without reading the row first, so that its transaction needs no
 * turn of the page's main thread and commits at once (see `savePreparedInterview`).
 */
const knownRevisions = new WeakMap<CodiagDatabase, Map<string, number | null>>();
/** The sync transactions of this tab that are changing revisions right now (see below). */
const revisionWriters = new WeakMap<CodiagDatabase, number>();

function revisionsOf(db: CodiagDatabase): Map<string, number | null> {
  let known = knownRevisions.get(db);
  if (!known) {
    known = new Map();
    knownRevisions.set(db, known);
  }
  return known;
}

/** Tells the save path the revision an interview row now holds (after a sync wrote it). */
export function noteServerRevision(
  ctx: StorageContext,
  id: string,
  serverRevision: number | null,
): void {
  revisionsOf(ctx.db).set(id, serverRevision);
}

/**
 * Runs a sync step that writes revisions and then notes them (`noteServerRevision`). While it
 * runs, saves read the row's revision in their own transaction instead of trusting the one noted:
 * a save queued behind the step's transaction must not write back the revision it replaces.
 */
export async function changingRevisions<T>(
  ctx: StorageContext,
  step: () => Promise<T>,
): Promise<T> {
  revisionWriters.set(ctx.db, (revisionWriters.get(ctx.db) ?? 0) + 1);
  try {
    return await step();
  } finally {
    revisionWriters.set(ctx.db, (revisionWriters.get(ctx.db) ?? 1) - 1);
  }
}

export async function loadInterview(
  ctx: StorageContext,
  id: string,
): Promise<InterviewDocument | null> {
  const row = await ctx.db.interviews.get(id);
  if (!row) return null;
  noteServerRevision(ctx, id, row.serverRevision);
  return decodeInterviewRow(ctx, row);
}

export function interviewRowOf(
  interview: Interview,
  payload: StoredPayload,
  serverRevision: number | null,
  acknowledgedAt?: string | null,
): InterviewRow {
  return {
    ...summaryFieldsOf(interview),
    previousVersionId: interview.previousVersionId,
    serverRevision,
    ...(acknowledgedAt === undefined ? {} : { acknowledgedAt }),
    payload,
  };
}

function namesOf(interview: Interview): InterviewSummaryNames {
  return { firstName: interview.identity.firstName, lastName: interview.identity.lastName };
}

/** The two encoded payloads of a stored interview: the document and its summary's names. */
export interface EncodedInterview {
  payload: StoredPayload;
  summary: StoredPayload;
}

/**
 * Encodes an interview document for storage. Both encryptions start at once (before anything
 * else is queued): call it outside of any transaction.
 */
export async function encodeInterview(
  ctx: StorageContext,
  doc: InterviewDocument,
): Promise<EncodedInterview> {
  const { id } = doc.interview;
  const [payload, summary] = await Promise.all([
    ctx.codec.encode(doc, interviewContext(id)),
    ctx.codec.encode(namesOf(doc.interview), summaryContext(id)),
  ]);
  return { payload, summary };
}

/** The summary row to write beside an interview row. */
export function interviewSummaryRowOf(
  interview: Interview,
  encoded: EncodedInterview,
): InterviewSummaryRow {
  return summaryRowOf(interview, encoded.summary);
}

/** The pending outbox entry of an interview: no copy, the row is its content (see above). */
export function pendingInterviewEntry(
  interview: Interview,
  baseRevision: number | null,
  createdAt: string,
): OutboxEntry & { seq: string } {
  const entry = {
    entityType: 'interview',
    entityId: interview.id,
    baseRevision,
    createdAt,
    state: 'pending',
  } as const;
  return { seq: pendingOutboxKey(entry), ...entry };
}

export interface SaveResult {
  savedAt: string;
  outboxSeq: OutboxKey;
}

/** An interview document validated and encoded for storage: its save is only the writing. */
export interface PreparedInterview {
  doc: InterviewDocument;
  encoded: EncodedInterview;
}

/**
 * Validates (InterviewDocumentSchema: an invalid document is a bug in the caller, never written)
 * and encodes a document. The interview page prepares each edit after the frame that shows it,
 * so that the save that follows (a pause, a blur) writes at once.
 */
export async function prepareInterview(
  ctx: StorageContext,
  document: InterviewDocument,
): Promise<PreparedInterview> {
  const doc = parseOrThrow(InterviewDocumentSchema, document, `interview ${document.interview.id}`);
  return { doc, encoded: await encodeInterview(ctx, doc) };
}

/** Saves the whole document and queues the interview for sync (prepare, then write). */
export async function saveInterview(
  ctx: StorageContext,
  document: InterviewDocument,
): Promise<SaveResult> {
  return savePreparedInterview(ctx, await prepareInterview(ctx, document));
}

/**
 * Writes a prepared interview: its row, its summary and its pending outbox entry, in one
 * transaction.
 *
 * The usual case is a write-only transaction issued at once and committed explicitly, on the
 * database itself rather than through Dexie: it is on disk without waiting for the page's main
 * thread, which is busy drawing the page right after an edit or a blur (a transaction that
 * commits by itself waits for the page to have seen every request's answer). It trusts the
 * revision this tab noted for the interview (see `knownRevisions`). When there is none (an
 * interview this tab never loaded), while a sync step changes revisions, or when the database is
 * not open, the transaction reads the row first and writes the revision it holds.
 */
export function savePreparedInterview(
  ctx: StorageContext,
  prepared: PreparedInterview,
): Promise<SaveResult> {
  const { interview } = prepared.doc;
  const now = ctx.now();
  const known = revisionsOf(ctx.db);
  const trusted = known.has(interview.id) && !(revisionWriters.get(ctx.db) ?? 0);
  if (trusted && ctx.db.isOpen()) {
    const entry = pendingInterviewEntry(interview, known.get(interview.id) ?? null, now);
    return writeAtOnce(ctx.db, [
      [
        ctx.db.interviews.name,
        interviewRowOf(interview, prepared.encoded.payload, entry.baseRevision),
      ],
      [ctx.db.interviewSummaries.name, interviewSummaryRowOf(interview, prepared.encoded)],
      [ctx.db.outbox.name, entry],
    ]).then(
      () => ({ savedAt: now, outboxSeq: entry.seq }),
      (error: unknown) => Promise.reject(classifyStorageError(error)),
    );
  }
  return writeAfterReading(ctx, prepared, now);
}

/** Puts rows (store name, row) in one transaction committed at once; resolves once on disk. */
function writeAtOnce(db: CodiagDatabase, puts: readonly [string, unknown][]): Promise<void> {
  return new Promise((resolve, reject) => {
    const stores = puts.map(([store]) => store);
    const tx = db.backendDB().transaction(stores, 'readwrite', { durability: WRITE_DURABILITY });
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new DOMException('transaction aborted', 'AbortError'));
    try {
      for (const [store, row] of puts) tx.objectStore(store).put(row);
      tx.commit();
    } catch (error) {
      // A put refused at once (a row that cannot be stored): nothing of the others is kept.
      try {
        tx.abort();
      } catch {
        // Already finished: its abort event reports it.
      }
      reject(error);
    }
  });
}

/**
 * The save when the revision is not known: the transaction issues all its requests at once —
 * read the row, write row, summary and outbox entry — and writes again with the row's revision
 * when it is not the one assumed.
 */
async function writeAfterReading(
  ctx: StorageContext,
  prepared: PreparedInterview,
  now: string,
): Promise<SaveResult> {
  const { interview } = prepared.doc;
  const { encoded } = prepared;
  const known = revisionsOf(ctx.db);
  const assumed = known.get(interview.id) ?? null;
  const write = (serverRevision: number | null) => {
    const entry = pendingInterviewEntry(interview, serverRevision, now);
    return Promise.all([
      ctx.db.interviews.put(interviewRowOf(interview, encoded.payload, serverRevision)),
      ctx.db.outbox.put(entry),
    ]).then(() => entry.seq);
  };
  try {
    const outboxSeq = await ctx.db.transaction(
      'rw',
      [ctx.db.interviews, ctx.db.interviewSummaries, ctx.db.outbox],
      async () => {
        const [previous, seq] = await Promise.all([
          ctx.db.interviews.get(interview.id),
          write(assumed),
          ctx.db.interviewSummaries.put(interviewSummaryRowOf(interview, encoded)),
        ]);
        const actual = previous?.serverRevision ?? null;
        if (actual !== assumed) await write(actual);
        known.set(interview.id, actual);
        return seq;
      },
    );
    return { savedAt: now, outboxSeq };
  } catch (error) {
    throw classifyStorageError(error);
  }
}

/**
 * Queues a record for sync, replacing its pending entry if it has one (call inside a transaction
 * that includes the outbox). Entries already being sent are left alone: the newer edit follows.
 */
export async function enqueue(ctx: StorageContext, entry: OutboxEntry): Promise<OutboxKey> {
  const seq = pendingOutboxKey(entry);
  await ctx.db.outbox.put({ ...entry, state: 'pending', seq });
  return seq;
}

/** The ids of the records of `entityType` with anything in the outbox, read from the index only. */
export async function idsInOutbox(
  ctx: StorageContext,
  entityType: OutboxEntry['entityType'],
): Promise<Set<string>> {
  const keys = await ctx.db.outbox
    .where('[entityType+entityId+state]')
    .between([entityType, Dexie.minKey, Dexie.minKey], [entityType, Dexie.maxKey, Dexie.maxKey])
    .keys();
  const ids = new Set<string>();
  for (const key of keys) {
    if (Array.isArray(key) && typeof key[1] === 'string') ids.add(key[1]);
  }
  return ids;
}

export interface InterviewSummary extends InterviewSummaryFields {
  firstName: string;
  lastName: string;
  /** True while an outbox entry of this interview waits for the server. */
  awaitingSync: boolean;
  /** Set when the record cannot be read: shown, never silently dropped. */
  readError: string | null;
}

function listed(
  row: InterviewSummaryFields,
  awaitingSync: boolean,
  names: InterviewSummaryNames | null,
  error: unknown,
): InterviewSummary {
  return {
    ...summaryFieldsOf(row),
    awaitingSync,
    firstName: names?.firstName ?? '',
    lastName: names?.lastName ?? '',
    readError: names ? null : userMessageOf(error),
  };
}

/**
 * Every interview on the laptop, each whole document decoded for its name (a tampered or
 * unreadable record is listed with its French error). The agenda uses listAgendaInterviews.
 */
export async function listInterviews(ctx: StorageContext): Promise<InterviewSummary[]> {
  const [rows, waiting] = await ctx.db.transaction('r', ctx.db.interviews, ctx.db.outbox, () =>
    Promise.all([ctx.db.interviews.toArray(), idsInOutbox(ctx, 'interview')]),
  );
  return Promise.all(
    rows.map(async (row) => {
      try {
        const { interview } = await decodeInterviewRow(ctx, row);
        return listed(row, waiting.has(row.id), namesOf(interview), null);
      } catch (error) {
        return listed(row, waiting.has(row.id), null, error);
      }
    }),
  );
}

/**
 * What the agenda shows: the drafts and the closed interviews still waiting for the sync, read
 * from their summaries (small rows, the names alone decoded) — the interviews themselves and the
 * closed and synced ones, most of a laptop's history, are not read at all. A summary not built
 * yet (interviews stored before schema version 3) is built from its interview once, and stored.
 */
export async function listAgendaInterviews(ctx: StorageContext): Promise<InterviewSummary[]> {
  const [summaries, waiting] = await ctx.db.transaction(
    'r',
    ctx.db.interviewSummaries,
    ctx.db.outbox,
    async () => {
      const [drafts, waitingIds] = await Promise.all([
        ctx.db.interviewSummaries.where('status').equals('draft').toArray(),
        idsInOutbox(ctx, 'interview'),
      ]);
      const byId = new Map(drafts.map((row) => [row.id, row]));
      // Most entries waiting are drafts' own: only the closed ones remain to be read.
      const closed = [...waitingIds].filter((id) => !byId.has(id));
      const others = closed.length > 0 ? await ctx.db.interviewSummaries.bulkGet(closed) : [];
      for (const row of others) if (row) byId.set(row.id, row);
      // An interview waiting for the sync without a summary: built below from the interview.
      const missing = [...waitingIds].filter((id) => !byId.has(id));
      return [{ rows: [...byId.values()], missing }, waitingIds] as const;
    },
  );
  const unbuilt = [
    ...summaries.rows.filter((row) => row.payload === null).map((row) => row.id),
    ...summaries.missing,
  ];
  const [built, rebuilt] = await Promise.all([
    Promise.all(
      summaries.rows
        .filter((row): row is InterviewSummaryRow & { payload: StoredPayload } => !!row.payload)
        .map(async (row) => {
          try {
            const names = parseOrThrow(
              InterviewSummaryNamesSchema,
              await ctx.codec.decode(row.payload, summaryContext(row.id)),
              `interview summary ${row.id}`,
            );
            return listed(row, waiting.has(row.id), names, null);
          } catch (error) {
            return listed(row, waiting.has(row.id), null, error);
          }
        }),
    ),
    buildMissingSummaries(ctx, unbuilt, waiting),
  ]);
  return [...built, ...rebuilt];
}

/**
 * Builds the summaries of interviews that have none yet from the interviews themselves, lists
 * them, and stores the summaries — unless a writer stored one meanwhile (then it is newer).
 */
async function buildMissingSummaries(
  ctx: StorageContext,
  ids: readonly string[],
  waiting: ReadonlySet<string>,
): Promise<InterviewSummary[]> {
  if (ids.length === 0) return [];
  const rows = (await ctx.db.interviews.bulkGet([...ids])).flatMap((r) => (r ? [r] : []));
  const results = await Promise.all(
    rows.map(async (row) => {
      try {
        const { interview } = await decodeInterviewRow(ctx, row);
        const summary = summaryRowOf(
          row,
          await ctx.codec.encode(namesOf(interview), summaryContext(row.id)),
        );
        return { item: listed(row, waiting.has(row.id), namesOf(interview), null), summary };
      } catch (error) {
        return { item: listed(row, waiting.has(row.id), null, error), summary: null };
      }
    }),
  );
  const summaries = results.flatMap((r) => (r.summary ? [r.summary] : []));
  try {
    await ctx.db.transaction('rw', ctx.db.interviewSummaries, async () => {
      const current = await ctx.db.interviewSummaries.bulkGet(summaries.map((s) => s.id));
      await ctx.db.interviewSummaries.bulkPut(summaries.filter((_, i) => !current[i]?.payload));
    });
  } catch (error) {
    // Listing does not depend on it: the summaries are built again next time.
    console.error('interview summaries cannot be stored', error);
  }
  return results.map((r) => r.item);
}

/** The outbox entries, oldest first: frozen ones by number, then pending ones (for tests). */
export async function listOutbox(ctx: StorageContext): Promise<OutboxEntry[]> {
  return ctx.db.outbox.orderBy('seq').toArray();
}

/**
 * A correction of a closed interview: a new draft version linked to the previous one, which stays
 * closed and unchanged.
 */
export function correctionOf(closed: Interview, newId: string, now: string): Interview {
  if (closed.status !== 'closed') throw new Error(`interview ${closed.id} is not closed`);
  return {
    ...structuredClone(closed),
    id: newId,
    version: closed.version + 1,
    previousVersionId: closed.id,
    status: 'draft',
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    contract: {
      ...structuredClone(closed.contract),
      signatures: { beneficiary: null, peAdvisor: null, cdProfessional: null },
    },
  };
}
