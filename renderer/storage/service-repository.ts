/**
 * The data.inclusion services catalogue on the laptop (DOMAIN §9): pulled from the département's
 * server (`service` changes, see sync-store.ts) or seeded for the demo, stored in clear in the
 * `services` table (public data), parsed with the shared schema when read. A service the
 * département withdrew stays, marked (`withdrawnOn`), for the actions that already name it.
 */
import type { z } from 'zod';
import {
  CommuneTableSchema,
  EpciSchema,
  type CommuneTable,
  ServiceSchema,
  type Epci,
  type Service,
  type ServiceInput,
} from '../../shared/services';
import type { StorageContext } from './database';

export interface StoredServices {
  /** In the catalogue: the suggestions come from these. */
  services: Service[];
  /**
   * Withdrawn by the département: never suggested, but an action that names one still shows
   * how to reach it, and when it was withdrawn.
   */
  withdrawn: { service: Service; withdrawnOn: string }[];
  /** The EPCIs the services' zones name (pulled with them): whose communes they cover. */
  epcis: Epci[];
  /** The communes of the départements the catalogue covers, with their postcodes. */
  communeTables: CommuneTable[];
  /** Rows the current schema refuses: shown as a count, never used for suggestions. */
  invalid: { id: string; paths: string[] }[];
}

/** Where the pulled EPCIs are kept in `meta`, one row per EPCI (sync-store.ts writes them). */
export const EPCI_META_PREFIX = 'sync:epci:';
/** Where the pulled commune tables are kept in `meta`, one row per département. */
export const COMMUNES_META_PREFIX = 'sync:communes:';

export async function listServices(ctx: StorageContext): Promise<StoredServices> {
  const [rows, epciRows, communeRows] = await Promise.all([
    ctx.db.services.toArray(),
    ctx.db.meta.where('key').startsWith(EPCI_META_PREFIX).toArray(),
    ctx.db.meta.where('key').startsWith(COMMUNES_META_PREFIX).toArray(),
  ]);
  const stored: StoredServices = {
    services: [],
    withdrawn: [],
    epcis: [],
    communeTables: [],
    invalid: [],
  };
  const table = <T>(
    schema: { safeParse: (v: unknown) => z.ZodSafeParseResult<T> },
    row: { key: string; value: unknown },
    into: T[],
  ) => {
    const parsed = schema.safeParse(row.value);
    if (parsed.success) into.push(parsed.data);
    else
      stored.invalid.push({ id: row.key, paths: parsed.error.issues.map((i) => i.path.join('.')) });
  };
  for (const row of epciRows) table(EpciSchema, row, stored.epcis);
  for (const row of communeRows) table(CommuneTableSchema, row, stored.communeTables);
  for (const row of rows) {
    const parsed = ServiceSchema.safeParse(row.service);
    if (!parsed.success) {
      const paths = parsed.error.issues.map((i) => i.path.join('.'));
      stored.invalid.push({ id: row.id, paths });
    } else if (row.withdrawnOn) {
      stored.withdrawn.push({ service: parsed.data, withdrawnOn: row.withdrawnOn });
    } else {
      stored.services.push(parsed.data);
    }
  }
  return stored;
}

const cached = new WeakMap<StorageContext, Promise<StoredServices>>();

/**
 * The stored catalogue, read once and kept until it changes here (a pull that stores services or
 * EPCIs, `saveServices`): the contract's components all ask for it.
 */
export function cachedServices(ctx: StorageContext): Promise<StoredServices> {
  let promise = cached.get(ctx);
  if (!promise) {
    promise = listServices(ctx);
    cached.set(ctx, promise);
    // A failed read is tried again next time.
    promise.catch(() => cached.delete(ctx));
  }
  return promise;
}

/** The catalogue changed: the next `cachedServices` reads it again. */
export function catalogueChanged(ctx: StorageContext): void {
  cached.delete(ctx);
}

/** Upserts services by id (validated first: an invalid one is a bug in the caller). */
export async function saveServices(
  ctx: StorageContext,
  inputs: readonly ServiceInput[],
): Promise<void> {
  const now = ctx.now();
  const rows = inputs.map((input) => {
    const service = ServiceSchema.parse(input);
    return { id: service.id, source: service.source, service, receivedAt: now };
  });
  await ctx.db.services.bulkPut(rows);
  catalogueChanged(ctx);
}
