/**
 * The fault scenarios' report: mutations sent, acknowledged but lost, duplicates and divergent
 * records after quiescence, counted from the server's tables and the laptops' view.
 */
import { canonicalJson } from '../../../shared/util/sha256';
import type { Database } from '../../../server/db/database';
import type { SimLaptop } from './sim-laptop';

export interface FaultReport {
  sent: number;
  acknowledged: number;
  acknowledgedButLost: number;
  duplicates: number;
  divergent: number;
}

/**
 * - acknowledged but lost: a result the laptop received that the server no longer holds, or an
 *   applied revision above what the server has for that record;
 * - duplicates: mutations stored more than once, or revisions beyond the number of distinct
 *   applied changes (a replay applied twice would add one);
 * - divergent: records whose pulled state (after a final pull by each laptop) differs from the
 *   server's record.
 */
export async function audit(
  db: Database,
  laptops: readonly SimLaptop[],
  deviceIds: readonly string[],
): Promise<FaultReport> {
  let acknowledgedButLost = 0;
  let acknowledged = 0;
  for (const [i, laptop] of laptops.entries()) {
    const stored = await db.query<{
      mutation_id: number;
      result: { status: string; revision?: number };
    }>('SELECT mutation_id, result FROM mutations WHERE device_id = $1', [deviceIds[i]]);
    const byId = new Map(stored.rows.map((r) => [r.mutation_id, r.result]));
    for (const [id, result] of laptop.stats.acknowledged) {
      acknowledged += 1;
      const kept = byId.get(id);
      if (!kept || kept.status !== result.status) acknowledgedButLost += 1;
    }
  }
  const duplicateRows = await db.query<{ n: number }>(
    `SELECT count(*) AS n FROM (SELECT device_id, mutation_id FROM mutations
       GROUP BY device_id, mutation_id HAVING count(*) > 1) d`,
  );
  // Each applied mutation that changed a record adds exactly one revision.
  const revisions = await db.query<{ entity_id: string; revision: number; changes: number }>(
    `SELECT r.entity_id, r.revision,
            (SELECT count(DISTINCT m.result->>'revision') FROM mutations m
              WHERE m.entity_type = r.entity_type AND m.entity_id = r.entity_id
                AND m.status = 'applied') AS changes
     FROM records r WHERE r.entity_type = 'interview' AND r.entity_id = ANY($1::text[])`,
    [[...new Set(laptops.flatMap((l) => [...l.local.keys()]))]],
  );
  const overRevised = revisions.rows.filter((r) => r.revision > Number(r.changes)).length;

  const records = await db.query<{
    entity_type: string;
    entity_id: string;
    revision: number;
    payload: unknown;
  }>('SELECT entity_type, entity_id, revision, payload FROM records');
  const server = new Map(records.rows.map((r) => [`${r.entity_type}:${r.entity_id}`, r]));
  let divergent = 0;
  for (const laptop of laptops) {
    for (const [key, change] of laptop.pulled) {
      const row = server.get(key);
      if (
        !row ||
        row.revision !== change.revision ||
        canonicalJson(row.payload) !== canonicalJson(change.payload)
      ) {
        divergent += 1;
      }
    }
    // Everything the laptop may see must have reached it.
    for (const [key, row] of server) {
      if (
        row.entity_type === 'interview' &&
        laptop.local.has(row.entity_id) &&
        !laptop.pulled.has(key)
      )
        divergent += 1;
    }
  }
  const sent = laptops.reduce((sum, l) => sum + l.stats.sent, 0);
  return {
    sent,
    acknowledged,
    acknowledgedButLost,
    duplicates: Number(duplicateRows.rows[0]?.n ?? 0) + overRevised,
    divergent,
  };
}

export function printReport(name: string, report: FaultReport): void {
  console.log(
    `fault scenario "${name}": mutations sent ${report.sent} (retries included), acknowledged ${report.acknowledged}, acknowledged-but-lost ${report.acknowledgedButLost}, duplicates ${report.duplicates}, divergent after quiescence ${report.divergent}`,
  );
}
