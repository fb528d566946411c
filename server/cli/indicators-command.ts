/**
 * `codiag indicators`: the steering indicators of a period over the server's stored interviews
 * (Annexe D of the convention), per territory or for one, as CSV for a spreadsheet or as the JSON
 * of `POST /admin/indicators`. Aggregates only: no person is named in the output.
 */
import { indicatorReportsToCsv } from '../../shared/indicators/indicator-rows';
import { ValidationError } from '../../shared/util/errors';
import { serverIndicators } from '../indicators/server-indicators';
import {
  type AdminCommandDeps,
  BOM_OPTION,
  defaultAdminDeps,
  parseChoice,
  PERIOD_OPTIONS,
  SEPARATOR_OPTION,
  TERRITORY_OPTION,
  parsePeriod,
  parseReferentialSelector,
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
import { CliInputError } from './io';

export const INDICATORS_SPEC = commandSpec({
  name: 'indicators',
  summary: 'steering indicators of a period, per territory (CSV or JSON)',
  description: [
    'Computes the steering indicators (docs/indicators.md) over the interviews stored on the ' +
      'server for a period, one report per territory or for one territory, and prints them as CSV ' +
      'for a spreadsheet or as the JSON of POST /admin/indicators. Aggregates only: no person is ' +
      'named in the output.',
  ],
  arguments: [],
  options: {
    ...PERIOD_OPTIONS,
    territory: TERRITORY_OPTION,
    referential: {
      value: 'ID@VERSION',
      description: 'only the interviews oriented with this published référentiel version',
      default: 'every version',
    },
    format: { value: 'csv|json', description: 'the output format', default: 'csv' },
    separator: SEPARATOR_OPTION,
    bom: BOM_OPTION,
  },
  environment: DATABASE_ENVIRONMENT,
  examples: [
    {
      command: 'codiag indicators --from 2026-01-01 --to 2026-03-31 > indicators-2026-q1.csv',
      comment: 'the first quarter, every territory, as CSV',
    },
    {
      command:
        'codiag indicators --from 2026-01-01 --to 2026-12-31 --territory 59-lille --format json',
      comment: 'one territory for a year, as JSON',
    },
  ],
  exitCodes: STANDARD_EXIT_CODES,
});

export function indicatorsCommand(deps: AdminCommandDeps = defaultAdminDeps()): CliCommand {
  return defineCommand(INDICATORS_SPEC, async ({ options }, io) => {
    const period = parsePeriod(options);
    const territory = parseTerritory(options);
    const referential = parseReferentialSelector(options);
    const format = parseChoice(options, 'format', ['csv', 'json'] as const) ?? 'csv';
    const separator = parseSeparator(options);
    if (format === 'json' && (options.separator !== undefined || options.bom !== undefined)) {
      throw new CliInputError('--separator and --bom apply to --format csv only');
    }
    const response = await withDatabase(deps, async (db) => {
      try {
        return await serverIndicators(db, {
          ...period,
          ...(territory === undefined ? {} : { territory }),
          ...(referential === undefined ? {} : { referential }),
        });
      } catch (error) {
        if (error instanceof ValidationError) {
          throw new CliInputError(
            `--referential: expected a référentiel version published on this server, got ${JSON.stringify(referential)}`,
          );
        }
        throw error;
      }
    });
    io.stdout(
      format === 'json'
        ? `${JSON.stringify(response, null, 2)}\n`
        : indicatorReportsToCsv(response.reports, { separator, bom: options.bom === true }),
    );
    return 0;
  });
}
