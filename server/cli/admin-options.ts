/**
 * Options shared by the département's administration commands (`indicators`,
 * `export-evaluation`, `import-services`): each one parsed with the schema the server uses, so a
 * bad value exits with code 2 and a message naming the option and what was expected.
 */
import type { CsvSeparator } from '../../shared/util/csv';
import { IsoDateSchema } from '../../shared/util/dates';
import { TerritorySchema } from '../../shared/sync/messages';
import { ReferentialSelectorSchema } from '../../shared/sync/indicator-messages';
import type { Database } from '../db/database';
import { databaseConfigFromEnv, openMigratedDatabase } from '../db/open-database';
import type { OptionSpec } from './command-spec';
import { CliInputError } from './io';

/** The option specs the administration commands share (help text only; parsing is above). */
export const PERIOD_OPTIONS = {
  from: {
    value: 'YYYY-MM-DD',
    description: 'the first day of the period (interview dates, inclusive)',
    required: true,
  },
  to: {
    value: 'YYYY-MM-DD',
    description: 'the last day of the period (inclusive), not before --from',
    required: true,
  },
} as const satisfies Record<string, OptionSpec>;

export const TERRITORY_OPTION = {
  value: 'CODE',
  description: 'one territory (a-z, 0-9, -), such as 59-lille',
  default: 'every territory',
} as const satisfies OptionSpec;

export const SEPARATOR_OPTION = {
  value: "';'|','",
  description: 'the CSV field separator',
  default: "';', for French spreadsheets",
} as const satisfies OptionSpec;

export const BOM_OPTION = {
  description: 'start the CSV with a byte order mark (for Excel)',
} as const satisfies OptionSpec;

/** The options a command parsed (command-spec.ts): a string for a value option, true for a flag. */
export type Options = Readonly<Record<string, string | true | undefined>>;

export interface AdminCommandDeps {
  openDatabase: () => Promise<Database>;
  now: () => Date;
}

export const defaultAdminDeps = (): AdminCommandDeps => ({
  openDatabase: () => openMigratedDatabase(databaseConfigFromEnv()),
  now: () => new Date(),
});

/** `--output FILE --admin NAME [--force]` of the commands that write personal data to a file. */
export const PRIVATE_FILE_OPTIONS = {
  output: {
    value: 'FILE',
    description: 'the file to write (its directory must exist; - is refused)',
    required: true,
  },
  admin: {
    value: 'NAME',
    description: 'the name of an account with role admin (codiag enroll --role admin)',
    required: true,
  },
  force: { description: 'replace the --output file if it exists' },
} as const satisfies Record<string, OptionSpec>;

/**
 * The checked values of PRIVATE_FILE_OPTIONS. `what` names the content in the messages, such as
 * `the evaluation file` (`--output -` is refused: personal data is never printed).
 */
export function parsePrivateFileOptions(
  options: Options,
  what: string,
): { output: string; admin: string; force: boolean } {
  const output = requiredValue(options, 'output', `the file to write ${what} to (never printed)`);
  if (output === '-') {
    throw new CliInputError(`--output: expected a file; ${what} is never printed`);
  }
  const admin = requiredValue(options, 'admin', 'the name of an account with role admin');
  return { output, admin, force: options.force === true };
}

/** The value of `--name`, required. */
export function requiredValue(options: Options, name: string, expected: string): string {
  const value = options[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new CliInputError(`--${name} is required: expected ${expected}`);
  }
  return value.trim();
}

function parseOption<T>(
  schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false } },
  value: string,
  name: string,
  expected: string,
): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new CliInputError(`--${name}: expected ${expected}, got ${JSON.stringify(value)}`);
  }
  return result.data;
}

/** `--from YYYY-MM-DD --to YYYY-MM-DD`, both required, from ≤ to. */
export function parsePeriod(options: Options): { from: string; to: string } {
  const expected = 'a date as YYYY-MM-DD';
  const from = parseOption(
    IsoDateSchema,
    requiredValue(options, 'from', expected),
    'from',
    expected,
  );
  const to = parseOption(IsoDateSchema, requiredValue(options, 'to', expected), 'to', expected);
  if (from > to) throw new CliInputError(`--to: expected a date not before --from (${from})`);
  return { from, to };
}

export function parseTerritory(options: Options): string | undefined {
  const value = options.territory;
  if (value === undefined) return undefined;
  const expected = 'a territory code (a-z, 0-9, -), such as 59-lille';
  if (value === true) throw new CliInputError(`--territory: expected ${expected}`);
  return parseOption(TerritorySchema, value.trim(), 'territory', expected);
}

export function parseReferentialSelector(options: Options): string | undefined {
  const value = options.referential;
  if (value === undefined) return undefined;
  const expected = 'ID@VERSION of a published référentiel, such as nord-2023@1.1.0';
  if (value === true) throw new CliInputError(`--referential: expected ${expected}`);
  return parseOption(ReferentialSelectorSchema, value.trim(), 'referential', expected);
}

/** `--separator ';'` (default, French spreadsheets) or `','`. */
export function parseSeparator(options: Options): CsvSeparator {
  const value = options.separator;
  if (value === undefined) return ';';
  if (value === ';' || value === ',') return value;
  throw new CliInputError(
    `--separator: expected ';' or ',', got ${JSON.stringify(value === true ? '' : value)}`,
  );
}

export function parseChoice<const T extends readonly string[]>(
  options: Options,
  name: string,
  choices: T,
): T[number] | undefined {
  const value = options[name];
  if (value === undefined) return undefined;
  const found = choices.find((c) => c === value);
  if (found === undefined) {
    throw new CliInputError(
      `--${name}: expected one of ${choices.join(', ')}, got ${JSON.stringify(value === true ? '' : value)}`,
    );
  }
  return found;
}

export async function withDatabase<T>(
  deps: AdminCommandDeps,
  fn: (db: Database) => Promise<T>,
): Promise<T> {
  const db = await deps.openDatabase();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
