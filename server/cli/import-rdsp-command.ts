/**
 * `codiag import-rdsp FILE`: imports the RDSP declarations (what each person declared when applying
 * for the RSA, DOMAIN §9) from a JSON Lines file, for the laptops to pre-fill the interview
 * (docs/interop.md). Every line is checked first; with any error, every error is printed (line,
 * field path, what was expected; never a value), nothing is imported and the exit code is 2.
 * Importing the same file again changes nothing.
 */
import { parseRdspJsonLines } from '../../shared/interop/rdsp';
import { importRdspDeclarations, RdspImportError } from '../admin/rdsp-import';
import { type AdminCommandDeps, defaultAdminDeps, withDatabase } from './admin-options';
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

export const IMPORT_RDSP_SPEC = commandSpec({
  name: 'import-rdsp',
  summary: 'import the RDSP declarations that pre-fill the interviews (JSON Lines, all or nothing)',
  description: [
    'Reads one declaration per line (docs/interop.md) and checks every line first. With any ' +
      'error, every error is printed (line, field path, what was expected; never a value) and ' +
      'nothing is imported. Otherwise the declarations are stored in one transaction and reach ' +
      'the laptops with the convocations; importing the same file again changes nothing.',
  ],
  arguments: [
    {
      name: 'FILE',
      description: 'a JSON Lines file, one declaration per line (- for standard input)',
    },
  ],
  options: {},
  environment: DATABASE_ENVIRONMENT,
  examples: [
    { command: 'codiag import-rdsp rdsp-2026-03.jsonl', comment: 'the declarations of March' },
  ],
  exitCodes: [
    EXIT_DONE,
    EXIT_FAILURE,
    { ...EXIT_BAD_INPUT, meaning: `${EXIT_BAD_INPUT.meaning}; nothing was imported` },
  ],
});

export function importRdspCommand(deps: AdminCommandDeps = defaultAdminDeps()): CliCommand {
  return defineCommand(IMPORT_RDSP_SPEC, async ({ positionals }, io) => {
    const [file] = positionals;
    if (positionals.length !== 1 || file === undefined) {
      throw new CliInputError(
        'expected one FILE argument (a JSON Lines file, or - for standard input)',
      );
    }
    let text: string;
    try {
      text = await io.readInput(file);
    } catch {
      throw new CliInputError(`cannot read ${file}`);
    }
    const { declarations, errors } = parseRdspJsonLines(text);
    if (declarations.length === 0 && errors.length === 0) {
      throw new CliInputError(`${file}: no declaration lines; nothing imported`);
    }
    try {
      const summary = await withDatabase(deps, (db) =>
        importRdspDeclarations(db, declarations, errors),
      );
      io.stdout(
        `imported ${declarations.length} declaration(s): ${summary.created} new, ` +
          `${summary.updated} updated, ${summary.unchanged} unchanged\n`,
      );
      return 0;
    } catch (error) {
      if (!(error instanceof RdspImportError)) throw error;
      for (const e of error.errors) io.stderr(`line ${e.line}: ${e.path}: ${e.message}\n`);
      throw new CliInputError(`${file}: ${error.message}`);
    }
  });
}
