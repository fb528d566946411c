/**
 * Reads a data.inclusion service catalogue (a JSON array or a CSV file of v1 `service` rows) for
 * `codiag import-services`: every row is validated on its own, the valid ones are returned, the
 * invalid ones are reported with their line in the file and each failing field. One bad row never
 * hides the good ones. Pure: the caller reads the file and stores the result (upsert by `id`, so
 * that a re-import changes nothing).
 */
import { describeIssues, type FieldIssue } from '../util/errors';
import { parseCsv, type CsvSeparator } from '../util/csv';
import {
  type Service,
  SERVICE_LIST_FIELDS,
  SERVICE_NUMBER_FIELDS,
  SERVICE_REQUIRED_FIELDS,
  ServiceSchema,
} from './service-schema';

export type CatalogueFormat = 'json' | 'csv';

export interface InvalidServiceRow {
  /** 1-based line of the file where the row starts. */
  line: number;
  /** The row's `id` when it has one, to find it in the source. */
  id: string | null;
  issues: FieldIssue[];
}

export interface ParsedServiceCatalogue {
  services: Service[];
  invalid: InvalidServiceRow[];
}

export interface CatalogueOptions {
  /** CSV separator; `auto` (default) picks `;` or `,` from the header line. */
  separator?: CsvSeparator | 'auto';
  /** When given, a `date_maj` after this day is refused (a date in the future is a data error). */
  today?: string;
}

export function parseServiceCatalogue(
  text: string,
  format: CatalogueFormat,
  options: CatalogueOptions = {},
): ParsedServiceCatalogue {
  const rows = format === 'json' ? jsonRows(text) : csvRows(text, options.separator ?? 'auto');
  if ('fileIssue' in rows) {
    return { services: [], invalid: [{ line: rows.line, id: null, issues: [rows.fileIssue] }] };
  }
  const services: Service[] = [];
  const invalid: InvalidServiceRow[] = [...rows.invalid];
  const firstLineOfId = new Map<string, number>();
  for (const row of rows.rows) {
    const id = idOf(row.value);
    const parsed = ServiceSchema.safeParse(row.value);
    if (!parsed.success) {
      invalid.push({ line: row.line, id, issues: describeIssues(parsed.error, row.value) });
      continue;
    }
    const service = parsed.data;
    if (options.today !== undefined && service.date_maj > options.today) {
      invalid.push({
        line: row.line,
        id,
        issues: [{ path: 'date_maj', message: `expected a date not after ${options.today}` }],
      });
      continue;
    }
    const first = firstLineOfId.get(service.id);
    if (first !== undefined) {
      invalid.push({
        line: row.line,
        id,
        issues: [{ path: 'id', message: `duplicate id, first seen on line ${first}` }],
      });
      continue;
    }
    firstLineOfId.set(service.id, row.line);
    services.push(service);
  }
  invalid.sort((a, b) => a.line - b.line);
  return { services, invalid };
}

interface RawRow {
  line: number;
  value: unknown;
}

type Rows =
  { rows: RawRow[]; invalid: InvalidServiceRow[] } | { fileIssue: FieldIssue; line: number };

function idOf(value: unknown): string | null {
  if (value && typeof value === 'object' && 'id' in value && typeof value.id === 'string') {
    return value.id.trim() || null;
  }
  return null;
}

function jsonRows(text: string): Rows {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let data: unknown;
  try {
    data = JSON.parse(input);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { fileIssue: { path: '(file)', message: `not valid JSON: ${message}` }, line: 1 };
  }
  if (!Array.isArray(data)) {
    return {
      fileIssue: { path: '(file)', message: 'expected a JSON array of services' },
      line: 1,
    };
  }
  const lines = elementLines(input);
  const rows: RawRow[] = [];
  const invalid: InvalidServiceRow[] = [];
  data.forEach((value: unknown, index) => {
    const line = lines[index] ?? 1;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      invalid.push({
        line,
        id: null,
        issues: [{ path: `[${index}]`, message: 'expected an object' }],
      });
    } else {
      rows.push({ line, value });
    }
  });
  return { rows, invalid };
}

/** The line on which each element of a top-level JSON array starts (the text is valid JSON). */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (depth === 1 && expectElement && !/\s/.test(ch) && ch !== ']') {
      lines.push(line);
      expectElement = false;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      depth++;
      if (depth === 1) expectElement = true;
    } else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 1) expectElement = true;
  }
  return lines;
}

const LIST_FIELDS: ReadonlySet<string> = new Set(SERVICE_LIST_FIELDS);
const NUMBER_FIELDS: ReadonlySet<string> = new Set(SERVICE_NUMBER_FIELDS);
const NUMBER = /^-?\d+(?:[.,]\d+)?$/;

function csvRows(text: string, separator: CsvSeparator | 'auto'): Rows {
  const parsed = parseCsv(text, { separator });
  const [headerRecord, ...records] = parsed.records;
  if (!headerRecord) {
    return {
      fileIssue: { path: '(file)', message: 'empty file: expected a header line' },
      line: 1,
    };
  }
  const header = headerRecord.cells.map((h) => h.trim());
  const missing = SERVICE_REQUIRED_FIELDS.filter((f) => !header.includes(f));
  if (missing.length > 0) {
    return {
      fileIssue: { path: '(header)', message: `missing column(s) ${missing.join(', ')}` },
      line: headerRecord.line,
    };
  }
  const invalid: InvalidServiceRow[] = parsed.issues.map((issue) => ({
    line: issue.line,
    id: null,
    issues: [{ path: '(row)', message: issue.message }],
  }));
  const rows: RawRow[] = [];
  for (const record of records) {
    if (record.cells.length !== header.length) {
      const idIndex = header.indexOf('id');
      invalid.push({
        line: record.line,
        id: record.cells[idIndex]?.trim() || null,
        issues: [
          {
            path: '(row)',
            message: `expected ${header.length} fields as in the header, got ${record.cells.length}`,
          },
        ],
      });
      continue;
    }
    const value: Record<string, unknown> = {};
    header.forEach((field, i) => {
      if (field === '') return;
      value[field] = cellValue(field, record.cells[i] ?? '');
    });
    rows.push({ line: record.line, value });
  }
  return { rows, invalid };
}

/** A CSV cell as the JSON value the schema expects: lists split, numbers read, empty = null. */
function cellValue(field: string, cell: string): unknown {
  const trimmed = cell.trim();
  if (trimmed === '') return null;
  if (LIST_FIELDS.has(field)) {
    if (trimmed.startsWith('[')) {
      try {
        const list: unknown = JSON.parse(trimmed);
        if (Array.isArray(list)) return list;
      } catch {
        // Not JSON after all: read it as a separated list below.
      }
    }
    return trimmed
      .split(/[|,;]/)
      .map((v) => v.trim())
      .filter((v) => v !== '');
  }
  if (NUMBER_FIELDS.has(field) && NUMBER.test(trimmed)) return Number(trimmed.replace(',', '.'));
  return cell;
}
