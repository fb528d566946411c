/**
 * The département's catalogue of local services (data.inclusion `service` rows, issue 6): stored
 * by (source, id) in `services` and published to every laptop as `service` records of the pull.
 * Importing is an upsert: the same row again changes nothing, a changed row gets the next
 * revision (and a new place in the pull sequence). Rows absent from a later file stay, unless the
 * import says the file is complete (`withdrawMissing`): they are withdrawn, a new revision whose
 * payload says so (`ServiceWithdrawal`), and kept for the contracts that name them. Reference
 * tables are published with the services (cog-tables.ts): the EPCIs their zones name (`epci`
 * records: code, name, communes) and the communes of the départements they cover (`communes`
 * records: code, name, postcodes).
 */
import {
  classifyZoneCode,
  type Service,
  type ServiceWithdrawal,
} from '../../shared/services/service-schema';
import type { CommuneTable } from '../../shared/services/communes';
import { departementOf, type Epci } from '../../shared/services/zones';
import { isSameJson } from '../../shared/sync/decide-mutation';
import { transactionWithRetry, type Database, type Queryable } from '../db/database';
import {
  lockRecords,
  readRecords,
  recordKey,
  writeRecords,
  type RecordWrite,
} from '../sync/records';

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
  /** Withdrawn by `withdrawMissing`. */
  withdrawn: number;
  /** EPCIs named by the services' zones and published (new, or their communes changed). */
  epcisPublished: number;
  /** Départements whose commune table was published (new, or changed). */
  communeTablesPublished: number;
  /** EPCI codes named by the services' zones that the EPCI table does not know. */
  unknownEpcis: string[];
}

export interface ServiceImportOptions {
  /**
   * The file is a complete export of its sources: the services of those sources that it does not
   * hold are withdrawn from the catalogue (laptops stop suggesting them). Ids in `keep` (rows
   * of the file that were rejected) are never withdrawn.
   */
  withdrawMissing?: { today: string; keep: readonly string[] };
  /**
   * Reads the EPCI table (cog-tables.ts), only when a zone names an EPCI: those EPCIs are
   * published with the services, so that laptops match those zones with a person's commune.
   */
  epcis?: () => ReadonlyMap<string, Epci>;
  /**
   * Reads the communes of each département (cog-tables.ts), only when a zone covers one: those
   * départements' communes are published, so that laptops find a person's commune code from the
   * postcode and name.
   */
  communes?: () => ReadonlyMap<string, CommuneTable>;
}

export const EPCI_ENTITY_TYPE = 'epci';
export const COMMUNES_ENTITY_TYPE = 'communes';

const noImport = (): ServiceImportSummary => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  withdrawn: 0,
  epcisPublished: 0,
  communeTablesPublished: 0,
  unknownEpcis: [],
});

type StoredService = {
  source: string;
  id: string;
  payload: unknown;
  revision: number;
  withdrawn_on: string | null;
};

/**
 * Upserts the services and publishes the changed ones, and with `withdrawMissing` withdraws the
 * missing ones, in one transaction. A withdrawn service that comes back is in the catalogue again.
 */
export async function importServices(
  db: Database,
  services: readonly Service[],
  options: ServiceImportOptions = {},
): Promise<ServiceImportSummary> {
  if (services.length === 0) return noImport();
  const present = new Set<string>();
  for (const service of services) {
    const entityId = serviceEntityId(service);
    if (present.has(entityId)) throw new Error(`services: ${entityId} twice in one import`);
    present.add(entityId);
  }
  const withdraw = options.withdrawMissing;
  const named = [
    ...new Set(
      services.flatMap((s) =>
        (s.zone_eligibilite ?? []).filter((code) => classifyZoneCode(code) === 'epci'),
      ),
    ),
  ].sort();
  const epciTable = named.length > 0 ? options.epcis?.() : undefined;
  const epcis = named.flatMap((code) => {
    const epci = epciTable?.get(code);
    return epci ? [epci] : [];
  });
  const departements = departementsCovered(services, epcis);
  const communeTables = departements.length > 0 ? options.communes?.() : undefined;
  const tables = departements.flatMap((code) => {
    const table = communeTables?.get(code);
    return table ? [table] : [];
  });
  const references: Reference[] = [
    ...epcis.map((e) => ({ entityType: EPCI_ENTITY_TYPE, entityId: e.code, payload: e })),
    ...tables.map((t) => ({
      entityType: COMMUNES_ENTITY_TYPE,
      entityId: t.departement,
      payload: t,
    })),
  ];
  return transactionWithRetry(db, async (tx) => {
    // Counted in the transaction: a retried one starts again.
    const summary = noImport();
    if (epciTable) summary.unknownEpcis = named.filter((code) => !epciTable.has(code));
    const missing = withdraw ? await missingServices(tx, services, present, withdraw.keep) : [];
    await lockRecords(tx, [
      ...[...services, ...missing].map((s) => recordKey(SERVICE_ENTITY_TYPE, serviceEntityId(s))),
      ...references.map((r) => recordKey(r.entityType, r.entityId)),
    ]);
    const stored = await readServices(tx, [...services, ...missing]);
    const upserts: {
      source: string;
      id: string;
      structure_id: string;
      payload: Service;
      revision: number;
    }[] = [];
    // The reference tables first: a laptop that stores a page of changes has them with the services.
    const writes: RecordWrite[] = await referenceWrites(tx, references);
    summary.epcisPublished = writes.filter((w) => w.entityType === EPCI_ENTITY_TYPE).length;
    summary.communeTablesPublished = writes.length - summary.epcisPublished;
    for (const service of services) {
      const existing = stored.get(serviceEntityId(service));
      if (existing && existing.withdrawn_on === null && isSameJson(existing.payload, service)) {
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
      writes.push(serviceRecord(serviceEntityId(service), revision, service));
    }
    const withdrawals: { source: string; id: string; revision: number }[] = [];
    for (const row of missing) {
      // Read again under the lock: another import may have withdrawn it meanwhile.
      const existing = stored.get(serviceEntityId(row));
      if (!existing || existing.withdrawn_on !== null || !withdraw) continue;
      const revision = existing.revision + 1;
      withdrawals.push({ source: row.source, id: row.id, revision });
      const payload: ServiceWithdrawal = {
        source: row.source,
        id: row.id,
        withdrawn: true,
        withdrawnOn: withdraw.today,
      };
      writes.push(serviceRecord(serviceEntityId(row), revision, payload));
    }
    summary.withdrawn = withdrawals.length;
    if (upserts.length > 0) {
      await tx.query(
        `INSERT INTO services (source, id, structure_id, payload, revision)
         SELECT source, id, structure_id, payload, revision
         FROM jsonb_to_recordset($1::jsonb)
           AS x (source text, id text, structure_id text, payload jsonb, revision integer)
         ON CONFLICT (source, id) DO UPDATE SET
           structure_id = excluded.structure_id, payload = excluded.payload,
           revision = excluded.revision, withdrawn_on = NULL, updated_at = now()`,
        [JSON.stringify(upserts)],
      );
    }
    if (withdrawals.length > 0) {
      await tx.query(
        `UPDATE services s SET withdrawn_on = $2::date, revision = x.revision, updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS x (source text, id text, revision integer)
         WHERE s.source = x.source AND s.id = x.id`,
        [JSON.stringify(withdrawals), withdraw?.today],
      );
    }
    // Last: the sequence counter stays locked until commit (server/sync/records.ts).
    await writeRecords(tx, writes);
    return summary;
  });
}

interface Reference {
  entityType: string;
  entityId: string;
  payload: Epci | CommuneTable;
}

/** The reference tables not yet published as they are now. */
async function referenceWrites(
  tx: Queryable,
  references: readonly Reference[],
): Promise<RecordWrite[]> {
  const published = await readRecords(tx, references);
  return references.flatMap((reference) => {
    const current = published.get(recordKey(reference.entityType, reference.entityId));
    if (current && isSameJson(current.payload, reference.payload)) return [];
    return [{ ...reference, territory: null, revision: (current?.revision ?? 0) + 1 }];
  });
}

/** The départements whose communes the zones name or hold (not France or other countries). */
function departementsCovered(services: readonly Service[], epcis: readonly Epci[]): string[] {
  const found = new Set<string>();
  for (const code of services.flatMap((s) => s.zone_eligibilite ?? [])) {
    const kind = classifyZoneCode(code);
    if (kind === 'commune') found.add(departementOf(code));
    else if (kind === 'departement') found.add(code);
  }
  for (const commune of epcis.flatMap((e) => e.communes)) found.add(departementOf(commune));
  return [...found].sort();
}

function serviceRecord(
  entityId: string,
  revision: number,
  payload: Service | ServiceWithdrawal,
): RecordWrite {
  return {
    entityType: SERVICE_ENTITY_TYPE,
    entityId,
    // Every territory: territory codes say nothing of communes; the laptop matches each
    // service's zone_eligibilite with the person's commune (suggestServices).
    territory: null,
    revision,
    payload,
  };
}

/** The services of the file's sources in the catalogue that the file does not hold. */
async function missingServices(
  tx: Queryable,
  services: readonly Service[],
  present: ReadonlySet<string>,
  keep: readonly string[],
): Promise<{ source: string; id: string }[]> {
  const sources = [...new Set(services.map((s) => s.source))];
  const { rows } = await tx.query<{ source: string; id: string }>(
    `SELECT source, id FROM services WHERE source = ANY($1::text[]) AND withdrawn_on IS NULL
     ORDER BY source, id`,
    [sources],
  );
  const kept = new Set(keep);
  return rows.filter((r) => !present.has(serviceEntityId(r)) && !kept.has(r.id));
}

async function readServices(
  tx: Queryable,
  keys: readonly { source: string; id: string }[],
): Promise<Map<string, StoredService>> {
  const { rows } = await tx.query<StoredService>(
    `SELECT s.source, s.id, s.payload, s.revision, s.withdrawn_on::text AS withdrawn_on
     FROM services s
     JOIN unnest($1::text[], $2::text[]) AS k (source, id) ON s.source = k.source AND s.id = k.id`,
    [keys.map((k) => k.source), keys.map((k) => k.id)],
  );
  return new Map(rows.map((r) => [serviceEntityId(r), r]));
}
