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
import {
  type CliCommand,
  type CommandSpec,
  DATABASE_ENVIRONMENT,
  defineCommand,
  EXIT_BAD_INPUT,
  EXIT_DONE,
  EXIT_FAILURE,
  STANDARD_EXIT_CODES,
} from './command-spec';
import { CliInputError } from './io';

export interface ServerCommandDeps {
  openDatabase: () => Promise<Database>;
  now: () => Date;
}

const defaultDeps = (): ServerCommandDeps => ({
  openDatabase: () => openMigratedDatabase(databaseConfigFromEnv()),
  now: () => new Date(),
});

type Options = Readonly<Record<string, string | true | undefined>>;

function requireOption(options: Options, name: string): string {
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
function territoryFilter(options: Options): string | undefined {
  return options.territory === undefined
    ? undefined
    : parseWith(TerritorySchema, String(options.territory), 'territory', TERRITORY_EXPECTED);
}

/**
 * A listing command `[--territory T] [--json]`: the JSON of the items, or a heading and one line
 * per item (its fields separated by two spaces).
 */
function listingCommand<T>(
  spec: CommandSpec<typeof LISTING_OPTIONS>,
  deps: ServerCommandDeps,
  list: (db: Database, filter: { territory: string | undefined }) => Promise<T[]>,
  heading: (count: number) => string,
  fields: (item: T) => string[],
): CliCommand {
  return defineCommand(spec, async ({ options }, io) => {
    const territory = territoryFilter(options);
    const items = await withDatabase(deps, (db) => list(db, { territory }));
    if (options.json === true) {
      io.stdout(`${JSON.stringify(items, null, 2)}\n`);
      return 0;
    }
    const lines = items.map((item) => `${fields(item).join('  ')}\n`);
    io.stdout(`${heading(items.length)}\n${lines.join('')}`);
    return 0;
  });
}

const LISTING_OPTIONS = {
  territory: {
    value: 'CODE',
    description: 'one territory (a-z, 0-9, -), such as 59-lille',
    default: 'every territory',
  },
  json: { description: 'print a JSON array instead of text lines' },
} as const;

export const DEVICES_SPEC = {
  name: 'devices',
  summary: 'list the enrolled laptops (name, professional, last sync, revoked or not)',
  description: [
    'One line per enrolled laptop: its id, name, professional (role, territory), when it was ' +
      'enrolled, its last sync and whether it is revoked. Never a token.',
  ],
  arguments: [],
  options: LISTING_OPTIONS,
  environment: DATABASE_ENVIRONMENT,
  examples: [
    { command: 'codiag devices --territory 59-lille', comment: 'the laptops of one territory' },
  ],
  exitCodes: STANDARD_EXIT_CODES,
} as const satisfies CommandSpec<typeof LISTING_OPTIONS>;

/** `codiag devices [--territory CODE] [--json]`: the enrolled laptops (never their tokens). */
export function devicesCommand(deps: ServerCommandDeps = defaultDeps()): CliCommand {
  return listingCommand(
    DEVICES_SPEC,
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
export const REJECTED_SPEC = {
  name: 'rejected',
  summary: 'list the mutations the server refused and keeps in quarantine (field paths only)',
  description: [
    'One line per mutation the server refused at sync and keeps in quarantine ' +
      '(docs/sync-protocol.md): when, which laptop and professional, which record, and why ' +
      '(field paths and messages, never a value).',
  ],
  arguments: [],
  options: LISTING_OPTIONS,
  environment: DATABASE_ENVIRONMENT,
  examples: [
    { command: 'codiag rejected --territory 59-lille', comment: 'the refusals of one territory' },
    { command: 'codiag rejected --json > rejected.json', comment: 'all of them, as JSON' },
  ],
  exitCodes: STANDARD_EXIT_CODES,
} as const satisfies CommandSpec<typeof LISTING_OPTIONS>;

export function rejectedCommand(deps: ServerCommandDeps = defaultDeps()): CliCommand {
  return listingCommand(
    REJECTED_SPEC,
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

export const REVOKE_DEVICE_SPEC = {
  name: 'revoke-device',
  summary: 'revoke a lost or stolen laptop: its token is refused from now on',
  description: [
    'The laptop’s device token is refused from now on; what it synced before stays on the ' +
      'server. Its local data stays encrypted under the professional’s personal code.',
  ],
  arguments: [{ name: 'DEVICE_ID', description: 'the id of the laptop (see codiag devices)' }],
  options: {},
  environment: DATABASE_ENVIRONMENT,
  examples: [{ command: 'codiag revoke-device dev_3f9c2a7b', comment: 'revoke one laptop' }],
  exitCodes: [
    { ...EXIT_DONE, meaning: 'revoked, or already revoked' },
    { ...EXIT_FAILURE, meaning: `no such device, or ${EXIT_FAILURE.meaning}` },
    EXIT_BAD_INPUT,
  ],
} as const satisfies CommandSpec<Record<never, never>>;

/** `codiag revoke-device DEVICE_ID`: a lost or stolen laptop can no longer sync. */
export function revokeDeviceCommand(deps: ServerCommandDeps = defaultDeps()): CliCommand {
  return defineCommand(REVOKE_DEVICE_SPEC, async ({ positionals }, io) => {
    const deviceId = positionals[0] as string;
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
  });
}

export const ENROLL_SPEC = {
  name: 'enroll',
  summary: 'create or update a professional and print a one-time enrolment code',
  description: [
    'Creates the professional (or updates the one of that name) and prints a one-time enrolment ' +
      'code, valid 24 hours, to enter in the laptop’s sync settings with the server’s URL.',
  ],
  arguments: [],
  options: {
    name: {
      value: 'NAME',
      description: 'the professional’s name, at most 120 characters',
      required: true,
    },
    role: {
      value: 'ROLE',
      description: `one of ${AccountRoleSchema.options.join(', ')} (admin devices may also use /admin/...)`,
      required: true,
    },
    territory: {
      value: 'CODE',
      description: 'the professional’s territory (a-z, 0-9, -), such as 59-lille',
      required: true,
    },
  },
  environment: DATABASE_ENVIRONMENT,
  examples: [
    {
      command: 'codiag enroll --name "Camille Exemple" --role pe-advisor --territory 59-lille',
      comment: 'a France Travail advisor of Lille',
    },
  ],
  exitCodes: STANDARD_EXIT_CODES,
} as const satisfies CommandSpec;

/** `codiag enroll --name NAME --role ROLE --territory CODE` */
export function enrollCommand(deps: ServerCommandDeps = defaultDeps()): CliCommand {
  return defineCommand(ENROLL_SPEC, async ({ options }, io) => {
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
  });
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

export const SEED_DEMO_SPEC = {
  name: 'seed-demo',
  summary: 'add fake beneficiaries with convocations to a territory (demo agenda)',
  description: [
    'Adds generated, obviously fake beneficiaries (shared/demo/fake-people.ts) to a territory, ' +
      'each convoked in one of 8 slots a weekday, so that a demo laptop’s agenda is not empty. ' +
      'Never on a production server.',
  ],
  arguments: [],
  options: {
    territory: {
      value: 'CODE',
      description: 'the territory (a-z, 0-9, -), such as 59-lille',
      required: true,
    },
    count: { value: 'N', description: 'how many beneficiaries, 1 to 1000', default: '24' },
    seed: {
      value: 'N',
      description: 'the generator’s seed (same seed, same people)',
      default: '1',
    },
    from: { value: 'YYYY-MM-DD', description: 'the first convocation day', default: 'today' },
  },
  environment: DATABASE_ENVIRONMENT,
  examples: [
    {
      command: 'codiag seed-demo --territory 59-lille --count 16',
      comment: 'two days of demo convocations from today',
    },
  ],
  exitCodes: STANDARD_EXIT_CODES,
} as const satisfies CommandSpec;

/** `codiag seed-demo --territory CODE [--count N] [--seed N] [--from YYYY-MM-DD]` */
export function seedDemoCommand(deps: ServerCommandDeps = defaultDeps()): CliCommand {
  return defineCommand(SEED_DEMO_SPEC, async ({ options }, io) => {
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
  });
}
