/**
 * What the sync engine keeps on the laptop (ARCHITECTURE decision 4, docs/sync-protocol.md):
 * mutation ids assigned durably before sending, the server's answers on the outbox entries
 * (acknowledged entries leave, conflicts and rejections stay and are shown), the pull cursor, the
 * pulled records, the device credentials of the browser build, and the purge of personal data the
 * server acknowledged. Every change of state is one Dexie transaction; encoding happens before it.
 */
import { Dexie } from 'dexie';
import { z } from 'zod';
import { InterviewSchema, type Interview } from '../../shared/domain';
import { loadVerifiedReferential, type Referential } from '../../shared/referential';
import { isServiceWithdrawal } from '../../shared/services';
import type { Change, MutationResult, PullResponse } from '../../shared/sync/messages';
import { parseOrThrow } from '../../shared/util/errors';
import { identityCodec, type PayloadContext, type StoredPayload, isStoredPayload } from './codec';
import type { StorageContext } from './database';
import { encodeDeclaration } from './declarations';
import { catalogueChanged, COMMUNES_META_PREFIX, EPCI_META_PREFIX } from './service-repository';
import {
  changingRevisions,
  decodeInterviewRow,
  encodeInterview,
  interviewRowOf,
  interviewSummaryRowOf,
  noteServerRevision,
  pendingInterviewEntry,
} from './interview-repository';
import {
  AgendaEntrySchema,
  pendingOutboxKey,
  type AgendaEntry,
  type InterviewRow,
  type OutboxEntry,
  type OutboxKey,
} from './records';

export const SYNC_META = {
  nextMutationId: 'sync:next-mutation-id',
  cursor: 'sync:cursor',
  lastSyncAt: 'sync:last-sync-at',
  lastAttempt: 'sync:last-attempt',
  retentionDays: 'sync:retention-days',
  credentials: 'sync:credentials',
  needsEnrolment: 'sync:needs-enrolment',
} as const;
const NOTICE_PREFIX = 'sync:notice:';
const REFERENTIAL_PREFIX = 'sync:referential:';
const STRUCTURE_PREFIX = 'sync:structure:';
const PURGED_PREFIX = 'sync:purged:';

/** Entity types protocol v1 lets a laptop push; others stay local (see docs/sync-protocol.md). */
export const PUSHED_OUTBOX_TYPES: readonly OutboxEntry['entityType'][] = ['interview'];
export const DEFAULT_RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;

const outboxContext = (entry: Pick<OutboxEntry, 'entityType' | 'entityId'>): PayloadContext => ({
  store: 'outbox',
  id: `${entry.entityType}:${entry.entityId}`,
});
const conflictContext = (conflictId: string): PayloadContext => ({
  store: 'outbox',
  id: `conflict:${conflictId}`,
});
const CREDENTIALS_CONTEXT: PayloadContext = { store: 'outbox', id: 'sync:credentials' };

/**
 * Decodes with the storage codec; a payload still written by the identity codec (before the
 * database was encrypted: the re-encryption rewrites only the rows' own `payload`) is read as is.
 */
async function decode(
  ctx: StorageContext,
  stored: StoredPayload,
  context: PayloadContext,
): Promise<unknown> {
  if (stored.codec === identityCodec.id && ctx.codec.id !== identityCodec.id) {
    return identityCodec.decode(stored, context);
  }
  return ctx.codec.decode(stored, context);
}

async function readMeta<T extends z.ZodType>(
  ctx: StorageContext,
  key: string,
  schema: T,
): Promise<z.output<T> | undefined> {
  const row = await ctx.db.meta.get(key);
  if (row === undefined) return undefined;
  return parseOrThrow(schema, row.value, `meta ${key}`);
}

const isPushed = (entry: OutboxEntry) => PUSHED_OUTBOX_TYPES.includes(entry.entityType);

// ---------------------------------------------------------------------------------------------
// Mutation ids

/** The next mutation id this device will assign (1 on a fresh laptop). */
export async function readNextMutationId(ctx: StorageContext): Promise<number> {
  return (await readMeta(ctx, SYNC_META.nextMutationId, z.number().int().min(1))) ?? 1;
}

/** How many entries of a record the outbox holds, in any state (read from the index only). */
function countOutboxEntriesOf(
  ctx: StorageContext,
  entityType: OutboxEntry['entityType'],
  entityId: string,
): Promise<number> {
  return ctx.db.outbox
    .where('[entityType+entityId+state]')
    .between([entityType, entityId, Dexie.minKey], [entityType, entityId, Dexie.maxKey])
    .count();
}

/** Older first: entries numbered by the store, then pending ones by the time of their edit. */
function byCreation(a: OutboxEntry, b: OutboxEntry): number {
  const numbered = (e: OutboxEntry) => (typeof e.seq === 'number' ? e.seq : Infinity);
  return (
    numbered(a) - numbered(b) ||
    a.createdAt.localeCompare(b.createdAt) ||
    String(a.seq).localeCompare(String(b.seq))
  );
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Freezes every pending entry of a pushed type: it gets the next mutation id, the state `sending`
 * and its own copy of the record, and the next id is stored, all in one transaction BEFORE
 * anything is sent. From then on the entry's content and id never change until the server
 * answers, so a replay after a crash or a lost answer sends exactly the same mutation (the
 * server's idempotence relies on it).
 *
 * A pending interview entry has no copy: the interview row is its content. The copy is made here,
 * re-encoded for the outbox (decoded and encoded before the transaction, which then checks that
 * neither the entry nor the row changed meanwhile; one that did is left pending for the next
 * sync). A record that cannot be read stays pending; the sync page lists it with its error.
 */
export async function freezePendingEntries(ctx: StorageContext): Promise<number> {
  const { pending, rows } = await ctx.db.transaction(
    'r',
    ctx.db.outbox,
    ctx.db.interviews,
    async () => {
      const entries = (await ctx.db.outbox.where('state').equals('pending').toArray()).filter(
        isPushed,
      );
      const pointed = await ctx.db.interviews.bulkGet(
        entries.filter((e) => !e.payload).map((e) => e.entityId),
      );
      return {
        pending: entries,
        rows: new Map(pointed.flatMap((r) => (r ? [[r.id, r] as const] : []))),
      };
    },
  );
  if (pending.length === 0) return 0;
  const copies = new Map<OutboxKey | undefined, { payload: StoredPayload; row: InterviewRow }>();
  for (const entry of pending) {
    const row = entry.payload ? undefined : rows.get(entry.entityId);
    if (!row) continue;
    try {
      const { interview } = await decodeInterviewRow(ctx, row);
      copies.set(entry.seq, {
        payload: await ctx.codec.encode(interview, outboxContext(entry)),
        row,
      });
    } catch (error) {
      console.error(`outbox entry ${String(entry.seq)} cannot be frozen`, error);
    }
  }
  return ctx.db.transaction('rw', ctx.db.outbox, ctx.db.interviews, ctx.db.meta, async () => {
    let next = await readNextMutationId(ctx);
    let frozen = 0;
    for (const entry of [...pending].sort(byCreation)) {
      const { seq, ...fields } = entry;
      if (seq === undefined) continue;
      if (!sameJson(await ctx.db.outbox.get(seq), entry)) continue; // replaced meanwhile
      let payload = entry.payload;
      if (!payload) {
        const copy = copies.get(seq);
        const row = copy && (await ctx.db.interviews.get(entry.entityId));
        if (!copy || !row || !sameJson(row.payload, copy.row.payload)) continue;
        payload = copy.payload;
      }
      const sending: OutboxEntry = { ...fields, payload, state: 'sending', mutationId: next };
      if (typeof seq === 'number') {
        await ctx.db.outbox.put({ ...sending, seq });
      } else {
        // The pending key is the record's: a frozen entry takes the next number.
        await ctx.db.outbox.delete(seq);
        await ctx.db.outbox.add(sending);
      }
      next += 1;
      frozen += 1;
    }
    if (frozen > 0) await ctx.db.meta.put({ key: SYNC_META.nextMutationId, value: next });
    return frozen;
  });
}

/** Entries sent or to send, in mutation id order. */
export async function listSendingEntries(ctx: StorageContext): Promise<OutboxEntry[]> {
  const sending = await ctx.db.outbox.where('state').equals('sending').toArray();
  return sending.sort((a, b) => (a.mutationId ?? 0) - (b.mutationId ?? 0));
}

/**
 * The server expects `expected` next (409 mutation-gap: it lost ids, e.g. restored from a backup):
 * the unanswered entries are numbered again from there, in their order.
 */
export async function renumberSendingEntries(ctx: StorageContext, expected: number): Promise<void> {
  await ctx.db.transaction('rw', ctx.db.outbox, ctx.db.meta, async () => {
    const sending = await listSendingEntries(ctx);
    let next = expected;
    for (const entry of sending) {
      if (entry.seq !== undefined) await ctx.db.outbox.update(entry.seq, { mutationId: next });
      next += 1;
    }
    await ctx.db.meta.put({ key: SYNC_META.nextMutationId, value: next });
  });
}

/** Never assign an id the server already recorded (a laptop restored from an old copy). */
export async function noteLastAppliedMutationId(
  ctx: StorageContext,
  lastApplied: number,
): Promise<void> {
  await ctx.db.transaction('rw', ctx.db.meta, async () => {
    const next = await readNextMutationId(ctx);
    if (next <= lastApplied) {
      await ctx.db.meta.put({ key: SYNC_META.nextMutationId, value: lastApplied + 1 });
    }
  });
}

/** The mutation a frozen entry stands for, decoded (the same content at every replay). */
export async function mutationOf(
  ctx: StorageContext,
  entry: OutboxEntry,
): Promise<{
  mutationId: number;
  entityType: string;
  entityId: string;
  baseRevision: number | null;
  schemaVersion: number;
  payload: unknown;
}> {
  if (entry.mutationId === undefined || !entry.payload) {
    throw new Error(`outbox entry ${String(entry.seq)} is not frozen`);
  }
  const payload = await decode(ctx, entry.payload, outboxContext(entry));
  const version =
    typeof payload === 'object' && payload !== null && 'schemaVersion' in payload
      ? payload.schemaVersion
      : undefined;
  return {
    mutationId: entry.mutationId,
    entityType: entry.entityType,
    entityId: entry.entityId,
    baseRevision: entry.baseRevision,
    schemaVersion: typeof version === 'number' ? version : 1,
    payload,
  };
}

export interface ResultCounts {
  applied: number;
  conflict: number;
  rejected: number;
}

/**
 * Stores the server's answers. `applied` is the acknowledgement: the entry leaves the outbox and
 * the interview takes the server revision (its next edit is based on it); `conflict` keeps the
 * server's version beside ours on the entry; `rejected` keeps the entry with the reason.
 */
export function recordPushResults(
  ctx: StorageContext,
  results: readonly MutationResult[],
): Promise<ResultCounts> {
  return changingRevisions(ctx, () => recordResults(ctx, results));
}

async function recordResults(
  ctx: StorageContext,
  results: readonly MutationResult[],
): Promise<ResultCounts> {
  const now = ctx.now();
  const encodedCurrent = new Map<number, StoredPayload>();
  for (const result of results) {
    if (result.status === 'conflict') {
      encodedCurrent.set(
        result.mutationId,
        await ctx.codec.encode(result.current.payload, conflictContext(result.conflictId)),
      );
    }
  }
  const revisions = new Map<string, number>();
  const counts = await ctx.db.transaction('rw', ctx.db.outbox, ctx.db.interviews, async () => {
    const counts: ResultCounts = { applied: 0, conflict: 0, rejected: 0 };
    const sending = await listSendingEntries(ctx);
    for (const result of results) {
      const entry = sending.find(
        (e) => e.mutationId === result.mutationId && e.entityId === result.entityId,
      );
      // Already answered (a replay answered twice), or not ours: nothing to do.
      if (!entry || entry.seq === undefined) continue;
      switch (result.status) {
        case 'applied': {
          await ctx.db.outbox.delete(entry.seq);
          counts.applied += 1;
          if (entry.entityType !== 'interview') break;
          const row = await ctx.db.interviews.get(entry.entityId);
          if (!row) break;
          const waiting = await countOutboxEntriesOf(ctx, 'interview', entry.entityId);
          const serverRevision = Math.max(row.serverRevision ?? 0, result.revision);
          await ctx.db.interviews.put({
            ...row,
            serverRevision,
            acknowledgedAt: waiting === 0 ? now : null,
          });
          revisions.set(row.id, serverRevision);
          break;
        }
        case 'conflict':
          await ctx.db.outbox.update(entry.seq, {
            state: 'conflict',
            answeredAt: now,
            conflict: {
              conflictId: result.conflictId,
              currentRevision: result.current.revision,
              current: encodedCurrent.get(result.mutationId) as StoredPayload,
            },
          });
          counts.conflict += 1;
          break;
        case 'rejected':
          await ctx.db.outbox.update(entry.seq, {
            state: 'rejected',
            answeredAt: now,
            rejection: result.reason,
          });
          counts.rejected += 1;
          break;
        default: {
          const never: never = result;
          throw new Error(`unknown result ${JSON.stringify(never)}`);
        }
      }
    }
    return counts;
  });
  for (const [id, revision] of revisions) noteServerRevision(ctx, id, revision);
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Pull

const StoredReferentialSchema = z.object({
  id: z.string(),
  version: z.string(),
  contentHash: z.string(),
  data: z.unknown(),
  receivedAt: z.string(),
});
const PurgedSchema = z.object({ revision: z.number().nullable(), purgedAt: z.string() });
export const StoredNoticeSchema = z.object({
  conflictId: z.string(),
  entityId: z.string(),
  baseRevision: z.number().nullable(),
  currentRevision: z.number(),
  deviceName: z.string(),
  incoming: z.custom<StoredPayload>(isStoredPayload),
  receivedAt: z.string(),
});
export type StoredNotice = z.infer<typeof StoredNoticeSchema>;

export async function readCursor(ctx: StorageContext): Promise<string | null> {
  return (await readMeta(ctx, SYNC_META.cursor, z.string().nullable())) ?? null;
}

export interface PageSummary {
  stored: number;
  skipped: number;
  /** Changes that could not be used (a référentiel whose hash does not match): shown, not used. */
  warnings: string[];
}

/** The local wall-clock time of a convocation, as an ISO instant. */
function convocationInstant(date: string, time: string): string {
  return new Date(`${date}T${time}:00`).toISOString();
}

/**
 * Stores one page of changes and then its cursor, in one transaction: a crash in between replays
 * the page, and every write is an upsert by id, so nothing is duplicated. Local edits waiting in
 * the outbox are never overwritten by a pulled version (the server decides at the next push).
 */
export async function applyPullPage(
  ctx: StorageContext,
  page: PullResponse,
  options: { reset: boolean },
): Promise<PageSummary> {
  const now = ctx.now();
  const summary: PageSummary = { stored: 0, skipped: 0, warnings: [] };
  // Everything asynchronous (codec, existing agenda rows) before the transaction.
  const prepared: ((tx: PreparedTx) => Promise<void>)[] = [];
  for (const change of page.changes) {
    prepared.push(await prepareChange(ctx, change, now, summary));
  }
  await ctx.db.transaction(
    'rw',
    [
      ctx.db.beneficiaries,
      ctx.db.agenda,
      ctx.db.interviews,
      ctx.db.interviewSummaries,
      ctx.db.outbox,
      ctx.db.meta,
      ctx.db.services,
    ],
    async () => {
      if (options.reset) {
        await ctx.db.meta.where('key').startsWith(STRUCTURE_PREFIX).delete();
        await ctx.db.meta.where('key').startsWith(EPCI_META_PREFIX).delete();
        await ctx.db.meta.where('key').startsWith(COMMUNES_META_PREFIX).delete();
      }
      const tx: PreparedTx = {
        stored: () => (summary.stored += 1),
        skipped: () => (summary.skipped += 1),
      };
      for (const apply of prepared) await apply(tx);
      await ctx.db.meta.put({ key: SYNC_META.cursor, value: page.nextCursor });
    },
  );
  const catalogueTypes: readonly Change['entityType'][] = ['service', 'epci', 'communes'];
  if (options.reset || page.changes.some((c) => catalogueTypes.includes(c.entityType))) {
    catalogueChanged(ctx);
  }
  return summary;
}

interface PreparedTx {
  stored: () => void;
  skipped: () => void;
}

/** A pulled record kept as it came, under `key` in `meta` (the latest state replaces the last). */
function storeInMeta(
  ctx: StorageContext,
  key: string,
  value: unknown,
): (tx: PreparedTx) => Promise<void> {
  return async (tx) => {
    await ctx.db.meta.put({ key, value });
    tx.stored();
  };
}

async function prepareChange(
  ctx: StorageContext,
  change: Change,
  now: string,
  summary: PageSummary,
): Promise<(tx: PreparedTx) => Promise<void>> {
  switch (change.entityType) {
    case 'beneficiary': {
      const { beneficiary, convocation } = change.payload;
      const person = {
        id: beneficiary.id,
        updatedAt: now,
        payload: await ctx.codec.encode(beneficiary, {
          store: 'beneficiaries',
          id: beneficiary.id,
        }),
      };
      let agendaRow: Awaited<ReturnType<typeof encodeAgenda>> | null = null;
      if (convocation) {
        const id = beneficiary.id;
        const convocationAt = convocationInstant(convocation.date, convocation.time);
        const existingRow = await ctx.db.agenda.get(id);
        const existing = existingRow
          ? AgendaEntrySchema.safeParse(
              await decode(ctx, existingRow.payload, { store: 'agenda', id }),
            )
          : null;
        const previous = existing?.success ? existing.data : null;
        agendaRow = await encodeAgenda(ctx, {
          id,
          beneficiaryId: beneficiary.id,
          convocationAt,
          place: convocation.place,
          // The same convocation keeps what happened on this laptop (interview started: done).
          status:
            previous && previous.convocationAt === convocationAt ? previous.status : 'planned',
          declared: previous?.declared ?? null,
          updatedAt: now,
        });
      }
      return async (tx) => {
        await ctx.db.beneficiaries.put(person);
        if (agendaRow) await ctx.db.agenda.put(agendaRow);
        tx.stored();
      };
    }
    case 'interview': {
      const interview = change.payload;
      const encoded = await encodeInterview(ctx, { interview, formDrafts: {} });
      return async (tx) => {
        const [local, waiting, purged] = await Promise.all([
          ctx.db.interviews.get(interview.id),
          countOutboxEntriesOf(ctx, 'interview', interview.id),
          ctx.db.meta.get(`${PURGED_PREFIX}${interview.id}`),
        ]);
        const purgedRevision = purged ? PurgedSchema.parse(purged.value).revision : null;
        if (
          waiting > 0 ||
          (local && (local.serverRevision ?? 0) >= change.revision) ||
          (purged && (purgedRevision ?? 0) >= change.revision)
        ) {
          tx.skipped();
          return;
        }
        await ctx.db.interviews.put(
          interviewRowOf(interview, encoded.payload, change.revision, now),
        );
        await ctx.db.interviewSummaries.put(interviewSummaryRowOf(interview, encoded));
        if (purged) await ctx.db.meta.delete(`${PURGED_PREFIX}${interview.id}`);
        tx.stored();
      };
    }
    case 'referential': {
      const record = change.payload;
      try {
        loadVerifiedReferential(record.data, record.contentHash);
      } catch (error) {
        summary.warnings.push(
          `Référentiel ${record.id} ${record.version} ignoré : ${error instanceof Error ? error.message : String(error)}`,
        );
        return async (tx) => {
          tx.skipped();
          return Promise.resolve();
        };
      }
      return async (tx) => {
        // Immutable: one id and version has one content; the first stored copy stays.
        const key = `${REFERENTIAL_PREFIX}${record.id}@${record.version}`;
        if (!(await ctx.db.meta.get(key))) {
          await ctx.db.meta.put({ key, value: { ...record, receivedAt: now } });
        }
        tx.stored();
      };
    }
    case 'structure-capacity':
      return storeInMeta(ctx, `${STRUCTURE_PREFIX}${change.payload.structureCode}`, change.payload);
    case 'service': {
      const payload = change.payload;
      if (isServiceWithdrawal(payload)) {
        return async (tx) => {
          // Kept with its last content: the contracts that name it still show how to reach it.
          const stored = await ctx.db.services.get(payload.id);
          if (!stored || stored.source !== payload.source) {
            tx.skipped();
            return;
          }
          await ctx.db.services.put({
            ...stored,
            withdrawnOn: payload.withdrawnOn,
            receivedAt: now,
          });
          tx.stored();
        };
      }
      return async (tx) => {
        await ctx.db.services.put({
          id: payload.id,
          source: payload.source,
          service: payload,
          receivedAt: now,
          withdrawnOn: null,
        });
        tx.stored();
      };
    }
    case 'communes':
      return storeInMeta(
        ctx,
        `${COMMUNES_META_PREFIX}${change.payload.departement}`,
        change.payload,
      );
    case 'epci':
      return storeInMeta(ctx, `${EPCI_META_PREFIX}${change.payload.code}`, change.payload);
    case 'rdsp-declaration': {
      // Personal data: encrypted like the agenda; joined to the convocation when it is read.
      const row = await encodeDeclaration(ctx, change.payload);
      return storeInMeta(ctx, row.key, row.value);
    }
    case 'interview-conflict': {
      const notice = change.payload;
      const incoming = await ctx.codec.encode(notice.incoming, conflictContext(notice.conflictId));
      return async (tx) => {
        const own = await ctx.db.outbox
          .filter((e) => e.conflict?.conflictId === notice.conflictId)
          .count();
        const key = `${NOTICE_PREFIX}${notice.conflictId}`;
        if (own > 0 || (await ctx.db.meta.get(key))) {
          tx.skipped();
          return;
        }
        const stored: StoredNotice = {
          conflictId: notice.conflictId,
          entityId: notice.entityId,
          baseRevision: notice.baseRevision,
          currentRevision: notice.currentRevision,
          deviceName: notice.deviceName,
          incoming,
          receivedAt: now,
        };
        await ctx.db.meta.put({ key, value: stored });
        tx.stored();
      };
    }
    default: {
      const never: never = change;
      throw new Error(`unknown change ${JSON.stringify(never)}`);
    }
  }
}

async function encodeAgenda(ctx: StorageContext, entry: AgendaEntry) {
  const parsed = parseOrThrow(AgendaEntrySchema, entry, 'convocation');
  return {
    id: parsed.id,
    beneficiaryId: parsed.beneficiaryId,
    convocationDate: parsed.convocationAt.slice(0, 10),
    status: parsed.status,
    updatedAt: parsed.updatedAt,
    payload: await ctx.codec.encode(parsed, { store: 'agenda', id: parsed.id }),
  };
}

/** Every verified référentiel received, newest version first within each id. */
export async function listStoredReferentials(ctx: StorageContext): Promise<Referential[]> {
  const rows = await ctx.db.meta.where('key').startsWith(REFERENTIAL_PREFIX).toArray();
  const loaded: Referential[] = [];
  for (const row of rows) {
    const record = StoredReferentialSchema.safeParse(row.value);
    if (!record.success) continue;
    try {
      loaded.push(loadVerifiedReferential(record.data.data, record.data.contentHash));
    } catch {
      // Verified when stored; a failure now means the app's schema moved on: not usable here.
    }
  }
  return loaded.sort((a, b) => a.id.localeCompare(b.id) || compareVersions(b.version, a.version));
}

/** Compares dotted versions numerically where they are numbers (1.10.0 after 1.9.2). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/);
  const pb = b.split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '0';
    const y = pb[i] ?? '0';
    const nx = Number(x);
    const ny = Number(y);
    const diff = Number.isInteger(nx) && Number.isInteger(ny) ? nx - ny : x.localeCompare(y, 'en');
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * The référentiel new interviews use: the latest valid version of `fallback.id` received from the
 * server when it is newer than the one built into the app. Interviews keep the version recorded in
 * their decision (`findReferential`).
 */
export async function latestReferential(
  ctx: StorageContext,
  fallback: Referential,
): Promise<Referential> {
  const newest = (await listStoredReferentials(ctx)).find((r) => r.id === fallback.id);
  return newest && compareVersions(newest.version, fallback.version) > 0 ? newest : fallback;
}

export async function findReferential(
  ctx: StorageContext,
  id: string,
  version: string,
): Promise<Referential | null> {
  return (
    (await listStoredReferentials(ctx)).find((r) => r.id === id && r.version === version) ?? null
  );
}

const StructureRowSchema = z.object({
  structureCode: z.string(),
  label: z.string(),
  availablePlaces: z.number(),
  asOf: z.string(),
});
export type StoredStructureCapacity = z.infer<typeof StructureRowSchema>;

export async function listStructureCapacities(
  ctx: StorageContext,
): Promise<StoredStructureCapacity[]> {
  const rows = await ctx.db.meta.where('key').startsWith(STRUCTURE_PREFIX).toArray();
  return rows.map((row) => parseOrThrow(StructureRowSchema, row.value, row.key));
}

// ---------------------------------------------------------------------------------------------
// What waits, conflicts, rejections

export interface OutboxItem {
  seq: OutboxKey;
  entityId: string;
  state: OutboxEntry['state'];
  mutationId: number | null;
  createdAt: string;
  answeredAt: string | null;
  /** Our version. Null with `readError` when it cannot be read (shown, never dropped). */
  mine: Interview | null;
  /** For a conflict: the server's current version and its revision. */
  theirs: Interview | null;
  currentRevision: number | null;
  conflictId: string | null;
  rejection: { path: string; message: string }[];
  readError: string | null;
}

async function readInterview(
  ctx: StorageContext,
  stored: StoredPayload,
  context: PayloadContext,
): Promise<Interview> {
  return parseOrThrow(InterviewSchema, await decode(ctx, stored, context), context.id);
}

/**
 * Our version of an outbox entry: its own copy, or for a pending interview entry (no copy) the
 * interview row it points to.
 */
async function readMine(
  ctx: StorageContext,
  entry: OutboxEntry,
  rows: ReadonlyMap<string, InterviewRow>,
): Promise<Interview> {
  if (entry.payload) return readInterview(ctx, entry.payload, outboxContext(entry));
  const row = rows.get(entry.entityId);
  if (!row) throw new Error(`interview ${entry.entityId} is not on this laptop any more`);
  return (await decodeInterviewRow(ctx, row)).interview;
}

/** The interview entries of the outbox (pending, sending, conflict, rejected), oldest first. */
export async function listOutboxItems(ctx: StorageContext): Promise<OutboxItem[]> {
  const [entries, pointed] = await ctx.db.transaction(
    'r',
    ctx.db.outbox,
    ctx.db.interviews,
    async () => {
      const all = (await ctx.db.outbox.orderBy('seq').toArray()).filter(isPushed);
      const rows = await ctx.db.interviews.bulkGet(
        all.filter((e) => !e.payload).map((e) => e.entityId),
      );
      return [all, rows] as const;
    },
  );
  const rows = new Map(pointed.flatMap((r) => (r ? [[r.id, r] as const] : [])));
  return Promise.all(
    entries.map(async (entry): Promise<OutboxItem> => {
      const item: OutboxItem = {
        seq: entry.seq ?? '',
        entityId: entry.entityId,
        state: entry.state,
        mutationId: entry.mutationId ?? null,
        createdAt: entry.createdAt,
        answeredAt: entry.answeredAt ?? null,
        mine: null,
        theirs: null,
        currentRevision: entry.conflict?.currentRevision ?? null,
        conflictId: entry.conflict?.conflictId ?? null,
        rejection: entry.rejection ?? [],
        readError: null,
      };
      try {
        item.mine = await readMine(ctx, entry, rows);
        if (entry.conflict) {
          item.theirs = await readInterview(
            ctx,
            entry.conflict.current,
            conflictContext(entry.conflict.conflictId),
          );
        }
      } catch (error) {
        item.readError = error instanceof Error ? error.message : String(error);
      }
      return item;
    }),
  );
}

export interface NoticeItem extends Omit<StoredNotice, 'incoming'> {
  incoming: Interview | null;
  readError: string | null;
}

/** Conflicts another laptop caused on records this laptop sees (pulled `interview-conflict`). */
export async function listConflictNotices(ctx: StorageContext): Promise<NoticeItem[]> {
  const rows = await ctx.db.meta.where('key').startsWith(NOTICE_PREFIX).toArray();
  return Promise.all(
    rows.map(async (row): Promise<NoticeItem> => {
      const notice = parseOrThrow(StoredNoticeSchema, row.value, row.key);
      try {
        const incoming = await readInterview(
          ctx,
          notice.incoming,
          conflictContext(notice.conflictId),
        );
        return { ...notice, incoming, readError: null };
      } catch (error) {
        return {
          ...notice,
          incoming: null,
          readError: error instanceof Error ? error.message : String(error),
        };
      }
    }),
  );
}

export interface SyncCounts {
  /** Waiting to be sent or sent without an answer yet. */
  waiting: number;
  conflicts: number;
  rejected: number;
  notices: number;
}

export async function countSyncItems(ctx: StorageContext): Promise<SyncCounts> {
  const [entries, notices] = await Promise.all([
    ctx.db.outbox.toArray(),
    ctx.db.meta.where('key').startsWith(NOTICE_PREFIX).count(),
  ]);
  const pushed = entries.filter(isPushed);
  return {
    waiting: pushed.filter((e) => e.state === 'pending' || e.state === 'sending').length,
    conflicts: pushed.filter((e) => e.state === 'conflict').length,
    rejected: pushed.filter((e) => e.state === 'rejected').length,
    notices,
  };
}

export type ConflictChoice = 'keep-mine' | 'keep-theirs' | 'keep-both';

/** Our version kept as a new interview beside theirs: linked to it, one version later. */
function asNewVersion(mine: Interview, of: Interview, newId: string, now: string): Interview {
  return {
    ...structuredClone(mine),
    id: newId,
    version: of.version + 1,
    previousVersionId: of.id,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Resolves a conflict the server answered to our push.
 * - keep mine: our version goes again, based on the server's current revision (a newer local
 *   edit waiting in the outbox is the one that goes);
 * - keep theirs: the server's version replaces ours here; nothing is sent;
 * - keep both: theirs here under its id, ours as a new interview version linked to it, sent.
 */
export function resolveConflict(
  ctx: StorageContext,
  seq: OutboxKey,
  choice: ConflictChoice,
  newId: () => string,
): Promise<void> {
  return changingRevisions(ctx, () => resolveOwnConflict(ctx, seq, choice, newId));
}

async function resolveOwnConflict(
  ctx: StorageContext,
  seq: OutboxKey,
  choice: ConflictChoice,
  newId: () => string,
): Promise<void> {
  const entry = await ctx.db.outbox.get(seq);
  if (!entry || entry.state !== 'conflict' || !entry.conflict || !entry.payload) {
    throw new Error(`outbox entry ${String(seq)} is not a conflict`);
  }
  const { conflict } = entry;
  const now = ctx.now();
  const mine = await readInterview(ctx, entry.payload, outboxContext(entry));
  const theirs = await readInterview(ctx, conflict.current, conflictContext(conflict.conflictId));
  const theirsEncoded = await encodeInterview(ctx, { interview: theirs, formDrafts: {} });
  const copy = choice === 'keep-both' ? asNewVersion(mine, theirs, newId(), now) : null;
  const copyEncoded = copy ? await encodeInterview(ctx, { interview: copy, formDrafts: {} }) : null;
  const tables = [ctx.db.outbox, ctx.db.interviews, ctx.db.interviewSummaries];
  const resolved = await ctx.db.transaction('rw', tables, async () => {
    const current = await ctx.db.outbox.get(seq);
    if (!current || current.state !== 'conflict') return false; // resolved meanwhile
    await ctx.db.outbox.delete(seq);
    const pendingKey = pendingOutboxKey(entry);
    const pending = await ctx.db.outbox.get(pendingKey);
    if (choice === 'keep-mine') {
      const row = await ctx.db.interviews.get(entry.entityId);
      if (row) {
        await ctx.db.interviews.put({
          ...row,
          serverRevision: conflict.currentRevision,
          acknowledgedAt: null,
        });
      }
      if (pending) {
        await ctx.db.outbox.update(pendingKey, { baseRevision: conflict.currentRevision });
      } else {
        // Our version is the interview row (a newer edit would have left a pending entry); the
        // copy of the conflict goes only if the row is gone.
        await ctx.db.outbox.put({
          seq: pendingKey,
          entityType: 'interview',
          entityId: entry.entityId,
          ...(row ? {} : { payload: entry.payload }),
          baseRevision: conflict.currentRevision,
          createdAt: now,
          state: 'pending',
        });
      }
      return true;
    }
    if (pending) await ctx.db.outbox.delete(pendingKey);
    await ctx.db.interviews.put(
      interviewRowOf(theirs, theirsEncoded.payload, conflict.currentRevision, now),
    );
    await ctx.db.interviewSummaries.put(interviewSummaryRowOf(theirs, theirsEncoded));
    if (copy && copyEncoded) {
      await ctx.db.interviews.put(interviewRowOf(copy, copyEncoded.payload, null, null));
      await ctx.db.interviewSummaries.put(interviewSummaryRowOf(copy, copyEncoded));
      await ctx.db.outbox.put(pendingInterviewEntry(copy, null, now));
    }
    return true;
  });
  if (resolved) noteServerRevision(ctx, entry.entityId, conflict.currentRevision);
}

/**
 * Resolves a conflict another laptop caused (its version was not applied; the server kept the
 * current one): keep mine closes the notice; keep theirs sends their version based on the current
 * revision; keep both adds their version as a new interview, sent.
 */
export function resolveConflictNotice(
  ctx: StorageContext,
  conflictId: string,
  choice: ConflictChoice,
  newId: () => string,
): Promise<void> {
  return changingRevisions(ctx, () => resolveNotice(ctx, conflictId, choice, newId));
}

async function resolveNotice(
  ctx: StorageContext,
  conflictId: string,
  choice: ConflictChoice,
  newId: () => string,
): Promise<void> {
  const key = `${NOTICE_PREFIX}${conflictId}`;
  const notice = await readMeta(ctx, key, StoredNoticeSchema);
  if (!notice) throw new Error(`no conflict notice ${conflictId}`);
  const incoming = await readInterview(ctx, notice.incoming, conflictContext(conflictId));
  const now = ctx.now();
  const toSave =
    choice === 'keep-theirs'
      ? incoming
      : choice === 'keep-both'
        ? asNewVersion(incoming, incoming, newId(), now)
        : null;
  const encoded = toSave ? await encodeInterview(ctx, { interview: toSave, formDrafts: {} }) : null;
  const base = choice === 'keep-theirs' ? notice.currentRevision : null;
  const tables = [ctx.db.outbox, ctx.db.interviews, ctx.db.interviewSummaries, ctx.db.meta];
  await ctx.db.transaction('rw', tables, async () => {
    await ctx.db.meta.delete(key);
    if (!toSave || !encoded) return;
    await ctx.db.interviews.put(interviewRowOf(toSave, encoded.payload, base, null));
    await ctx.db.interviewSummaries.put(interviewSummaryRowOf(toSave, encoded));
    // Replaces a pending edit of the same interview: their version is the one to send now.
    await ctx.db.outbox.put(pendingInterviewEntry(toSave, base, now));
  });
  if (toSave) noteServerRevision(ctx, toSave.id, base);
}

// ---------------------------------------------------------------------------------------------
// Purge

export async function readRetentionDays(ctx: StorageContext): Promise<number> {
  return (
    (await readMeta(ctx, SYNC_META.retentionDays, z.number().int().min(0).max(3650))) ??
    DEFAULT_RETENTION_DAYS
  );
}

export async function setRetentionDays(ctx: StorageContext, days: number): Promise<void> {
  const value = parseOrThrow(z.number().int().min(0).max(3650), days, 'retention days');
  await ctx.db.meta.put({ key: SYNC_META.retentionDays, value });
}

/**
 * Deletes the closed interviews the server acknowledged at least `retentionDays` ago. Never an
 * interview with anything in the outbox (waiting, sent without answer, conflict, rejected), nor a
 * draft, nor one never acknowledged. A tombstone (id and revision, no personal data) stops a later
 * pull from bringing the same version back.
 */
export async function purgeAcknowledgedInterviews(
  ctx: StorageContext,
  options: { retentionDays?: number } = {},
): Promise<string[]> {
  const days = options.retentionDays ?? (await readRetentionDays(ctx));
  const now = ctx.now();
  const limit = Date.parse(now) - days * DAY_MS;
  const tables = [ctx.db.interviews, ctx.db.interviewSummaries, ctx.db.outbox, ctx.db.meta];
  return ctx.db.transaction('rw', tables, async () => {
    const [closed, outbox, notices] = await Promise.all([
      ctx.db.interviews.where('status').equals('closed').toArray(),
      ctx.db.outbox.toArray(),
      ctx.db.meta.where('key').startsWith(NOTICE_PREFIX).toArray(),
    ]);
    const held = new Set(outbox.filter((e) => e.entityType === 'interview').map((e) => e.entityId));
    for (const row of notices) {
      const notice = StoredNoticeSchema.safeParse(row.value);
      if (notice.success) held.add(notice.data.entityId);
    }
    const purged: string[] = [];
    for (const row of closed) {
      const acknowledged = row.acknowledgedAt ? Date.parse(row.acknowledgedAt) : NaN;
      if (held.has(row.id) || row.serverRevision === null || !(acknowledged <= limit)) continue;
      await ctx.db.interviews.delete(row.id);
      await ctx.db.interviewSummaries.delete(row.id);
      await ctx.db.meta.put({
        key: `${PURGED_PREFIX}${row.id}`,
        value: { revision: row.serverRevision, purgedAt: now },
      });
      purged.push(row.id);
    }
    return purged;
  });
}

// ---------------------------------------------------------------------------------------------
// Device credentials (browser build; in Electron the main process holds the token)

export const DeviceCredentialsSchema = z.object({
  serverUrl: z.string().url(),
  deviceId: z.string(),
  token: z.string(),
  professional: z.object({ name: z.string(), role: z.string(), territory: z.string() }),
});
export type DeviceCredentials = z.infer<typeof DeviceCredentialsSchema>;

/** Written through the storage codec: encrypted at rest when the database is. */
export async function saveDeviceCredentials(
  ctx: StorageContext,
  credentials: DeviceCredentials,
): Promise<void> {
  const value = await ctx.codec.encode(
    parseOrThrow(DeviceCredentialsSchema, credentials, 'credentials'),
    CREDENTIALS_CONTEXT,
  );
  await ctx.db.transaction('rw', ctx.db.meta, async () => {
    await ctx.db.meta.put({ key: SYNC_META.credentials, value });
    await ctx.db.meta.delete(SYNC_META.needsEnrolment);
  });
}

export async function loadDeviceCredentials(
  ctx: StorageContext,
): Promise<DeviceCredentials | null> {
  const row = await ctx.db.meta.get(SYNC_META.credentials);
  if (!row || !isStoredPayload(row.value)) return null;
  return parseOrThrow(
    DeviceCredentialsSchema,
    await decode(ctx, row.value, CREDENTIALS_CONTEXT),
    'credentials',
  );
}

export async function clearDeviceCredentials(ctx: StorageContext): Promise<void> {
  await ctx.db.meta.delete(SYNC_META.credentials);
}

// ---------------------------------------------------------------------------------------------
// Status

export const LastAttemptSchema = z.object({
  at: z.string(),
  outcome: z.string(),
  message: z.string().nullable(),
});
export type LastAttempt = z.infer<typeof LastAttemptSchema>;

export async function readSyncStatus(ctx: StorageContext): Promise<{
  lastSyncAt: string | null;
  lastAttempt: LastAttempt | null;
  needsEnrolment: boolean;
}> {
  const [lastSyncAt, lastAttempt, needs] = await Promise.all([
    readMeta(ctx, SYNC_META.lastSyncAt, z.string()),
    readMeta(ctx, SYNC_META.lastAttempt, LastAttemptSchema),
    readMeta(ctx, SYNC_META.needsEnrolment, z.boolean()),
  ]);
  return {
    lastSyncAt: lastSyncAt ?? null,
    lastAttempt: lastAttempt ?? null,
    needsEnrolment: needs ?? false,
  };
}

export async function writeSyncAttempt(
  ctx: StorageContext,
  attempt: LastAttempt,
  options: { succeeded: boolean; needsEnrolment?: boolean },
): Promise<void> {
  await ctx.db.transaction('rw', ctx.db.meta, async () => {
    await ctx.db.meta.put({ key: SYNC_META.lastAttempt, value: attempt });
    if (options.succeeded) await ctx.db.meta.put({ key: SYNC_META.lastSyncAt, value: attempt.at });
    if (options.needsEnrolment !== undefined) {
      await ctx.db.meta.put({ key: SYNC_META.needsEnrolment, value: options.needsEnrolment });
    }
  });
}
