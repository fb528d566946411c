/**
 * `codiag import-services FILE`: imports a data.inclusion catalogue (a JSON array or a CSV file of
 * v1 `service` rows) for the laptops' suggestions in the contract's actions (issue 6, "Local
 * services"). Each row is validated with shared/services; the valid ones are upserted and
 * published, the invalid ones are reported with their line and field. With `--withdraw-missing` the
 * file is a complete export of its sources: their services it does not hold are withdrawn (a
 * rejected row's service is not: it is still in the source). Exit codes in IMPORT_SERVICES_SPEC.
 */
import { extname } from 'node:path';
import {
  type CatalogueFormat,
  parseServiceCatalogue,
} from '../../shared/services/parse-service-catalogue';
import { loadCommuneTables, loadEpciTable } from '../services/cog-tables';
import { importServices } from '../services/service-catalogue';
import {
  type AdminCommandDeps,
  defaultAdminDeps,
  parseChoice,
  withDatabase,
} from './admin-options';
import {
  type CliCommand,
  commandSpec,
  DATABASE_ENVIRONMENT,
  defineCommand,
  EXIT_BAD_INPUT,
  EXIT_DONE,
  EXIT_FAILURE,
} from './command-spec';
import { CliInputError } from './io';

/** Some rows were rejected; the valid ones were imported. */
export const EXIT_SOME_REJECTED = 3;

export const IMPORT_SERVICES_SPEC = commandSpec({
  name: 'import-services',
  summary: 'import a data.inclusion services catalogue (JSON or CSV) for the laptops',
  description: [
    'Validates each v1 service row of FILE; the valid ones are created or updated and published ' +
      'to the laptops at their next sync, the invalid ones are reported on standard error with ' +
      'their line and field. Also publishes the EPCIs and communes the services’ zones name ' +
      '(docs/administration.md).',
  ],
  arguments: [
    {
      name: 'FILE',
      description:
        'a JSON array or a CSV file of data.inclusion service rows (- for standard input)',
    },
  ],
  options: {
    format: {
      value: 'json|csv',
      description: 'the format of FILE',
      default: 'from its extension, .json or .csv',
    },
    separator: {
      value: "';'|','",
      description: 'the CSV separator',
      default: 'picked from the header line',
    },
    'withdraw-missing': {
      description:
        'FILE is a complete export of its sources: their services it does not hold are ' +
        'withdrawn from the catalogue (laptops stop suggesting them)',
    },
  },
  environment: DATABASE_ENVIRONMENT,
  examples: [
    {
      command: 'codiag import-services services-59.csv',
      comment: 'import or update the services of a file',
    },
    {
      command: 'codiag import-services export-dora.json --withdraw-missing',
      comment: 'a complete export: withdraw its sources’ services it no longer holds',
    },
  ],
  exitCodes: [
    EXIT_DONE,
    EXIT_FAILURE,
    { ...EXIT_BAD_INPUT, meaning: `${EXIT_BAD_INPUT.meaning}; nothing imported` },
    {
      code: EXIT_SOME_REJECTED,
      meaning: 'some rows were rejected (listed on standard error); the valid ones were imported',
    },
  ],
});

function formatOf(file: string, given: CatalogueFormat | undefined): CatalogueFormat {
  if (given !== undefined) return given;
  const extension = extname(file).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.csv') return 'csv';
  throw new CliInputError(`--format: expected json or csv (${file} does not end in .json or .csv)`);
}

export function importServicesCommand(deps: AdminCommandDeps = defaultAdminDeps()): CliCommand {
  return defineCommand(IMPORT_SERVICES_SPEC, async ({ positionals, options }, io) => {
    const withdrawMissing = options['withdraw-missing'] === true;
    const file = positionals[0] as string;
    const format = formatOf(file, parseChoice(options, 'format', ['json', 'csv'] as const));
    const separator = parseChoice(options, 'separator', [';', ','] as const);
    if (separator !== undefined && format !== 'csv') {
      throw new CliInputError('--separator applies to --format csv only');
    }
    let text: string;
    try {
      text = await io.readInput(file);
    } catch {
      throw new CliInputError(`cannot read ${file}`);
    }
    const today = deps.now().toISOString().slice(0, 10);
    const { services, invalid } = parseServiceCatalogue(text, format, {
      today,
      ...(separator === undefined ? {} : { separator }),
    });
    const fileIssue = invalid.find((row) =>
      row.issues.some((i) => i.path === '(file)' || i.path === '(header)'),
    );
    if (fileIssue) {
      throw new CliInputError(
        `${file}: line ${fileIssue.line}: ${fileIssue.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}; nothing imported`,
      );
    }
    if (services.length === 0 && invalid.length === 0) {
      throw new CliInputError(`${file}: no service rows; nothing imported`);
    }
    const unnamed = invalid.find((row) => row.id === null);
    if (withdrawMissing && unnamed) {
      throw new CliInputError(
        `--withdraw-missing: line ${unnamed.line} is rejected and has no id, so which services the ` +
          'file holds is not known; nothing imported',
      );
    }
    const keep = invalid.flatMap((row) => (row.id === null ? [] : [row.id]));
    const summary = await withDatabase(deps, (db) =>
      importServices(db, services, {
        ...(withdrawMissing ? { withdrawMissing: { today, keep } } : {}),
        epcis: loadEpciTable,
        communes: loadCommuneTables,
      }),
    );
    for (const code of summary.unknownEpcis) {
      io.stderr(
        `zone_eligibilite: EPCI ${code} is not in the table of intercommunalités ` +
          '(@etalab/decoupage-administratif); its services are matched by their other zone codes only\n',
      );
    }
    for (const row of invalid) {
      io.stderr(
        `line ${row.line}${row.id === null ? '' : ` (id ${row.id})`}: ` +
          `${row.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}\n`,
      );
    }
    io.stdout(
      `imported ${services.length} service(s): ${summary.created} new, ${summary.updated} updated, ` +
        `${summary.unchanged} unchanged; rejected ${invalid.length} row(s)` +
        `${withdrawMissing ? `; withdrew ${summary.withdrawn} service(s) missing from the file` : ''}` +
        `${summary.epcisPublished > 0 ? `; published ${summary.epcisPublished} EPCI(s) their zones name` : ''}` +
        `${summary.communeTablesPublished > 0 ? `; published the communes of ${summary.communeTablesPublished} département(s)` : ''}\n`,
    );
    return invalid.length > 0 ? EXIT_SOME_REJECTED : 0;
  });
}
