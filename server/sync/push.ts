/**
 * `POST /sync/push` (ARCHITECTURE decision 4): the batch is applied in one transaction together
 * with the device's last applied mutation id, so a replay answers the stored results and changes
 * nothing, a gap is refused with the expected id, and every mutation's result is stored.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  decideMutation,
  INTERVIEW_UPGRADES,
  isPushableEntityType,
  type UpgradeTable,
} from '../../shared/sync/decide-mutation';
import { planBatch } from '../../shared/sync/batch-rules';
import {
  MutationResultSchema,
  type ConflictNotice,
  type Mutation,
  type MutationResult,
  type PushRequest,
  type PushResponse,
} from '../../shared/sync/messages';
import type { DeviceContext } from '../accounts/accounts';
import { transactionWithRetry, type Database } from '../db/database';
import { lockRecords, readRecords, recordKey, writeRecords, type RecordWrite } from './records';

export type PushOutcome =
  | { kind: 'done'; response: PushResponse }
  | { kind: 'gap'; expectedMutationId: number }
  /** A replayed id whose content differs from what was stored under it: a client bug. */
  | { kind: 'reused'; mutationId: number };

export interface PushOptions {
  upgrades?: UpgradeTable;
  now?: () => Date;
}

/** Object keys sorted at every level, so the hash does not depend on the client's key order. */
function sortKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const source = value as Record<string, unknown>;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(source).sort()) sorted[key] = source[key];
  return sorted;
}

/** Identifies a mutation's content, to recognise a true replay of a stored id. */
export function hashMutation(mutation: Mutation): string {
  return createHash('sha256').update(JSON.stringify(mutation, sortKeys)).digest('hex');
}

interface MutationRow {
  device_id: string;
  mutation_id: number;
  entity_type: string;
  entity_id: string;
  schema_version: number;
  content_hash: string;
  status: MutationResult['status'];
  result: MutationResult;
  payload: unknown;
}

interface ConflictRow {
  id: string;
  entity_type: string;
  entity_id: string;
  device_id: string;
  mutation_id: number;
  base_revision: number | null;
  current_revision: number;
  incoming_payload: unknown;
}

export async function pushMutations(
  db: Database,
  device: DeviceContext,
  request: PushRequest,
  options: PushOptions = {},
): Promise<PushOutcome> {
  const upgrades = options.upgrades ?? INTERVIEW_UPGRADES;
  const now = (options.now ?? (() => new Date()))();
  const hashes = request.mutations.map(hashMutation);
  return transactionWithRetry(db, async (tx): Promise<PushOutcome> => {
    // The device row lock serialises this device's pushes (a replay waits for the original).
    const deviceRow = await tx.query<{ last_mutation_id: number }>(
      'SELECT last_mutation_id FROM devices WHERE id = $1 FOR UPDATE',
      [device.deviceId],
    );
    const last = deviceRow.rows[0]?.last_mutation_id;
    if (last === undefined) throw new Error('push: the authenticated device has no row');
    const plan = planBatch(
      request.mutations.map((m) => m.mutationId),
      last,
    );
    if (plan.kind === 'gap') return { kind: 'gap', expectedMutationId: plan.expectedMutationId };

    const stored = new Map<number, { hash: string; result: MutationResult }>();
    if (plan.replayed.length > 0) {
      const { rows } = await tx.query<{
        mutation_id: number;
        content_hash: string;
        result: unknown;
      }>(
        `SELECT mutation_id, content_hash, result FROM mutations
         WHERE device_id = $1 AND mutation_id = ANY($2::bigint[])`,
        [device.deviceId, plan.replayed],
      );
      for (const row of rows) {
        stored.set(row.mutation_id, {
          hash: row.content_hash,
          result: MutationResultSchema.parse(row.result),
        });
      }
    }

    const fresh = request.mutations.filter((m) => m.mutationId > last);
    const keys = fresh
      .filter((m) => isPushableEntityType(m.entityType))
      .map((m) => ({ entityType: m.entityType, entityId: m.entityId }));
    await lockRecords(
      tx,
      keys.map((k) => recordKey(k.entityType, k.entityId)),
    );
    const state = await readRecords(tx, keys);

    const results: MutationResult[] = [];
    const mutationRows: MutationRow[] = [];
    const conflictRows: ConflictRow[] = [];
    const writes: RecordWrite[] = [];
    for (const [index, mutation] of request.mutations.entries()) {
      if (mutation.mutationId <= last) {
        const previous = stored.get(mutation.mutationId);
        if (!previous || previous.hash !== hashes[index]) {
          return { kind: 'reused', mutationId: mutation.mutationId };
        }
        results.push(previous.result);
        continue;
      }
      const key = recordKey(mutation.entityType, mutation.entityId);
      const current = state.get(key) ?? null;
      const base = {
        mutationId: mutation.mutationId,
        entityType: mutation.entityType,
        entityId: mutation.entityId,
      };
      let result: MutationResult;
      if (current !== null && current.territory !== device.territory) {
        result = {
          ...base,
          status: 'rejected',
          reason: [{ path: 'entityId', message: 'expected a record of your territory' }],
        };
      } else {
        const decision = decideMutation(mutation, current, device.deviceId, upgrades);
        switch (decision.kind) {
          case 'apply': {
            result = { ...base, status: 'applied', revision: decision.revision };
            if (!decision.unchanged) {
              const write: RecordWrite = {
                entityType: mutation.entityType,
                entityId: mutation.entityId,
                territory: device.territory,
                revision: decision.revision,
                payload: decision.payload,
                writer: decision.writer,
              };
              writes.push(write);
              state.set(key, { ...write, writer: decision.writer });
            }
            break;
          }
          case 'conflict': {
            const conflictId = `cfl_${randomUUID()}`;
            conflictRows.push({
              id: conflictId,
              entity_type: mutation.entityType,
              entity_id: mutation.entityId,
              device_id: device.deviceId,
              mutation_id: mutation.mutationId,
              base_revision: mutation.baseRevision,
              current_revision: decision.current.revision,
              incoming_payload: decision.incoming,
            });
            const notice: ConflictNotice = {
              conflictId,
              entityType: mutation.entityType,
              entityId: mutation.entityId,
              baseRevision: mutation.baseRevision,
              currentRevision: decision.current.revision,
              incoming: decision.incoming,
              deviceName: device.deviceName,
            };
            writes.push({
              entityType: 'interview-conflict',
              entityId: conflictId,
              territory: device.territory,
              revision: 1,
              payload: notice,
            });
            result = {
              ...base,
              status: 'conflict',
              conflictId,
              revision: decision.current.revision,
              current: { revision: decision.current.revision, payload: decision.current.payload },
            };
            break;
          }
          case 'reject':
            result = { ...base, status: 'rejected', reason: decision.reason };
            break;
        }
      }
      results.push(result);
      mutationRows.push({
        device_id: device.deviceId,
        mutation_id: mutation.mutationId,
        entity_type: mutation.entityType,
        entity_id: mutation.entityId,
        schema_version: mutation.schemaVersion,
        content_hash: hashes[index] as string,
        status: result.status,
        result,
        // Quarantine: a rejected mutation keeps its content for inspection and repair.
        payload: result.status === 'rejected' ? (mutation.payload ?? null) : null,
      });
    }

    if (mutationRows.length > 0) {
      await tx.query(
        `INSERT INTO mutations (device_id, mutation_id, entity_type, entity_id, schema_version,
                                content_hash, status, result, payload, received_at)
         SELECT device_id, mutation_id, entity_type, entity_id, schema_version, content_hash,
                status, result, payload, $2
         FROM jsonb_to_recordset($1::jsonb) AS x (device_id text, mutation_id bigint,
           entity_type text, entity_id text, schema_version integer, content_hash text,
           status text, result jsonb, payload jsonb)`,
        [JSON.stringify(mutationRows), now.toISOString()],
      );
    }
    if (conflictRows.length > 0) {
      await tx.query(
        `INSERT INTO conflicts (id, entity_type, entity_id, device_id, mutation_id, base_revision,
                                current_revision, incoming_payload, created_at)
         SELECT id, entity_type, entity_id, device_id, mutation_id, base_revision,
                current_revision, incoming_payload, $2
         FROM jsonb_to_recordset($1::jsonb) AS x (id text, entity_type text, entity_id text,
           device_id text, mutation_id bigint, base_revision integer, current_revision integer,
           incoming_payload jsonb)`,
        [JSON.stringify(conflictRows), now.toISOString()],
      );
    }
    const lastFresh = fresh.at(-1)?.mutationId ?? last;
    await tx.query('UPDATE devices SET last_mutation_id = $2, last_seen_at = $3 WHERE id = $1', [
      device.deviceId,
      lastFresh,
      now.toISOString(),
    ]);
    // Last: the sequence counter's lock is held from here to the commit.
    await writeRecords(tx, writes);
    return { kind: 'done', response: { results, lastAppliedMutationId: lastFresh } };
  });
}
