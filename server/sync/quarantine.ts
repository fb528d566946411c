/**
 * The mutations the server rejected and keeps in quarantine (docs/sync-protocol.md, "rejected"):
 * what the département's IT looks at when a laptop says some of its changes were refused. Listed
 * with the laptop, the professional, the record and the reason's field paths and messages, which
 * never hold a value; the quarantined content itself stays in the database.
 */
import { z } from 'zod';
import { FieldIssueSchema } from '../../shared/sync/messages';
import type { FieldIssue } from '../../shared/util/errors';
import type { Queryable } from '../db/database';

export interface RejectedMutation {
  receivedAt: string;
  deviceId: string;
  deviceName: string;
  professional: string;
  territory: string;
  mutationId: number;
  entityType: string;
  entityId: string;
  reason: FieldIssue[];
}

const ReasonSchema = z.array(FieldIssueSchema);

/** Oldest first; `territory` keeps one territory's laptops. */
export async function listRejectedMutations(
  db: Queryable,
  filter: { territory?: string } = {},
): Promise<RejectedMutation[]> {
  const { rows } = await db.query<{
    received_at: Date | string;
    device_id: string;
    device_name: string;
    professional: string;
    territory: string;
    mutation_id: number | string;
    entity_type: string;
    entity_id: string;
    reason: unknown;
  }>(
    `SELECT m.received_at, m.device_id, d.name AS device_name, p.name AS professional,
            p.territory, m.mutation_id, m.entity_type, m.entity_id, m.result->'reason' AS reason
     FROM mutations m
     JOIN devices d ON d.id = m.device_id
     JOIN professionals p ON p.id = d.professional_id
     WHERE m.status = 'rejected' AND ($1::text IS NULL OR p.territory = $1)
     ORDER BY m.received_at, m.device_id, m.mutation_id`,
    [filter.territory ?? null],
  );
  return rows.map((row) => ({
    receivedAt: new Date(row.received_at).toISOString(),
    deviceId: row.device_id,
    deviceName: row.device_name,
    professional: row.professional,
    territory: row.territory,
    mutationId: Number(row.mutation_id),
    entityType: row.entity_type,
    entityId: row.entity_id,
    reason: ReasonSchema.parse(row.reason),
  }));
}
