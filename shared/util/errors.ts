/**
 * Validation errors that name every failing field: the CLI, the server and the IPC layer all turn
 * a zod failure into the same list of `path: expected …` lines.
 */
import type { z } from 'zod';

export interface FieldIssue {
  /** Dotted path of the field, such as `rules.2.when.op` or `[3].availability`. */
  path: string;
  message: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/**
 * Describes every issue with its field path. With `input` (the value that was parsed), each message
 * also says what was found there; leave it out where values must not be echoed (server logs).
 */
export function describeIssues(error: z.ZodError, input?: unknown): FieldIssue[] {
  return error.issues.map((issue) => {
    let message = describeIssue(issue);
    if (input !== undefined && (issue.code === 'invalid_value' || issue.code === 'invalid_type')) {
      const found = valueAt(input, issue.path);
      message += found === undefined ? ' (missing)' : `, got ${preview(found)}`;
    }
    return { path: formatPath(issue.path) || '(root)', message };
  });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'unrecognized_keys':
      return `unknown field(s) ${issue.keys.join(', ')}`;
    case 'invalid_union': {
      const note =
        'note' in issue && issue.note === 'No matching discriminator' ? ' (unknown kind)' : '';
      return `${issue.message}${note}`;
    }
    default:
      return issue.message;
  }
}

export class ValidationError extends Error {
  constructor(
    readonly what: string,
    readonly issues: FieldIssue[],
  ) {
    super(`invalid ${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'ValidationError';
  }
}

/** Parses or throws a ValidationError naming each failing field. */
export function parseOrThrow<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: string,
): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(what, describeIssues(result.error));
  return result.data;
}
