/**
 * The RDSP declaration: the socio-professional data a person declares when applying for the RSA
 * (DOMAIN §9, "dites-le-nous une fois"; Appendix A for the employment-side lists), as the
 * département imports it (`codiag import-rdsp`, docs/interop.md), and how it pre-fills a new
 * interview. Every pre-filled answer is listed in `declaredUnconfirmed` until a professional
 * confirms it or changes it.
 */
import { z } from 'zod';
import {
  DECLARABLE_FIELDS,
  EducationLevelSchema,
  type DeclarableField,
  IdentitySectionSchema,
  WorkSituationSchema,
  type Interview,
} from '../domain/interview';
import { IdSchema, MaritalStatusSchema } from '../domain/people';
import { IsoDateSchema } from '../util/dates';
import { describeIssues, type FieldIssue } from '../util/errors';

/** The declared answers: each one optional (the person may not have answered it). */
export const RdspAnswersSchema = z
  .strictObject({
    maritalStatus: MaritalStatusSchema.optional(),
    dependentChildren: IdentitySectionSchema.shape.dependentChildren.unwrap().optional(),
    childrenUnder3: IdentitySectionSchema.shape.childrenUnder3.unwrap().optional(),
    workSituation: WorkSituationSchema.optional(),
    lastJobDate: IsoDateSchema.optional(),
    educationLevel: EducationLevelSchema.optional(),
    franceTravailRegistered: z.boolean().optional(),
  })
  .superRefine((answers, ctx) => {
    const { dependentChildren, childrenUnder3 } = answers;
    if (
      dependentChildren !== undefined &&
      childrenUnder3 !== undefined &&
      childrenUnder3 > dependentChildren
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['childrenUnder3'],
        message: `expected at most dependentChildren (${dependentChildren})`,
      });
    }
  });
export type RdspAnswers = z.infer<typeof RdspAnswersSchema>;

/** One line of the département's RDSP file: whose declaration, when it was made, the answers. */
export const RdspDeclarationSchema = z
  .strictObject({
    /** The beneficiary's id, as the server's beneficiary records (and `seed-demo`) use it. */
    beneficiaryId: IdSchema,
    /** The date of the RSA application the declaration was part of. */
    declaredOn: IsoDateSchema,
    answers: RdspAnswersSchema,
  })
  .superRefine((declaration, ctx) => {
    const { lastJobDate } = declaration.answers;
    if (lastJobDate !== undefined && lastJobDate > declaration.declaredOn) {
      ctx.addIssue({
        code: 'custom',
        path: ['answers', 'lastJobDate'],
        message: `expected a date not after declaredOn (${declaration.declaredOn})`,
      });
    }
  });
export type RdspDeclaration = z.infer<typeof RdspDeclarationSchema>;

/** Where each declared answer lands in the interview (the field path the professionals see). */
export const DECLARED_FIELD_PATHS = {
  maritalStatus: 'identity.maritalStatus',
  dependentChildren: 'identity.dependentChildren',
  childrenUnder3: 'identity.childrenUnder3',
  workSituation: 'employment.workSituation',
  lastJobDate: 'employment.lastJobDate',
  educationLevel: 'employment.educationLevel',
  franceTravailRegistered: 'employment.franceTravailRegistered',
} as const satisfies Record<DeclarableField, string>;

export interface Prefill {
  interview: Interview;
  /** The answers taken from the declaration, in the order of DECLARABLE_FIELDS. */
  prefilled: DeclarableField[];
  /** Their field paths in the interview (`employment.workSituation`…). */
  paths: string[];
}

/**
 * The interview with the declared answers filled in, each one marked « à confirmer ». An answer
 * the declaration leaves out (or null, as older laptop rows hold it) stays as it was; `declaredUnconfirmed` lists exactly the answers
 * taken from the declaration.
 */
export function prefillFromDeclaration(
  interview: Interview,
  answers: { [F in DeclarableField]?: RdspAnswers[F] | null },
): Prefill {
  const identity = { ...interview.identity };
  const employment = { ...interview.employment };
  const prefilled: DeclarableField[] = [];
  for (const field of DECLARABLE_FIELDS) {
    if (answers[field] === undefined || answers[field] === null) continue;
    prefilled.push(field);
    switch (field) {
      case 'maritalStatus':
        identity.maritalStatus = answers.maritalStatus ?? null;
        break;
      case 'dependentChildren':
        identity.dependentChildren = answers.dependentChildren ?? null;
        break;
      case 'childrenUnder3':
        identity.childrenUnder3 = answers.childrenUnder3 ?? null;
        break;
      case 'workSituation':
        employment.workSituation = answers.workSituation ?? null;
        break;
      case 'lastJobDate':
        employment.lastJobDate = answers.lastJobDate ?? null;
        break;
      case 'educationLevel':
        employment.educationLevel = answers.educationLevel ?? null;
        break;
      case 'franceTravailRegistered':
        employment.franceTravailRegistered = answers.franceTravailRegistered ?? null;
        break;
      default: {
        const unknown: never = field;
        throw new Error(`unknown declarable field ${String(unknown)}`);
      }
    }
  }
  return {
    interview: { ...interview, identity, employment, declaredUnconfirmed: prefilled },
    prefilled,
    paths: prefilled.map((field) => DECLARED_FIELD_PATHS[field]),
  };
}

/** A line of an RDSP file that cannot be imported: its number (from 1), the field, what was expected. */
export interface RdspLineError extends FieldIssue {
  line: number;
}

export interface ParsedRdspFile {
  declarations: { line: number; declaration: RdspDeclaration }[];
  errors: RdspLineError[];
}

/**
 * Parses an RDSP file in JSON Lines (one declaration per line; blank lines are skipped). Every
 * error is listed with its line and field path, never with the value found (personal data). A
 * beneficiary declared twice in one file is an error on the later line.
 */
export function parseRdspJsonLines(text: string): ParsedRdspFile {
  const declarations: ParsedRdspFile['declarations'] = [];
  const errors: RdspLineError[] = [];
  const firstLineOf = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      errors.push({ line, path: '(line)', message: 'expected one JSON object on the line' });
      return;
    }
    const parsed = RdspDeclarationSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of describeIssues(parsed.error)) errors.push({ line, ...issue });
      return;
    }
    const first = firstLineOf.get(parsed.data.beneficiaryId);
    if (first !== undefined) {
      errors.push({
        line,
        path: 'beneficiaryId',
        message: `expected one declaration per beneficiary (already on line ${first})`,
      });
      return;
    }
    firstLineOf.set(parsed.data.beneficiaryId, line);
    declarations.push({ line, declaration: parsed.data });
  });
  return { declarations, errors };
}
