/**
 * Zod's issues in French, for the forms: the wrappers put the field's label in front, so every
 * message names its field (« Courriel : adresse électronique invalide … »). The shared schemas keep
 * their English messages for logs and the CLI.
 */
import { toNestErrors } from '@hookform/resolvers';
import type { FieldError, FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod';

type Issue = z.core.$ZodRawIssue | z.core.$ZodIssue;

const FORMAT_HINTS: [RegExp, string][] = [
  [/\[0-9 \.-\]\{9,20\}/, 'numéro de téléphone invalide (exemple : 06 12 34 56 78)'],
  [/\\d\{5\}\$/, 'code postal à 5 chiffres attendu (exemple : 59200)'],
  [/\[A-N\]\\d\{4\}/, 'code ROME invalide (une lettre et 4 chiffres, exemple : K2204)'],
  [/\\d\{4\}\)-\(\\d\{2\}\)/, 'date incomplète ou invalide'],
];

export function frenchMessage(issue: Issue): string {
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') {
        return min <= 1 ? 'à remplir' : `au moins ${min} caractères (actuellement trop court)`;
      }
      if (issue.origin === 'array')
        return min <= 1 ? 'choisissez au moins une réponse' : `au moins ${min} choix`;
      return `au moins ${min}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `${max} caractères au plus`;
      return `${max} au plus`;
    }
    case 'invalid_format': {
      if (issue.format === 'email')
        return 'adresse électronique invalide (exemple : nom@exemple.fr)';
      if (issue.format === 'regex' && 'pattern' in issue && issue.pattern !== undefined) {
        const source = String(issue.pattern);
        for (const [pattern, hint] of FORMAT_HINTS) if (pattern.test(source)) return hint;
      }
      return 'format invalide';
    }
    case 'invalid_type':
      if (issue.expected === 'number') return 'nombre attendu';
      if (issue.input === undefined || issue.input === null || issue.input === '')
        return 'à remplir';
      return 'valeur invalide';
    case 'invalid_value':
      return 'choisissez une des réponses proposées';
    case 'not_multiple_of':
      return 'valeur invalide';
    case 'custom':
      if (/calendar date/.test(issue.message ?? '')) return 'cette date n’existe pas';
      return issue.message ?? 'valeur invalide';
    default:
      return 'valeur invalide';
  }
}

/** The `error` option of zod's parse (and of zodResolver) that makes French messages. */
export const frenchErrorMap = (issue: Issue): string => frenchMessage(issue);

/** "Label : message", as every field error is shown. */
export function labelledError(label: string, message: string | undefined): string | undefined {
  return message ? `${label} : ${message}` : undefined;
}

/**
 * A react-hook-form resolver over a zod schema with French messages. zodResolver's `error` option
 * is not enough: the shared schemas' own (English) messages take precedence over it, so the issues
 * are translated here from their code, whatever their message.
 */
export function frenchZodResolver<T extends FieldValues>(
  schema: z.ZodType<unknown, T>,
): Resolver<T> {
  return async (values, _context, options) => {
    const result = await schema.safeParseAsync(values);
    if (result.success) return { values, errors: {} };
    const flat: Record<string, FieldError> = {};
    for (const issue of result.error.issues) {
      const path = issue.path.join('.');
      flat[path] ??= { type: issue.code, message: frenchMessage(issue) };
    }
    return { values: {}, errors: toNestErrors<T>(flat, options) };
  };
}
