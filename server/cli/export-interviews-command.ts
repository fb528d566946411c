/**
 * `codiag export-interviews`: writes the closed interviews of a period for the neighbouring
 * systems (ParcoursRSA, MAP; DOMAIN §9, issue 13) as one JSON document in the versioned format of
 * docs/interop.md (`codiag.interview-export` 1.0).
 *
 * Personal data, so like `export-evaluation`: the file is written only where `--output` says
 * (never to standard output), with mode 0600, never replacing a file unless `--force`; only counts
 * and the path are printed; `--admin NAME` must name an account with role admin, and each export
 * is logged in `admin_exports` (kind `interviews`) with the period, territory and count, never a
 * row.
 */
import { randomUUID } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { ValidationError } from '../../shared/util/errors';
import { serverInterviewExport } from '../interop/server-interview-export';
import {
  type AdminCommandDeps,
  defaultAdminDeps,
  PERIOD_OPTIONS,
  parsePrivateFileOptions,
  PRIVATE_FILE_OPTIONS,
  parsePeriod,
  parseTerritory,
  TERRITORY_OPTION,
  withDatabase,
} from './admin-options';
import {
  type CliCommand,
  commandSpec,
  DATABASE_ENVIRONMENT,
  defineCommand,
  type OptionValues,
  STANDARD_EXIT_CODES,
} from './command-spec';
import { adminAccount, exists, writePrivateFile } from './export-evaluation-command';
import { CliInputError } from './io';

export const EXPORT_INTERVIEWS_SPEC = commandSpec({
  name: 'export-interviews',
  summary: 'write the closed interviews of a period for ParcoursRSA and MAP (JSON, admin)',
  description: [
    'Writes the closed interviews of the period (latest version of each corrected interview) as ' +
      'one JSON document in the codiag.interview-export 1.0 format (docs/interop.md) to the ' +
      '--output file, created with mode 0600; it is never printed and never replaced without ' +
      '--force. The export is recorded under the --admin account with its period and count ' +
      '(never a row).',
  ],
  arguments: [],
  options: {
    ...PERIOD_OPTIONS,
    ...PRIVATE_FILE_OPTIONS,
    territory: TERRITORY_OPTION,
  },
  environment: DATABASE_ENVIRONMENT,
  examples: [
    {
      command:
        'codiag export-interviews --from 2026-03-01 --to 2026-03-31 --territory 59-lille ' +
        '--output interviews-2026-03.json --admin "Dominique Exemple"',
      comment: 'the closed interviews of March in one territory',
    },
  ],
  exitCodes: STANDARD_EXIT_CODES,
});

interface ExportInterviewsOptions {
  period: { from: string; to: string };
  territory: string | undefined;
  path: string;
  admin: string;
  force: boolean;
}

/** Every option of the command, checked in one place. */
function parseExportInterviewsOptions(
  options: OptionValues<typeof EXPORT_INTERVIEWS_SPEC.options>,
): ExportInterviewsOptions {
  const period = parsePeriod(options);
  const territory = parseTerritory(options);
  const { output, admin, force } = parsePrivateFileOptions(options, 'the interview export');
  return { period, territory, path: resolve(output), admin, force };
}

export function exportInterviewsCommand(deps: AdminCommandDeps = defaultAdminDeps()): CliCommand {
  return defineCommand(EXPORT_INTERVIEWS_SPEC, async ({ options }, io) => {
    const { period, territory, path, admin, force } = parseExportInterviewsOptions(options);
    if (!(await exists(dirname(path)))) {
      throw new CliInputError(`--output: the directory ${dirname(path)} does not exist`);
    }
    if (!force && (await exists(path))) {
      throw new CliInputError(`--output: ${path} already exists; add --force to replace it`);
    }
    const result = await withDatabase(deps, async (db) => {
      const adminId = await adminAccount(db, admin);
      const now = deps.now().toISOString();
      let built;
      try {
        built = await serverInterviewExport(db, { ...period, territory, exportedAt: now });
      } catch (error) {
        if (error instanceof ValidationError) {
          // Field paths and expected values only: the message names no person.
          throw new Error(`cannot export: ${error.message}`);
        }
        throw error;
      }
      await writePrivateFile(path, `${JSON.stringify(built.document, null, 2)}\n`, force);
      await db.query(
        `INSERT INTO admin_exports (id, professional_id, kind, period_from, period_to, territory,
                                    rows_written, pseudonymised, created_at)
         VALUES ($1, $2, 'interviews', $3, $4, $5, $6, false, $7)`,
        [
          randomUUID(),
          adminId,
          period.from,
          period.to,
          territory ?? null,
          built.document.interviews.length,
          now,
        ],
      );
      return built;
    });
    const { notClosed, noDecision, superseded } = result.leftOut;
    io.stdout(
      `wrote ${result.document.interviews.length} closed interview(s) for ${period.from} to ${period.to}` +
        `${territory === undefined ? '' : ` (territory ${territory})`} to ${path} (mode 0600)\n` +
        `left out: ${notClosed} not closed, ${noDecision} closed without a decision (person absent), ` +
        `${superseded} superseded by a correction\n`,
    );
    return 0;
  });
}
