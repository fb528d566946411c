/**
 * The département's catalogue of local services (data.inclusion `service` rows, issue 6): stored
 * by (source, id) in `services` and published to every laptop as `service` records of the pull.
 * Importing is an upsert: the same row again changes nothing, a changed row gets the next
 * revision (and a new place in the pull sequence), rows absent from a later file stay.
 */
import type { Service } from '../../shared/services/service-schema';
import { isSameJson } from '../../shared/sync/decide-mutation';
import { transactionWithRetry, type Database } from '../db/database';
import { lockRecords, recordKey, writeRecords, type RecordWrite } from '../sync/records';

export const SERVICE_ENTITY_TYPE = 'service';

/**
 * The pull record id of a service: its source, percent-encoded so that it holds no `:`, then its
 * id; unambiguous whatever the two contain.
 */
export function serviceEntityId(service: Pick<Service, 'source' | 'id'>): string {
  return `${encodeURIComponent(service.source)}:${service.id}`;
}

export interface ServiceImportSummary {
  created: number;
  updated: number;
  unchanged: number;
}

export async function importServices(
  db: Database,
  services: readonly Service[],
): Promise<ServiceImportSummary> {
  if (services.length === 0) return { created: 0, updated: 0, unchanged: 0 };
  return transactionWithRetry(db, async (tx) => {
    await lockRecords(
      tx,
      services.map((s) => recordKey(SERVICE_ENTITY_TYPE, serviceEntityId(s))),
    );
    const { rows } = await tx.query<{
      source: string;
      id: string;
      payload: unknown;
      revision: number;
    }>(
      `SELECT s.source, s.id, s.payload, s.revision FROM services s
       JOIN unnest($1::text[], $2::text[]) AS k (source, id) ON s.source = k.source AND s.id = k.id`,
      [services.map((s) => s.source), services.map((s) => s.id)],
    );
    const stored = new Map(rows.map((r) => [serviceEntityId(r), r]));
    const summary: ServiceImportSummary = { created: 0, updated: 0, unchanged: 0 };
    const upserts: {
      source: string;
      id: string;
      structure_id: string;
      payload: Service;
      revision: number;
    }[] = [];
    const writes: RecordWrite[] = [];
    const seen = new Set<string>();
    for (const service of services) {
      const entityId = serviceEntityId(service);
      if (seen.has(entityId)) {
        throw new Error(`services: ${entityId} twice in one import`);
      }
      seen.add(entityId);
      const existing = stored.get(entityId);
      if (existing && isSameJson(existing.payload, service)) {
        summary.unchanged++;
        continue;
      }
      const revision = (existing?.revision ?? 0) + 1;
      if (existing) summary.updated++;
      else summary.created++;
      upserts.push({
        source: service.source,
        id: service.id,
        structure_id: service.structure_id,
        payload: service,
        revision,
      });
      writes.push({
        entityType: SERVICE_ENTITY_TYPE,
        entityId,
        // Every territory: territory codes say nothing of communes; the laptop matches each
        // service's zone_eligibilite with the person's commune (suggestServices).
        territory: null,
        revision,
        payload: service,
      });
    }
    if (upserts.length > 0) {
      await tx.query(
        `INSERT INTO services (source, id, structure_id, payload, revision)
         SELECT source, id, structure_id, payload, revision
         FROM jsonb_to_recordset($1::jsonb)
           AS x (source text, id text, structure_id text, payload jsonb, revision integer)
         ON CONFLICT (source, id) DO UPDATE SET
           structure_id = excluded.structure_id, payload = excluded.payload,
           revision = excluded.revision, updated_at = now()`,
        [JSON.stringify(upserts)],
      );
    }
    // Last: the sequence counter stays locked until commit (server/sync/records.ts).
    await writeRecords(tx, writes);
    return summary;
  });
}
