/**
 * `POST /sync/pull`: the changes after a cursor, in sequence order, limited to the caller's
 * territory and to what every territory shares (référentiels); a cursor this database did not
 * write, or one beyond what it assigned, starts again from the beginning with `reset`.
 */
import { encodeCursor, resolvePullStart } from '../../shared/sync/batch-rules';
import {
  ChangeSchema,
  DEFAULT_PULL_LIMIT,
  type Change,
  type PullResponse,
} from '../../shared/sync/messages';
import type { DeviceContext } from '../accounts/accounts';
import type { Database } from '../db/database';

export async function pullChanges(
  db: Database,
  device: DeviceContext,
  request: { cursor: string | null; limit?: number },
): Promise<PullResponse> {
  const limit = request.limit ?? DEFAULT_PULL_LIMIT;
  return db.transaction(async (tx) => {
    const server = await tx.query<{ epoch: string; value: number }>(
      'SELECT i.epoch, c.value FROM server_identity i CROSS JOIN sync_counter c',
    );
    const identity = server.rows[0];
    if (!identity) throw new Error('pull: server identity or counter missing');
    const start = resolvePullStart(request.cursor, {
      epoch: identity.epoch,
      lastAssignedSeq: identity.value,
    });
    const { rows } = await tx.query<{
      seq: number;
      entity_type: string;
      entity_id: string;
      revision: number;
      payload: unknown;
    }>(
      `SELECT seq, entity_type, entity_id, revision, payload FROM records
       WHERE seq > $1 AND (territory IS NULL OR territory = $2)
       ORDER BY seq LIMIT $3`,
      [start.afterSeq, device.territory, limit + 1],
    );
    const page = rows.slice(0, limit);
    const changes: Change[] = page.map((row) =>
      ChangeSchema.parse({
        seq: row.seq,
        entityType: row.entity_type,
        entityId: row.entity_id,
        revision: row.revision,
        payload: row.payload,
      }),
    );
    const lastSeq = page.at(-1)?.seq ?? start.afterSeq;
    return {
      changes,
      nextCursor: encodeCursor({ epoch: identity.epoch, seq: lastSeq }),
      hasMore: rows.length > limit,
      ...(start.reset ? { reset: true as const } : {}),
    };
  });
}
