/**
 * Writes to the pullable records and assigns their sequence numbers. The sequence comes from one
 * counter row updated at the end of the transaction: its row lock is held until commit, so
 * sequence numbers become visible in increasing order and a pull by cursor never skips a row.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/database';
import { writeInterviewFacts } from '../indicators/interview-facts';

export interface RecordWrite {
  entityType: string;
  entityId: string;
  /** Null: every territory pulls it (référentiels). */
  territory: string | null;
  revision: number;
  payload: unknown;
  writer?: { deviceId: string; baseRevision: number | null } | null;
}

export interface StoredRow {
  entityType: string;
  entityId: string;
  territory: string | null;
  revision: number;
  payload: unknown;
  writer: { deviceId: string; baseRevision: number | null } | null;
}

export const recordKey = (entityType: string, entityId: string): string =>
  `${entityType}\u0000${entityId}`;

/** A signed 64-bit advisory-lock key for a record (collisions only make two writers wait). */
function lockKey(key: string): string {
  return createHash('sha256').update(key).digest().readBigInt64BE(0).toString();
}

/**
 * Locks records for the rest of the transaction, existing or not yet, always in the same order so
 * that two transactions never wait for each other in a circle.
 */
export async function lockRecords(tx: Queryable, keys: Iterable<string>): Promise<void> {
  const sorted = [...new Set([...keys].map(lockKey))].sort((a, b) =>
    BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0,
  );
  if (sorted.length === 0) return;
  await tx.query(
    `SELECT count(*) FROM (SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k) AS locked`,
    [sorted],
  );
}

export async function readRecords(
  tx: Queryable,
  keys: readonly { entityType: string; entityId: string }[],
): Promise<Map<string, StoredRow>> {
  const found = new Map<string, StoredRow>();
  if (keys.length === 0) return found;
  const { rows } = await tx.query<{
    entity_type: string;
    entity_id: string;
    territory: string | null;
    revision: number;
    payload: unknown;
    writer_device_id: string | null;
    writer_base_revision: number | null;
  }>(
    `SELECT r.entity_type, r.entity_id, r.territory, r.revision, r.payload,
            r.writer_device_id, r.writer_base_revision
     FROM records r
     JOIN unnest($1::text[], $2::text[]) AS k (entity_type, entity_id)
       ON r.entity_type = k.entity_type AND r.entity_id = k.entity_id`,
    [keys.map((k) => k.entityType), keys.map((k) => k.entityId)],
  );
  for (const row of rows) {
    found.set(recordKey(row.entity_type, row.entity_id), {
      entityType: row.entity_type,
      entityId: row.entity_id,
      territory: row.territory,
      revision: row.revision,
      payload: row.payload,
      writer:
        row.writer_device_id === null
          ? null
          : { deviceId: row.writer_device_id, baseRevision: row.writer_base_revision },
    });
  }
  return found;
}

/**
 * Upserts records with fresh sequence numbers, and the indicator facts of interview records
 * (server/indicators/interview-facts.ts) in the same transaction. Call it last in the
 * transaction, after every other lock: the counter row stays locked until commit. Several writes
 * to one record keep the last.
 */
export async function writeRecords(tx: Queryable, writes: readonly RecordWrite[]): Promise<void> {
  const latest = new Map<string, RecordWrite>();
  for (const write of writes) {
    const key = recordKey(write.entityType, write.entityId);
    latest.delete(key);
    latest.set(key, write);
  }
  if (latest.size === 0) return;
  const counter = await tx.query<{ value: number }>(
    'UPDATE sync_counter SET value = value + $1 RETURNING value',
    [latest.size],
  );
  const last = counter.rows[0]?.value;
  if (last === undefined) throw new Error('sync_counter: the counter row is missing');
  const first = last - latest.size + 1;
  const rows = [...latest.values()].map((write, index) => ({
    entity_type: write.entityType,
    entity_id: write.entityId,
    territory: write.territory,
    revision: write.revision,
    seq: first + index,
    payload: write.payload,
    writer_device_id: write.writer?.deviceId ?? null,
    writer_base_revision: write.writer?.baseRevision ?? null,
  }));
  await tx.query(
    `INSERT INTO records (entity_type, entity_id, territory, revision, seq, payload,
                          writer_device_id, writer_base_revision)
     SELECT entity_type, entity_id, territory, revision, seq, payload,
            writer_device_id, writer_base_revision
     FROM jsonb_to_recordset($1::jsonb) AS x (entity_type text, entity_id text, territory text,
       revision integer, seq bigint, payload jsonb, writer_device_id text,
       writer_base_revision integer)
     ON CONFLICT (entity_type, entity_id) DO UPDATE SET
       territory = excluded.territory, revision = excluded.revision, seq = excluded.seq,
       payload = excluded.payload, writer_device_id = excluded.writer_device_id,
       writer_base_revision = excluded.writer_base_revision, updated_at = now()`,
    [JSON.stringify(rows)],
  );
  await writeInterviewFacts(
    tx,
    [...latest.values()]
      .filter((w) => w.entityType === 'interview')
      .map((w) => ({ entityId: w.entityId, territory: w.territory, payload: w.payload })),
  );
}
