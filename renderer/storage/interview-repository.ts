/**
 * Interviews on the laptop: every save writes the record and its outbox entry in ONE transaction
 * (ARCHITECTURE decision 3), after encoding both payloads outside of it. The outbox keeps at most
 * one pending entry per interview: a newer edit replaces the pending one.
 */
import { type Interview } from '../../shared/domain';
import { parseOrThrow } from '../../shared/util/errors';
import type { StorageContext } from './database';
import { classifyStorageError, userMessageOf } from './errors';
import {
  InterviewDocumentSchema,
  type InterviewDocument,
  type InterviewRow,
  type OutboxEntry,
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

async function decodeRow(ctx: StorageContext, row: InterviewRow): Promise<InterviewDocument> {
  const raw = await ctx.codec.decode(row.payload, { store: 'interviews', id: row.id });
  return parseOrThrow(
    InterviewDocumentSchema,
    upgradeInterviewDocument(raw),
    `interview ${row.id}`,
  );
}

export async function loadInterview(
  ctx: StorageContext,
  id: string,
): Promise<InterviewDocument | null> {
  const row = await ctx.db.interviews.get(id);
  return row ? decodeRow(ctx, row) : null;
}

export interface SaveResult {
  savedAt: string;
  outboxSeq: number;
}

/**
 * Saves the whole document and queues the interview for sync. The interview passed in is
 * validated first: an invalid one is a bug in the caller, never written.
 */
export async function saveInterview(
  ctx: StorageContext,
  document: InterviewDocument,
): Promise<SaveResult> {
  const doc = parseOrThrow(InterviewDocumentSchema, document, `interview ${document.interview.id}`);
  const { interview } = doc;
  const now = ctx.now();
  // Encode BEFORE the transaction: awaiting WebCrypto inside one would commit it early.
  const [payload, outboxPayload] = await Promise.all([
    ctx.codec.encode(doc, { store: 'interviews', id: interview.id }),
    ctx.codec.encode(interview, { store: 'outbox', id: `interview:${interview.id}` }),
  ]);
  try {
    return await ctx.db.transaction('rw', ctx.db.interviews, ctx.db.outbox, async () => {
      const previous = await ctx.db.interviews.get(interview.id);
      const row: InterviewRow = {
        id: interview.id,
        beneficiaryId: interview.beneficiaryId,
        status: interview.status,
        date: interview.date,
        updatedAt: interview.updatedAt,
        version: interview.version,
        previousVersionId: interview.previousVersionId,
        serverRevision: previous?.serverRevision ?? null,
        payload,
      };
      await ctx.db.interviews.put(row);
      const outboxSeq = await enqueue(ctx, {
        entityType: 'interview',
        entityId: interview.id,
        payload: outboxPayload,
        baseRevision: row.serverRevision,
        createdAt: now,
        state: 'pending',
      });
      return { savedAt: now, outboxSeq };
    });
  } catch (error) {
    throw classifyStorageError(error);
  }
}

/**
 * Adds an outbox entry, replacing the pending one of the same record (call inside a transaction
 * that includes the outbox). Entries already being sent are left alone: the newer edit follows.
 */
export async function enqueue(ctx: StorageContext, entry: OutboxEntry): Promise<number> {
  await ctx.db.outbox
    .where('[entityType+entityId+state]')
    .equals([entry.entityType, entry.entityId, 'pending'])
    .delete();
  const seq = await ctx.db.outbox.add(entry);
  if (seq === undefined) throw new Error('the outbox did not assign a sequence number');
  return seq;
}

export interface InterviewSummary {
  id: string;
  beneficiaryId: string;
  status: 'draft' | 'closed';
  date: string;
  updatedAt: string;
  version: number;
  firstName: string;
  lastName: string;
  /** True while an outbox entry of this interview waits for the server. */
  awaitingSync: boolean;
  /** Set when the record cannot be read: shown, never silently dropped. */
  readError: string | null;
}

/**
 * The interviews on the laptop, each decoded for its name. `openOnly` keeps the drafts and the
 * closed ones still waiting for the sync (what the agenda shows), found through the clear-text
 * indexes: the closed and synced interviews, most of a laptop's history, are not decoded at all.
 */
export async function listInterviews(
  ctx: StorageContext,
  options: { openOnly?: boolean } = {},
): Promise<InterviewSummary[]> {
  const [rows, outbox] = await ctx.db.transaction(
    'r',
    ctx.db.interviews,
    ctx.db.outbox,
    async (): Promise<[InterviewRow[], OutboxEntry[]]> => {
      const entries = await ctx.db.outbox.toArray();
      if (!options.openOnly) return [await ctx.db.interviews.toArray(), entries];
      const waitingIds = [
        ...new Set(entries.filter((e) => e.entityType === 'interview').map((e) => e.entityId)),
      ];
      const [drafts, waitingRows] = await Promise.all([
        ctx.db.interviews.where('status').equals('draft').toArray(),
        ctx.db.interviews.bulkGet(waitingIds),
      ]);
      const byId = new Map(drafts.map((r) => [r.id, r]));
      for (const r of waitingRows) if (r) byId.set(r.id, r);
      return [[...byId.values()], entries];
    },
  );
  const waiting = new Set(
    outbox.filter((e) => e.entityType === 'interview').map((e) => e.entityId),
  );
  return Promise.all(
    rows.map(async (row): Promise<InterviewSummary> => {
      const base = {
        id: row.id,
        beneficiaryId: row.beneficiaryId,
        status: row.status,
        date: row.date,
        updatedAt: row.updatedAt,
        version: row.version,
        awaitingSync: waiting.has(row.id),
      };
      try {
        const { interview } = await decodeRow(ctx, row);
        return {
          ...base,
          firstName: interview.identity.firstName,
          lastName: interview.identity.lastName,
          readError: null,
        };
      } catch (error) {
        return {
          ...base,
          firstName: '',
          lastName: '',
          readError: userMessageOf(error),
        };
      }
    }),
  );
}

/** The pending and in-flight outbox entries, oldest first (for the sync engine and tests). */
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
