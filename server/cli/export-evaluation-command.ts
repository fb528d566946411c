/**
 * `codiag export-evaluation`: writes the evaluation file of a period (Annexe 8 of the convention,
 * docs/evaluation-data-dictionary.md) from the server's stored interviews, optionally
 * pseudonymised with a keyed hash (HMAC-SHA-256 with a secret read from a file).
 *
 * Personal data: the file is written only where `--output` says (never to standard output), is
 * created with mode 0600, never replaces a file unless `--force`, and nothing but counts and the
 * path is printed. Admin only: running it needs the server's database credentials (the host's
 * privilege), and `--admin NAME` must name an account with role admin, recorded in
 * `admin_exports` with the parameters and the row count (never a row).
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, link, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import {
  buildEvaluationRows,
  EvaluationFollowUpSchema,
  evaluationRowsToCsv,
  type EvaluationFollowUp,
} from '../../shared/indicators/evaluation-export';
import {
  MIN_PSEUDONYMISATION_SECRET_LENGTH,
  type Pseudonymiser,
} from '../../shared/indicators/pseudonymise';
import { describeIssues } from '../../shared/util/errors';
import { z } from 'zod';
import type { Queryable } from '../db/database';
import { readStoredInterviews } from '../indicators/stored-interviews';
import {
  type AdminCommandDeps,
  BOM_OPTION,
  defaultAdminDeps,
  PERIOD_OPTIONS,
  parsePrivateFileOptions,
  PRIVATE_FILE_OPTIONS,
  SEPARATOR_OPTION,
  TERRITORY_OPTION,
  parsePeriod,
  parseSeparator,
  parseTerritory,
  withDatabase,
} from './admin-options';
import {
  type CliCommand,
  commandSpec,
  DATABASE_ENVIRONMENT,
  defineCommand,
  STANDARD_EXIT_CODES,
} from './command-spec';
import { CliInputError, type CliIo, parseJsonInput } from './io';

export const EXPORT_EVALUATION_SPEC = commandSpec({
  name: 'export-evaluation',
  summary: 'write the evaluation file (Annexe 8) of a period to a file (admin)',
  description: [
    'Writes one row per interview of the period (docs/evaluation-data-dictionary.md) as CSV to ' +
      'the --output file, created with mode 0600; the file is never printed and never replaced ' +
      'without --force. The export is recorded under the --admin account with its parameters and ' +
      'row count (never a row). With --pseudonymise, identifiers are replaced by a keyed hash ' +
      '(HMAC-SHA-256) with the secret of --secret-file.',
  ],
  arguments: [],
  options: {
    ...PERIOD_OPTIONS,
    ...PRIVATE_FILE_OPTIONS,
    territory: TERRITORY_OPTION,
    pseudonymise: { description: 'replace identifiers with a keyed hash (needs --secret-file)' },
    'secret-file': {
      value: 'FILE',
      description: `a file holding the secret, at least ${MIN_PSEUDONYMISATION_SECRET_LENGTH} characters (chmod 600)`,
    },
    'follow-ups': {
      value: 'FILE.json',
      description: 'a JSON array of follow-ups to join to the interviews',
      default: 'none',
    },
    separator: SEPARATOR_OPTION,
    bom: BOM_OPTION,
  },
  environment: DATABASE_ENVIRONMENT,
  examples: [
    {
      command:
        'codiag export-evaluation --from 2026-01-01 --to 2026-06-30 --output evaluation-s1.csv ' +
        '--admin "Dominique Exemple" --pseudonymise --secret-file /etc/codiag/evaluation.secret',
      comment: 'the first half-year, pseudonymised',
    },
  ],
  exitCodes: STANDARD_EXIT_CODES,
});

/** HMAC-SHA-256 under the secret, hex: the server's keyed hash (docs/evaluation-data-dictionary.md). */
export function hmacPseudonymiser(secret: string): Pseudonymiser {
  return (value) => createHmac('sha256', secret).update(value, 'utf8').digest('hex');
}

async function readSecret(path: string, io: CliIo): Promise<string> {
  let text: string;
  let mode: number;
  try {
    text = await readFile(path, 'utf8');
    mode = (await stat(path)).mode;
  } catch {
    throw new CliInputError(`--secret-file: expected a readable file, cannot read ${path}`);
  }
  const secret = text.replace(/\r?\n$/, '');
  if (secret.length < MIN_PSEUDONYMISATION_SECRET_LENGTH) {
    throw new CliInputError(
      `--secret-file: expected a secret of at least ${MIN_PSEUDONYMISATION_SECRET_LENGTH} characters`,
    );
  }
  if ((mode & 0o077) !== 0) {
    io.stderr(`warning: ${path} is readable by other users; chmod 600 it\n`);
  }
  return secret;
}

async function readFollowUps(path: string, io: CliIo): Promise<EvaluationFollowUp[]> {
  const parsed = z
    .array(EvaluationFollowUpSchema)
    .safeParse(parseJsonInput(await io.readInput(path), path));
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    throw new CliInputError(
      `--follow-ups: expected a JSON array of follow-ups (${issues.length} problem(s)):\n` +
        issues.map((i) => `  ${i.path}: ${i.message}`).join('\n'),
    );
  }
  return parsed.data;
}

/** The account named by `--admin`, which must have the role admin. */
export async function adminAccount(db: Queryable, name: string): Promise<string> {
  const { rows } = await db.query<{ id: string; role: string }>(
    'SELECT id, role FROM professionals WHERE name = $1',
    [name],
  );
  const row = rows[0];
  if (!row || row.role !== 'admin') {
    throw new CliInputError(
      '--admin: expected the name of an account with role admin (codiag enroll --role admin)',
    );
  }
  return row.id;
}

export async function exists(path: string): Promise<boolean> {
  try {
    await access(path, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes the file with mode 0600 next to its destination, then moves it in place: without
 * `force`, a hard link that fails if the destination exists (no overwrite even in a race).
 */
export async function writePrivateFile(path: string, text: string, force: boolean): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  await writeFile(temporary, text, { encoding: 'utf8', mode: 0o600, flag: 'wx' });
  try {
    if (force) await rename(temporary, path);
    else {
      await link(temporary, path);
      await unlink(temporary);
    }
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new CliInputError(`--output: ${path} already exists; add --force to replace it`);
    }
    throw error;
  }
}

export function exportEvaluationCommand(deps: AdminCommandDeps = defaultAdminDeps()): CliCommand {
  return defineCommand(EXPORT_EVALUATION_SPEC, async ({ options }, io) => {
    const period = parsePeriod(options);
    const territory = parseTerritory(options);
    const { output, admin, force } = parsePrivateFileOptions(options, 'the evaluation file');
    const separator = parseSeparator(options);
    const pseudonymise = options.pseudonymise === true;
    const secretFile = options['secret-file'];
    if (pseudonymise && typeof secretFile !== 'string') {
      throw new CliInputError('--secret-file is required with --pseudonymise: expected a file');
    }
    if (!pseudonymise && secretFile !== undefined) {
      throw new CliInputError('--secret-file applies to --pseudonymise only');
    }
    const path = resolve(output);
    if (!(await exists(dirname(path)))) {
      throw new CliInputError(`--output: the directory ${dirname(path)} does not exist`);
    }
    if (!force && (await exists(path))) {
      throw new CliInputError(`--output: ${path} already exists; add --force to replace it`);
    }
    const pseudonymiser =
      typeof secretFile === 'string' ? hmacPseudonymiser(await readSecret(secretFile, io)) : null;
    const followUps =
      typeof options['follow-ups'] === 'string'
        ? await readFollowUps(options['follow-ups'], io)
        : [];

    const written = await withDatabase(deps, async (db) => {
      const adminId = await adminAccount(db, admin);
      const records = await readStoredInterviews(db, { period, territory });
      const rows = buildEvaluationRows(records, {
        period,
        ...(territory === undefined ? {} : { territory }),
        pseudonymise: pseudonymiser,
        followUps,
      });
      await writePrivateFile(
        path,
        evaluationRowsToCsv(rows, { separator, bom: options.bom === true }),
        force,
      );
      await db.query(
        `INSERT INTO admin_exports (id, professional_id, kind, period_from, period_to, territory,
                                    rows_written, pseudonymised, created_at)
         VALUES ($1, $2, 'evaluation', $3, $4, $5, $6, $7, $8)`,
        [
          randomUUID(),
          adminId,
          period.from,
          period.to,
          territory ?? null,
          rows.length,
          pseudonymise,
          deps.now().toISOString(),
        ],
      );
      return rows.length;
    });
    io.stdout(
      `wrote ${written} interview row(s) for ${period.from} to ${period.to}` +
        `${territory === undefined ? '' : ` (territory ${territory})`}` +
        `${pseudonymise ? ', pseudonymised' : ''} to ${path} (mode 0600)\n`,
    );
    return 0;
  });
}
