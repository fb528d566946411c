/**
 * Rewrites every encoded payload of the database from one codec to another: the migration of
 * databases written before encryption (identity → AES-GCM, on first unlock) and the rotation of
 * the data key (old key → new key). Decoding and encoding happen outside the transaction
 * (WebCrypto would commit it early); the transaction then checks that no row changed or appeared
 * meanwhile and writes all rows at once, with the caller's meta rows (the new key envelope), so
 * the database is never half old and half new.
 *
 * Payloads are found in the rows' `payload` and in the nested places listed by `payloadSlots`
 * (the sync engine's conflict copies and encoded meta values): a new place that holds an encoded
 * payload must be added there, or a rotation would leave it unreadable.
 */
import type { Table } from 'dexie';
import {
  identityCodec,
  isStoredPayload,
  type PayloadCodec,
  type PayloadContext,
  type StoredPayload,
} from './codec';
import { DECLARATION_META_PREFIX, declarationContext } from './declarations';
import type { StorageContext } from './database';
import type { MetaRow } from './records';

const TABLES = [
  'beneficiaries',
  'agenda',
  'interviews',
  'interviewSummaries',
  'outbox',
  'meta',
] as const;
type TableName = (typeof TABLES)[number];

export class ConcurrentChangeError extends Error {
  constructor() {
    super('a record changed while the database was being re-encrypted: try again');
    this.name = 'ConcurrentChangeError';
  }
}

type Row = Record<string, unknown>;

/** One encoded payload inside a row: where it is, and what it is bound to. */
interface PayloadSlot {
  context: PayloadContext;
  get: (row: Row) => unknown;
  set: (row: Row, payload: StoredPayload) => Row;
}

const objectAt = (row: Row, key: string): Row | null => {
  const value = row[key];
  return typeof value === 'object' && value !== null ? (value as Row) : null;
};

const topPayload = (context: PayloadContext): PayloadSlot => ({
  context,
  get: (row) => row.payload,
  set: (row, payload) => ({ ...row, payload }),
});

/** Every encoded payload of a row (the contexts are those the repositories and sync-store use). */
export function payloadSlots(table: TableName, row: Row): PayloadSlot[] {
  switch (table) {
    case 'beneficiaries':
    case 'agenda':
    case 'interviews':
    case 'interviewSummaries':
      // A pending interview outbox entry and a summary not built yet have no payload: skipped.
      return [topPayload({ store: table, id: String(row.id) })];
    case 'outbox': {
      const slots = [
        topPayload({ store: 'outbox', id: `${String(row.entityType)}:${String(row.entityId)}` }),
      ];
      const conflict = objectAt(row, 'conflict');
      if (conflict) {
        slots.push({
          context: { store: 'outbox', id: `conflict:${String(conflict.conflictId)}` },
          get: (r) => objectAt(r, 'conflict')?.current,
          set: (r, payload) => ({
            ...r,
            conflict: { ...objectAt(r, 'conflict'), current: payload },
          }),
        });
      }
      return slots;
    }
    case 'meta': {
      const key = String(row.key);
      const value = objectAt(row, 'value');
      if (key === 'sync:credentials') {
        return [
          {
            context: { store: 'outbox', id: 'sync:credentials' },
            get: (r) => r.value,
            set: (r, payload) => ({ ...r, value: payload }),
          },
        ];
      }
      if (key.startsWith(DECLARATION_META_PREFIX)) {
        return [
          {
            context: declarationContext(key.slice(DECLARATION_META_PREFIX.length)),
            get: (r) => r.value,
            set: (r, payload) => ({ ...r, value: payload }),
          },
        ];
      }
      if (key.startsWith('sync:notice:') && value) {
        return [
          {
            context: { store: 'outbox', id: `conflict:${String(value.conflictId)}` },
            get: (r) => objectAt(r, 'value')?.incoming,
            set: (r, payload) => ({ ...r, value: { ...objectAt(r, 'value'), incoming: payload } }),
          },
        ];
      }
      return [];
    }
  }
}

function table(ctx: StorageContext, name: TableName): Table<Row, unknown> {
  return ctx.db.table<Row, unknown>(name);
}

function primaryKeyOf(name: TableName, row: Row): unknown {
  return name === 'outbox' ? row.seq : name === 'meta' ? row.key : row.id;
}

export interface ReencryptOptions {
  /** Only payloads written by this codec (e.g. 'identity' for the migration). */
  onlyCodec?: string;
  /** Meta rows written in the same transaction (the new key envelope for a rotation). */
  meta?: MetaRow[];
}

/** Returns how many payloads were rewritten. */
export async function reencryptAll(
  ctx: StorageContext,
  from: PayloadCodec,
  to: PayloadCodec,
  options: ReencryptOptions = {},
): Promise<number> {
  const tables = TABLES.map((name) => table(ctx, name));
  const snapshot = await ctx.db.transaction('r', tables, () =>
    Promise.all(TABLES.map(async (name) => ({ name, rows: await table(ctx, name).toArray() }))),
  );
  const rewritten: { name: TableName; before: Row; after: Row }[] = [];
  let payloads = 0;
  for (const { name, rows } of snapshot) {
    for (const row of rows) {
      let after = row;
      for (const slot of payloadSlots(name, row)) {
        const stored = slot.get(after);
        if (!isStoredPayload(stored)) continue;
        if (options.onlyCodec !== undefined && stored.codec !== options.onlyCodec) continue;
        const value = await from.decode(stored, slot.context);
        after = slot.set(after, await to.encode(value, slot.context));
        payloads += 1;
      }
      if (after !== row) rewritten.push({ name, before: row, after });
    }
  }
  if (rewritten.length === 0 && !options.meta?.length) return 0;
  await ctx.db.transaction('rw', tables, async () => {
    // A row added meanwhile would keep the old encoding: start again instead.
    for (const { name, rows } of snapshot) {
      if (name === 'meta') continue;
      if ((await table(ctx, name).count()) !== rows.length) throw new ConcurrentChangeError();
    }
    for (const { name, before, after } of rewritten) {
      const current = await table(ctx, name).get(primaryKeyOf(name, before));
      if (!current || JSON.stringify(current) !== JSON.stringify(before)) {
        throw new ConcurrentChangeError();
      }
      await table(ctx, name).put(after);
    }
    if (options.meta?.length) await ctx.db.meta.bulkPut(options.meta);
  });
  return payloads;
}

/**
 * Set once a pass of encryptLegacyRows found nothing left in clear (or encrypted it): from then
 * on every write goes through the encrypting codec, so later unlocks need not read the whole
 * database again (with 10 000 stored interviews, tens of megabytes at every unlock).
 */
export const LEGACY_ROWS_ENCRYPTED_META = 'storage:legacy-rows-encrypted';

/**
 * Databases written before encryption existed hold clear payloads (codec `identity`): on first
 * unlock they are encrypted in place, all at once. Returns how many payloads were encrypted.
 */
export async function encryptLegacyRows(ctx: StorageContext, codec: PayloadCodec): Promise<number> {
  if ((await ctx.db.meta.get(LEGACY_ROWS_ENCRYPTED_META))?.value === true) return 0;
  const encrypted = await reencryptAll(ctx, identityCodec, codec, { onlyCodec: identityCodec.id });
  await ctx.db.meta.put({ key: LEGACY_ROWS_ENCRYPTED_META, value: true });
  return encrypted;
}
