/**
 * The interview's sections as forms: how each section becomes form values and back, and how a
 * change is applied to the stored document. A field the shared schema accepts goes into the
 * interview; a field it does not accept yet (a half-typed e-mail) keeps its previous valid value
 * there and its raw text in `formDrafts`, so that nothing typed is lost and the stored interview
 * always parses.
 */
import { z } from 'zod';
import {
  AttendanceSectionSchema,
  BarrierAssessmentSchema,
  ConsentSchema,
  ContractSectionSchema,
  DECLARABLE_FIELDS,
  EmploymentSectionSchema,
  IdentitySectionSchema,
  InterviewSchema,
  type Interview,
  type ProfessionalRole,
} from '../../../shared/domain';
import type { InterviewDocument } from '../../storage';

export type SectionKey =
  | 'attendance'
  | 'identity'
  | 'employment'
  | 'barriers'
  | 'synthesis'
  | 'consent'
  | 'contractActions';

type FormRecord = Record<string, unknown>;

export interface SectionSpec {
  key: SectionKey;
  /** The section's values as the form edits them. */
  toForm(interview: Interview): FormRecord;
  /** Form values → the section's shape (empty objects become null, …). */
  normalize(form: FormRecord): FormRecord;
  /** The shared schema of one top-level field of the section. */
  fieldSchema(field: string): z.ZodType;
  /** The whole section's schema, for the form resolver. */
  schema: z.ZodType;
  read(interview: Interview): FormRecord;
  write(interview: Interview, section: FormRecord): Interview;
}

const shapeOf = (schema: { shape: Record<string, z.ZodType> }) => (field: string) => {
  const found = schema.shape[field];
  if (!found) throw new Error(`unknown field ${field}`);
  return found;
};

export interface ProfessionalForm {
  name: string;
  role: ProfessionalRole;
}

const professionalOrNull = (p: unknown): unknown => {
  const value = p as ProfessionalForm | null;
  return value && value.name.trim() !== '' ? { name: value.name, role: value.role } : null;
};

const attendance: SectionSpec = {
  key: 'attendance',
  schema: AttendanceSectionSchema,
  toForm: (i) => ({
    peAdvisor: i.attendance.peAdvisor ?? { name: '', role: 'pe-advisor' },
    cdProfessional: i.attendance.cdProfessional ?? { name: '', role: 'cd-social-worker' },
    beneficiary: i.attendance.beneficiary,
    absence: i.attendance.absence,
  }),
  normalize: (f) => ({
    peAdvisor: professionalOrNull(f.peAdvisor),
    cdProfessional: professionalOrNull(f.cdProfessional),
    beneficiary: f.beneficiary,
    absence: f.beneficiary === 'absent' ? f.absence : null,
  }),
  fieldSchema: shapeOf(AttendanceSectionSchema),
  read: (i) => i.attendance,
  write: (i, s) => ({ ...i, attendance: s as Interview['attendance'] }),
};

const identity: SectionSpec = {
  key: 'identity',
  schema: IdentitySectionSchema,
  toForm: (i) => ({
    ...i.identity,
    address: i.identity.address ?? { street: '', postcode: '', city: '' },
  }),
  normalize: (f) => {
    const address = f.address as { street: string; postcode: string; city: string } | null;
    const empty =
      !address ||
      (address.street.trim() === '' &&
        address.postcode.trim() === '' &&
        address.city.trim() === '');
    return { ...f, address: empty ? null : address };
  },
  fieldSchema: shapeOf(IdentitySectionSchema),
  read: (i) => i.identity,
  write: (i, s) => ({ ...i, identity: s as Interview['identity'] }),
};

const employment: SectionSpec = {
  key: 'employment',
  schema: EmploymentSectionSchema,
  toForm: (i) => ({ ...i.employment }),
  normalize: (f) => ({ ...f, lastJobDate: f.neverWorked === true ? null : f.lastJobDate }),
  fieldSchema: shapeOf(EmploymentSectionSchema),
  read: (i) => i.employment,
  write: (i, s) => ({ ...i, employment: s as Interview['employment'] }),
};

const barriers: SectionSpec = {
  key: 'barriers',
  schema: z.record(z.string(), BarrierAssessmentSchema),
  toForm: (i) => ({ ...i.barriers }),
  normalize: (f) => f,
  fieldSchema: () => BarrierAssessmentSchema,
  read: (i) => i.barriers,
  write: (i, s) => ({ ...i, barriers: s as Interview['barriers'] }),
};

const synthesis: SectionSpec = {
  key: 'synthesis',
  schema: z.strictObject({ synthesis: InterviewSchema.shape.synthesis }),
  toForm: (i) => ({ synthesis: i.synthesis }),
  normalize: (f) => f,
  fieldSchema: () => InterviewSchema.shape.synthesis,
  read: (i) => ({ synthesis: i.synthesis }),
  write: (i, s) => ({ ...i, synthesis: s.synthesis as string }),
};

const consent: SectionSpec = {
  key: 'consent',
  schema: ConsentSchema,
  toForm: (i) => ({ ...i.consent }),
  normalize: (f) => f,
  fieldSchema: shapeOf(ConsentSchema),
  read: (i) => i.consent,
  write: (i, s) => ({ ...i, consent: s as Interview['consent'] }),
};

const contractActions: SectionSpec = {
  key: 'contractActions',
  schema: z.strictObject({ actions: ContractSectionSchema.shape.actions }),
  toForm: (i) => ({ actions: i.contract.actions }),
  normalize: (f) => f,
  fieldSchema: () => ContractSectionSchema.shape.actions,
  read: (i) => ({ actions: i.contract.actions }),
  write: (i, s) => ({
    ...i,
    contract: { ...i.contract, actions: s.actions as Interview['contract']['actions'] },
  }),
};

export const SECTIONS: Record<SectionKey, SectionSpec> = {
  contractActions,
  attendance,
  identity,
  employment,
  barriers,
  synthesis,
  consent,
};

const draftKey = (section: SectionKey, field: string) => `${section}.${field}`;

/** The form's starting values: the stored section, with the raw text of not-yet-valid fields. */
export function formValuesFor(spec: SectionSpec, doc: InterviewDocument): FormRecord {
  const values = spec.toForm(doc.interview);
  for (const field of Object.keys(values)) {
    const draft = doc.formDrafts[draftKey(spec.key, field)];
    if (draft !== undefined) values[field] = draft;
  }
  return values;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const DECLARABLE: readonly string[] = DECLARABLE_FIELDS;

/**
 * Applies the form's values to the document. Returns the same document when nothing changed (no
 * save is scheduled then).
 */
export function applySectionForm(
  spec: SectionSpec,
  doc: InterviewDocument,
  form: FormRecord,
): InterviewDocument {
  const candidate = spec.normalize(form);
  const previous = spec.read(doc.interview);
  const next: FormRecord = { ...previous };
  const drafts = new Map(Object.entries(doc.formDrafts));
  let declared = doc.interview.declaredUnconfirmed;
  for (const field of Object.keys(candidate)) {
    const parsed = spec.fieldSchema(field).safeParse(candidate[field]);
    const key = draftKey(spec.key, field);
    if (parsed.success) {
      next[field] = parsed.data;
      drafts.delete(key);
    } else {
      drafts.set(key, form[field]);
    }
    // A professional who changes a declared answer has confirmed it.
    if (DECLARABLE.includes(field) && !same(candidate[field], previous[field])) {
      declared = declared.filter((d) => d !== field);
    }
  }
  const nextDrafts = Object.fromEntries(drafts);
  if (
    same(next, previous) &&
    same(nextDrafts, doc.formDrafts) &&
    declared === doc.interview.declaredUnconfirmed
  ) {
    return doc;
  }
  return {
    interview: { ...spec.write(doc.interview, next), declaredUnconfirmed: declared },
    formDrafts: nextDrafts,
  };
}

/** The resolver's schema for a section: normalize, then the shared schema. */
export function validationSchemaFor(spec: SectionSpec): z.ZodType<unknown, FormRecord> {
  // The form's values are records; preprocess is typed `unknown` in, hence the narrowing.
  return z.preprocess((value) => spec.normalize(value as FormRecord), spec.schema) as z.ZodType<
    unknown,
    FormRecord
  >;
}
