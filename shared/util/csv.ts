/**
 * CSV as pure string functions (RFC 4180, plus what a French spreadsheet needs): the indicator and
 * evaluation exports (Annexe 8) write with it, the data.inclusion catalogue import reads with it.
 * Writing quotes what must be quoted, can use `;`, a UTF-8 BOM and CRLF line ends, and defuses
 * cells a spreadsheet would run as formulas. Reading keeps each record's line number so that an
 * invalid row can be named.
 */

export type CsvSeparator = ';' | ',';
export type CsvCell = string | number | boolean | null;

export interface CsvWriteOptions {
  /** `;` for a French spreadsheet (default), `,` for RFC 4180 tools. */
  separator?: CsvSeparator;
  /** Start with a UTF-8 byte order mark so that spreadsheets read accents right (default false). */
  bom?: boolean;
  /** CRLF by default, as RFC 4180 and spreadsheets expect. */
  lineEnding?: '\r\n' | '\n';
  /** Write numbers with a decimal comma (default: when the separator is `;`). */
  decimalComma?: boolean;
  /**
   * Prefix cells that a spreadsheet would run as a formula (`=…`, `@…`, `+…`/`-…` that are not
   * numbers or phone numbers) with an apostrophe (default true): free text must stay text.
   */
  guardFormulas?: boolean;
}

export const UTF8_BOM = '\uFEFF';

const FORMULA_START = /^[=@\t\r]/;
const SIGNED_START = /^[+-]/;
const NUMBER_OR_PHONE = /^[+-]?[\d .,()]+$/;

/** One cell as text, quoted when it holds the separator, a quote, a line break or edge spaces. */
export function formatCsvCell(cell: CsvCell, options: CsvWriteOptions = {}): string {
  const separator = options.separator ?? ';';
  const decimalComma = options.decimalComma ?? separator === ';';
  let text: string;
  if (cell === null) text = '';
  else if (typeof cell === 'boolean') text = cell ? 'true' : 'false';
  else if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new RangeError(`cannot write ${String(cell)} to CSV`);
    text = decimalComma ? String(cell).replace('.', ',') : String(cell);
  } else text = cell;
  if (
    typeof cell === 'string' &&
    (options.guardFormulas ?? true) &&
    (FORMULA_START.test(text) || (SIGNED_START.test(text) && !NUMBER_OR_PHONE.test(text)))
  ) {
    text = `'${text}`;
  }
  const mustQuote =
    text.includes(separator) ||
    text.includes('"') ||
    text.includes('\n') ||
    text.includes('\r') ||
    text !== text.trim();
  return mustQuote ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole CSV file: every row, each ending with the line ending (the last one too). */
export function toCsv(
  rows: readonly (readonly CsvCell[])[],
  options: CsvWriteOptions = {},
): string {
  const separator = options.separator ?? ';';
  const eol = options.lineEnding ?? '\r\n';
  const body = rows
    .map((row) => row.map((cell) => formatCsvCell(cell, options)).join(separator) + eol)
    .join('');
  return (options.bom ? UTF8_BOM : '') + body;
}

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  cells: string[];
}

export interface CsvParseIssue {
  line: number;
  message: string;
}

export interface ParsedCsv {
  separator: CsvSeparator;
  records: CsvRecord[];
  /** Malformed records (an unterminated quote, text after a closing quote), left out of `records`. */
  issues: CsvParseIssue[];
}

/**
 * Parses CSV text: an optional BOM, `;` or `,` (`auto`: whichever the first line holds more of,
 * outside quotes), quoted fields with doubled quotes and line breaks inside, CRLF, LF or CR line
 * ends. Blank lines are skipped. A malformed record is reported with its line and skipped; the
 * records around it are kept.
 */
export function parseCsv(
  text: string,
  options: { separator?: CsvSeparator | 'auto' } = {},
): ParsedCsv {
  const input = text.startsWith(UTF8_BOM) ? text.slice(1) : text;
  const separator =
    options.separator && options.separator !== 'auto' ? options.separator : detectSeparator(input);
  const records: CsvRecord[] = [];
  const issues: CsvParseIssue[] = [];

  let line = 1;
  let i = 0;
  const n = input.length;
  while (i < n) {
    const startLine = line;
    const cells: string[] = [];
    let cell = '';
    let problem: string | null = null;
    let endOfRecord = false;
    let quotedCell = false;
    while (!endOfRecord) {
      if (i >= n) {
        cells.push(cell);
        break;
      }
      const ch = input[i] as string;
      if (ch === '"' && cell === '' && !quotedCell) {
        // A quoted field: read to the closing quote.
        quotedCell = true;
        i++;
        let closed = false;
        while (i < n) {
          const c = input[i] as string;
          if (c === '"') {
            if (input[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\r' || c === '\n') {
            line++;
            if (c === '\r' && input[i + 1] === '\n') {
              cell += '\r\n';
              i += 2;
              continue;
            }
          }
          cell += c;
          i++;
        }
        if (!closed) {
          problem = 'unterminated quoted field';
          cells.push(cell);
          break;
        }
        continue;
      }
      if (ch === separator) {
        cells.push(cell);
        cell = '';
        quotedCell = false;
        i++;
        continue;
      }
      if (ch === '\r' || ch === '\n') {
        cells.push(cell);
        i += ch === '\r' && input[i + 1] === '\n' ? 2 : 1;
        line++;
        endOfRecord = true;
        continue;
      }
      if (quotedCell) {
        problem ??= 'text after a closing quote (a quote inside a field must be doubled)';
      }
      cell += ch;
      i++;
    }
    const blank = cells.length === 1 && cells[0] === '' && problem === null;
    if (problem !== null) issues.push({ line: startLine, message: problem });
    else if (!blank) records.push({ line: startLine, cells });
  }
  return { separator, records, issues };
}

function detectSeparator(input: string): CsvSeparator {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of input) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  return semicolons >= commas && semicolons > 0 ? ';' : ',';
}
