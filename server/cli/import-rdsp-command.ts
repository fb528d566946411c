/**
 * `codiag import-rdsp FILE`: imports the RDSP declarations (what each person declared when applying
 * for the RSA, DOMAIN §9) from a JSON Lines file, for the laptops to pre-fill the interview
 * (docs/rdsp-import.md). Every line is checked first; with any error, every error is printed (line,
 * field path, what was expected; never a value), nothing is imported and the exit code is 2.
 * Importing the same file again changes nothing.
 */
import { parseRdspJsonLines } from '../../shared/interop/rdsp';
import { importRdspDeclarations, RdspImportError } from '../admin/rdsp-import';
import { type AdminCommandDeps, defaultAdminDeps, withDatabase } from './admin-options';
import { CliInputError, type CliIo, parseOptions } from './io';

export const IMPORT_RDSP_USAGE = `usage: codiag import-rdsp FILE
  FILE  a JSON Lines file, one declaration per line (- for standard input); see docs/rdsp-import.md`;

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

/** The command's options, in one place (no option today but the file). */
function parseImportRdspArgs(args: readonly string[]): { file: string } {
  const { positional } = parseOptions(args, {});
  const [file] = positional;
  if (positional.length !== 1 || file === undefined) throw new CliInputError(IMPORT_RDSP_USAGE);
  return { file };
}

export function importRdspCommand(deps: AdminCommandDeps = defaultAdminDeps()): Command {
  return async (args, io) => {
    const { file } = parseImportRdspArgs(args);
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
  };
}
