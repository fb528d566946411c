/**
 * The local database (Dexie over IndexedDB, ARCHITECTURE decisions 1–3): versioned from day one,
 * opened with strict durability so that "saved" means on disk, not in an OS buffer.
 *
 * How to change the schema: never edit a released entry of MIGRATIONS. Append a new one with the
 * next version number, the full `stores` map (Dexie diffs it against the previous version), and an
 * `upgrade` hook that rewrites existing rows when their shape changes. Payload shape changes
 * (inside the encoded payload) are handled on read by the repositories (see
 * interview-repository.ts: `upgradeInterviewDocument`), because an upgrade hook cannot await the
 * codec without committing its transaction.
 */
import { Dexie, type EntityTable, type Transaction } from 'dexie';
import { identityCodec, type PayloadCodec } from './codec';
import { pendingOutboxKey, summaryRowOf } from './row-keys';
import type {
  AgendaRow,
  BeneficiaryRow,
  InterviewRow,
  InterviewSummaryRow,
  MetaRow,
  OutboxEntry,
  OutboxKey,
  ServiceRow,
} from './records';

export interface Migration {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void> | void;
}

/** Every schema version the app ever shipped, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    stores: {
      beneficiaries: 'id, updatedAt',
      agenda: 'id, beneficiaryId, convocationDate, status',
      interviews: 'id, beneficiaryId, status, date, updatedAt, previousVersionId',
      // One pending entry per record at most: looked up by [entityType+entityId+state].
      outbox: '++seq, [entityType+entityId+state], state',
      meta: 'key',
    },
  },
  {
    // Version 2: the data.inclusion services catalogue pulled from the server gets its own table
    // (public data: stored in clear, no codec). Version 1 kept pulled services in `meta` under
    // `sync:service:<id>`: they move to the new table.
    version: 2,
    stores: {
      beneficiaries: 'id, updatedAt',
      agenda: 'id, beneficiaryId, convocationDate, status',
      interviews: 'id, beneficiaryId, status, date, updatedAt, previousVersionId',
      outbox: '++seq, [entityType+entityId+state], state',
      meta: 'key',
      services: 'id, source',
    },
    upgrade: async (tx) => {
      const meta = tx.table<MetaRow, string>('meta');
      const old = await meta.where('key').startsWith(LEGACY_SERVICE_PREFIX).toArray();
      const services = tx.table<ServiceRow, string>('services');
      await services.bulkPut(
        old.map((row) => ({
          id: row.key.slice(LEGACY_SERVICE_PREFIX.length),
          source: serviceSourceOf(row.value),
          service: row.value,
          receivedAt: null,
        })),
      );
      await meta.bulkDelete(old.map((row) => row.key));
    },
  },
  {
    // Version 3, for the agenda and the save path (docs/security.md, docs/sync-protocol.md):
    // - `interviewSummaries`: what the agenda lists of each interview. Existing interviews get
    //   their row with the clear fields now and `payload: null`; the names are encoded the first
    //   time the agenda lists them (an upgrade cannot await the codec, and the key may be locked).
    // - the pending outbox entry of a record is keyed `pending:<entityType>:<entityId>`, so that a
    //   save replaces it without looking it up: existing pending entries move to that key with
    //   their payload (bound to the record, not to the key, so it stays readable).
    version: 3,
    stores: {
      beneficiaries: 'id, updatedAt',
      agenda: 'id, beneficiaryId, convocationDate, status',
      interviews: 'id, beneficiaryId, status, date, updatedAt, previousVersionId',
      interviewSummaries: 'id, status',
      outbox: '++seq, [entityType+entityId+state], state',
      meta: 'key',
      services: 'id, source',
    },
    upgrade: async (tx) => {
      const summaries: InterviewSummaryRow[] = [];
      await tx.table<InterviewRow, string>('interviews').each((row) => {
        summaries.push(summaryRowOf(row, null));
      });
      await tx.table<InterviewSummaryRow, string>('interviewSummaries').bulkPut(summaries);

      const outbox = tx.table<OutboxEntry, OutboxKey>('outbox');
      const pending = await outbox.where('state').equals('pending').sortBy('seq');
      // At most one pending entry per record already; should there be more, the newest wins.
      const latest = new Map<string, OutboxEntry>();
      for (const entry of pending) latest.set(pendingOutboxKey(entry), entry);
      await outbox.bulkDelete(
        pending.flatMap((entry) => (entry.seq === undefined ? [] : [entry.seq])),
      );
      await outbox.bulkPut([...latest].map(([key, entry]) => ({ ...entry, seq: key })));
    },
  },
];

/** Where schema version 1 kept pulled services (see the version 2 upgrade). */
const LEGACY_SERVICE_PREFIX = 'sync:service:';

function serviceSourceOf(value: unknown): string {
  return typeof value === 'object' && value !== null && 'source' in value
    ? String(value.source)
    : '';
}

export const DEFAULT_DATABASE_NAME = 'codiag';

export type CodiagDatabase = Dexie & {
  beneficiaries: EntityTable<BeneficiaryRow, 'id'>;
  agenda: EntityTable<AgendaRow, 'id'>;
  interviews: EntityTable<InterviewRow, 'id'>;
  interviewSummaries: EntityTable<InterviewSummaryRow, 'id'>;
  outbox: EntityTable<OutboxEntry, 'seq'>;
  meta: EntityTable<MetaRow, 'key'>;
  services: EntityTable<ServiceRow, 'id'>;
};

export interface OpenDatabaseOptions {
  name?: string;
  /** For tests: fake-indexeddb's factory and key range. */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
  migrations?: readonly Migration[];
}

/** Every write transaction, Dexie's or raw: "saved" means on disk, not in an OS buffer. */
export const WRITE_DURABILITY = 'strict' satisfies IDBTransactionDurability;

export function createDatabase(options: OpenDatabaseOptions = {}): CodiagDatabase {
  const db = new Dexie(options.name ?? DEFAULT_DATABASE_NAME, {
    chromeTransactionDurability: WRITE_DURABILITY,
    ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
    ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
  }) as CodiagDatabase;
  for (const migration of options.migrations ?? MIGRATIONS) {
    const version = db.version(migration.version).stores(migration.stores);
    if (migration.upgrade) version.upgrade(migration.upgrade);
  }
  return db;
}

/** The database and the codec its payloads are written with. */
export interface StorageContext {
  db: CodiagDatabase;
  codec: PayloadCodec;
  /** The clock, passed in so tests and benchmarks control it. */
  now: () => string;
}

export async function openStorage(
  options: OpenDatabaseOptions & { codec?: PayloadCodec; now?: () => string } = {},
): Promise<StorageContext> {
  const db = createDatabase(options);
  await db.open();
  return {
    db,
    codec: options.codec ?? identityCodec,
    now: options.now ?? (() => new Date().toISOString()),
  };
}
