/**
 * Server administration commands of the `codiag` command line: `enroll` (a professional and a
 * one-time enrolment code for a laptop), `devices` and `revoke-device`, `rejected` (the mutations
 * kept in quarantine) and `seed-demo` (fake beneficiaries with convocations, so that a newcomer's
 * agenda is not empty). They open the server's database as the server does.
 */
import { fakeBeneficiary, seededRandom } from '../../shared/demo/fake-people';
import {
  AccountRoleSchema,
  TerritorySchema,
  type BeneficiaryRecord,
} from '../../shared/sync/messages';
import { addDays, IsoDateSchema, type IsoDate } from '../../shared/util/dates';
import {
  issueEnrolmentCode,
  listDevices,
  revokeDevice,
  upsertProfessional,
} from '../accounts/accounts';
import { putBeneficiaries } from '../admin/admin-service';
import { listRejectedMutations } from '../sync/quarantine';
import type { Database } from '../db/database';
import { databaseConfigFromEnv, openMigratedDatabase } from '../db/open-database';
import { CliInputError, parseOptions, type CliIo } from './io';

export interface ServerCommandDeps {
  openDatabase: () => Promise<Database>;
  now: () => Date;
}

const defaultDeps = (): ServerCommandDeps => ({
  openDatabase: () => openMigratedDatabase(databaseConfigFromEnv()),
  now: () => new Date(),
});

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

function requireOption(options: Record<string, string | true>, name: string): string {
  const value = options[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new CliInputError(`--${name} is required`);
  }
  return value.trim();
}

function parseWith<T>(
  schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false } },
  value: string,
  name: string,
  expected: string,
): T {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new CliInputError(`--${name}: expected ${expected}, got ${JSON.stringify(value)}`);
  return result.data;
}

async function withDatabase<T>(
  deps: ServerCommandDeps,
  fn: (db: Database) => Promise<T>,
): Promise<T> {
  const db = await deps.openDatabase();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const TERRITORY_EXPECTED = 'a territory code (a-z, 0-9, -), such as 59-lille';

/** `--territory T` of the listing commands: one territory, or all without it. */
function territoryFilter(options: Record<string, string | true>): string | undefined {
  return options.territory === undefined
    ? undefined
    : parseWith(TerritorySchema, String(options.territory), 'territory', TERRITORY_EXPECTED);
}

/**
 * A listing command `[--territory T] [--json]`: the JSON of the items, or a heading and one line
 * per item (its fields separated by two spaces).
 */
function listingCommand<T>(
  deps: ServerCommandDeps,
  list: (db: Database, filter: { territory: string | undefined }) => Promise<T[]>,
  heading: (count: number) => string,
  fields: (item: T) => string[],
): Command {
  return async (args, io) => {
    const { positional, options } = parseOptions(args, { territory: 'value', json: 'flag' });
    if (positional.length > 0) throw new CliInputError(`unexpected argument ${positional[0]}`);
    const territory = territoryFilter(options);
    const items = await withDatabase(deps, (db) => list(db, { territory }));
    if (options.json === true) {
      io.stdout(`${JSON.stringify(items, null, 2)}\n`);
      return 0;
    }
    const lines = items.map((item) => `${fields(item).join('  ')}\n`);
    io.stdout(`${heading(items.length)}\n${lines.join('')}`);
    return 0;
  };
}

/** `codiag devices [--territory CODE] [--json]`: the enrolled laptops (never their tokens). */
export function devicesCommand(deps: ServerCommandDeps = defaultDeps()): Command {
  return listingCommand(
    deps,
    listDevices,
    (count) => `${count} device(s)`,
    (d) => [
      d.id,
      d.name,
      `${d.professional} (${d.role}, ${d.territory})`,
      `enrolled ${d.createdAt}`,
      d.lastSeenAt === null ? 'never synced' : `last sync ${d.lastSeenAt}`,
      d.revokedAt === null ? 'active' : `REVOKED ${d.revokedAt}`,
    ],
  );
}

/**
 * `codiag rejected [--territory T] [--json]`: the mutations the server refused and keeps in
 * quarantine, with the laptop, the record and the reason (field paths, never values).
 */
export function rejectedCommand(deps: ServerCommandDeps = defaultDeps()): Command {
  return listingCommand(
    deps,
    listRejectedMutations,
    (count) => `${count} rejected mutation(s) in quarantine`,
    (r) => [
      r.receivedAt,
      `device ${r.deviceId} "${r.deviceName}" (${r.professional}, ${r.territory})`,
      `mutation ${r.mutationId}`,
      `${r.entityType} ${r.entityId}`,
      r.reason.map((issue) => `${issue.path}: ${issue.message}`).join('; '),
    ],
  );
}

/** `codiag revoke-device DEVICE_ID`: a lost or stolen laptop can no longer sync. */
export function revokeDeviceCommand(deps: ServerCommandDeps = defaultDeps()): Command {
  return async (args, io) => {
    const { positional } = parseOptions(args, {});
    const [deviceId, extra] = positional;
    if (deviceId === undefined || extra !== undefined) {
      throw new CliInputError('expected exactly one device id (see `codiag devices`)');
    }
    const outcome = await withDatabase(deps, (db) => revokeDevice(db, deviceId, deps.now()));
    if (outcome === 'unknown') {
      io.stderr(`codiag revoke-device: no device ${deviceId} (see \`codiag devices\`)\n`);
      return 1;
    }
    io.stdout(
      outcome === 'revoked'
        ? `device ${deviceId} revoked: its token is refused from now on\n`
        : `device ${deviceId} was already revoked\n`,
    );
    return 0;
  };
}

/** `codiag enroll --name NAME --role ROLE --territory CODE` */
export function enrollCommand(deps: ServerCommandDeps = defaultDeps()): Command {
  return async (args, io) => {
    const { positional, options } = parseOptions(args, {
      name: 'value',
      role: 'value',
      territory: 'value',
    });
    if (positional.length > 0) throw new CliInputError(`unexpected argument ${positional[0]}`);
    const name = requireOption(options, 'name');
    if (name.length > 120) throw new CliInputError('--name: expected at most 120 characters');
    const role = parseWith(
      AccountRoleSchema,
      requireOption(options, 'role'),
      'role',
      `one of ${AccountRoleSchema.options.join(', ')}`,
    );
    const territory = parseWith(
      TerritorySchema,
      requireOption(options, 'territory'),
      'territory',
      TERRITORY_EXPECTED,
    );
    const issued = await withDatabase(deps, async (db) => {
      const professionalId = await upsertProfessional(db, { name, role, territory });
      return issueEnrolmentCode(db, professionalId, deps.now());
    });
    io.stdout(
      `professional: ${name} (${role}, territory ${territory})\n` +
        `enrolment code: ${issued.code}\n` +
        `valid once, until ${issued.expiresAt.toISOString()}; enter it in the laptop's sync settings.\n`,
    );
    return 0;
  };
}

const SLOTS = ['09:00', '09:45', '10:30', '11:15', '14:00', '14:45', '15:30', '16:15'] as const;

/** The next weekdays from a date, skipping Saturdays and Sundays. */
function weekdays(from: IsoDate, count: number): IsoDate[] {
  const days: IsoDate[] = [];
  for (let offset = 0; days.length < count; offset++) {
    const day = addDays(from, offset);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(day);
  }
  return days;
}

/** Generated beneficiaries of one territory with one convocation each, in 8 slots a weekday. */
export function demoAgenda(
  territory: string,
  count: number,
  seed: number,
  from: IsoDate,
): BeneficiaryRecord[] {
  const random = seededRandom(seed);
  const days = weekdays(from, Math.ceil(count / SLOTS.length));
  return Array.from({ length: count }, (_, index) => {
    const beneficiary = fakeBeneficiary(random, index, from);
    return {
      beneficiary: { ...beneficiary, id: `${territory}-${beneficiary.id}` },
      convocation: {
        date: days[Math.floor(index / SLOTS.length)] as IsoDate,
        time: SLOTS[index % SLOTS.length] as string,
        place: 'Maison Nord Emploi — salle de démonstration',
      },
    };
  });
}

function parseCount(
  text: string | true | undefined,
  name: string,
  fallback: number,
  max: number,
): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (typeof text !== 'string' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new CliInputError(`--${name}: expected an integer from 1 to ${max}`);
  }
  return value;
}

/** `codiag seed-demo --territory CODE [--count N] [--seed N] [--from YYYY-MM-DD]` */
export function seedDemoCommand(deps: ServerCommandDeps = defaultDeps()): Command {
  return async (args, io) => {
    const { positional, options } = parseOptions(args, {
      territory: 'value',
      count: 'value',
      seed: 'value',
      from: 'value',
    });
    if (positional.length > 0) throw new CliInputError(`unexpected argument ${positional[0]}`);
    const territory = parseWith(
      TerritorySchema,
      requireOption(options, 'territory'),
      'territory',
      TERRITORY_EXPECTED,
    );
    const count = parseCount(options.count, 'count', 24, 1000);
    const seed = parseCount(options.seed, 'seed', 1, 2 ** 31 - 1);
    const from =
      options.from === undefined
        ? deps.now().toISOString().slice(0, 10)
        : parseWith(IsoDateSchema, String(options.from), 'from', 'a date as YYYY-MM-DD');
    const records = demoAgenda(territory, count, seed, from);
    const stored = await withDatabase(deps, (db) => putBeneficiaries(db, { territory, records }));
    const last = records.at(-1)?.convocation?.date ?? from;
    io.stdout(
      `seeded ${stored.stored.length} fake beneficiaries in territory ${territory}, convoked from ${from} to ${last}\n`,
    );
    return 0;
  };
}
