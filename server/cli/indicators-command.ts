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
  defaultAdminDeps,
  noPositional,
  parseChoice,
  parsePeriod,
  parseReferentialSelector,
  parseSeparator,
  parseTerritory,
  withDatabase,
} from './admin-options';
import { CliInputError, type CliIo, parseOptions } from './io';

export const INDICATORS_USAGE = `usage: codiag indicators --from YYYY-MM-DD --to YYYY-MM-DD [--territory CODE]
       [--referential ID@VERSION] [--format csv|json] [--separator ';'|','] [--bom]`;

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

export function indicatorsCommand(deps: AdminCommandDeps = defaultAdminDeps()): Command {
  return async (args, io) => {
    const { positional, options } = parseOptions(args, {
      from: 'value',
      to: 'value',
      territory: 'value',
      referential: 'value',
      format: 'value',
      separator: 'value',
      bom: 'flag',
    });
    noPositional(positional);
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
  };
}
