/**
 * The shape of a référentiel d'orientation (Annexe 4 of the Nord convention, DOMAIN §2–3, §7):
 * territorial data a département edits without code. The decision rule is data too: ordered steps
 * whose conditions the engine interprets (see shared/orientation/conditions.ts).
 */
import { z } from 'zod';
import {
  AutonomySchema,
  AvailabilitySchema,
  BarrierDomainSchema,
  EmploymentStatusSchema,
  LastExperienceSchema,
  MotivationSchema,
  SeveritySchema,
  isCriterionRef,
} from '../domain/criteria';
import { assertNever } from '../util/assert';

const Code = z.string().regex(/^[a-z][a-zA-Z0-9-]*$/, 'expected a lower-case code (a-z, 0-9, -)');
const Label = z.string().trim().min(1);
/** A matrix column, such as `E`, `Q`, `R`. */
const ColumnCode = z.string().regex(/^[A-Z][A-Z0-9]*$/, 'expected an upper-case column code');

export const ComparatorSchema = z.enum(['<', '<=', '=', '>=', '>', '!=']);
export type Comparator = z.infer<typeof ComparatorSchema>;

/** The condition language of rule steps and exemption suggestions. */
export type Condition =
  | { op: 'always' }
  | { op: 'in'; criterion: string; values: (string | number)[] }
  | { op: 'compare'; criterion: string; cmp: Comparator; value: number }
  | { op: 'count'; column: string; cmp: Comparator; value: number }
  | { op: 'all'; of: Condition[] }
  | { op: 'any'; of: Condition[] }
  | { op: 'not'; condition: Condition };

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion('op', [
    z.strictObject({ op: z.literal('always') }),
    z.strictObject({
      op: z.literal('in'),
      criterion: z.string(),
      values: z.array(z.union([z.string(), z.number()])).min(1),
    }),
    z.strictObject({
      op: z.literal('compare'),
      criterion: z.string(),
      cmp: ComparatorSchema,
      value: z.number(),
    }),
    z.strictObject({
      op: z.literal('count'),
      column: ColumnCode,
      cmp: ComparatorSchema,
      value: z.number().int().min(0),
    }),
    z.strictObject({ op: z.literal('all'), of: z.array(ConditionSchema).min(1) }),
    z.strictObject({ op: z.literal('any'), of: z.array(ConditionSchema).min(1) }),
    z.strictObject({ op: z.literal('not'), condition: ConditionSchema }),
  ]),
);

const valueMapping = <T extends z.ZodEnum>(values: T) =>
  z.array(z.strictObject({ value: values, label: Label, column: ColumnCode.nullable() }));

/** A numeric criterion: ordered bands, each up to (excluding) `below`; the last band is open. */
const numericMapping = z.strictObject({
  label: Label,
  unit: Label,
  bands: z
    .array(
      z.strictObject({
        below: z.number().optional(),
        label: Label,
        column: ColumnCode.nullable(),
      }),
    )
    .min(1),
});

/** How each canonical criterion's answers point to a column. */
export const CriteriaMappingSchema = z.strictObject({
  availability: z.strictObject({ label: Label, values: valueMapping(AvailabilitySchema) }),
  motivationWork: z.strictObject({ label: Label, values: valueMapping(MotivationSchema) }),
  motivationSupport: z.strictObject({ label: Label, values: valueMapping(MotivationSchema) }),
  autonomy: z.strictObject({ label: Label, values: valueMapping(AutonomySchema) }),
  lastExperience: z.strictObject({ label: Label, values: valueMapping(LastExperienceSchema) }),
  employmentStatus: z.strictObject({ label: Label, values: valueMapping(EmploymentStatusSchema) }),
  rsaSeniorityMonths: numericMapping,
  age: numericMapping,
  barriers: z.strictObject({
    label: Label,
    values: valueMapping(SeveritySchema),
  }),
});
export type CriteriaMapping = z.infer<typeof CriteriaMappingSchema>;

export const SituationSchema = z.strictObject({
  code: Code,
  label: Label,
  /** The severity the référentiel suggests when this situation is ticked. */
  suggests: SeveritySchema.optional(),
});

export const BarrierDomainDefSchema = z.strictObject({
  code: BarrierDomainSchema,
  label: Label,
  situations: z.array(SituationSchema).min(1),
});
export type BarrierDomainDef = z.infer<typeof BarrierDomainDefSchema>;

export const DominanteSchema = z.strictObject({
  code: Code,
  label: Label,
  /** The national parcours name (loi pour le plein emploi, DOMAIN §7). */
  nationalParcours: Label,
  description: Label,
});
export type Dominante = z.infer<typeof DominanteSchema>;

export const RuleStepSchema = z.strictObject({
  id: Code,
  label: Label,
  when: ConditionSchema,
  dominante: Code,
});
export type RuleStep = z.infer<typeof RuleStepSchema>;

export const StructureSchema = z.strictObject({
  id: Code,
  label: Label,
  dominante: Code,
  /** Beneficiaries per référent; null when the référentiel sets no cap. */
  portfolioCap: z.number().int().positive().nullable(),
  description: Label.optional(),
});
export type Structure = z.infer<typeof StructureSchema>;

export const ParcoursSchema = z.strictObject({
  dominante: Code,
  durationMonths: z.number().int().positive(),
  renewalMonths: z.number().int().min(0),
  reviewAfterMonths: z.number().int().positive(),
  reviewLabel: Label,
  interviewFrequency: Label,
  employerLink: z
    .strictObject({ action: Label, withinDays: z.number().int().positive() })
    .nullable(),
  followUpInEmployment: Label.nullable(),
});
export type Parcours = z.infer<typeof ParcoursSchema>;

export const ExemptionMotiveSchema = z.strictObject({
  code: Code,
  label: Label,
  requiresDetail: z.boolean(),
  /** Whether this motive can justify a total exemption (otherwise reduced hours only). */
  allowsTotal: z.boolean(),
});
export type ExemptionMotive = z.infer<typeof ExemptionMotiveSchema>;

export const ExemptionSuggestionSchema = z.strictObject({
  id: Code,
  when: ConditionSchema,
  motive: Code,
  outcome: z.enum(['progressive', 'reduced', 'total']),
  reason: Label,
});
export type ExemptionSuggestion = z.infer<typeof ExemptionSuggestionSchema>;

/**
 * A data.inclusion thématique: a whole category (`mobilite`, matching all its sous-thématiques) or
 * one `theme--sous-theme`. The list changes between versions of the data.inclusion schema, which is
 * why the mapping from barrier domains to thématiques is référentiel data.
 */
export const ServiceThemeSchema = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*(?:--[a-z0-9]+(?:-[a-z0-9]+)*)?$/,
    'expected a data.inclusion thématique such as mobilite or mobilite--preparer-un-permis',
  );

/** Which local services (data.inclusion thématiques) answer each barrier domain. */
export const ServiceThemesSchema = z.strictObject({
  /** The version of the data.inclusion schema whose thématiques are listed. */
  catalogueSchema: Label,
  byDomain: z.partialRecord(BarrierDomainSchema, z.array(ServiceThemeSchema).min(1)),
});
export type ServiceThemes = z.infer<typeof ServiceThemesSchema>;

export const ReferentialBaseSchema = z.strictObject({
  id: Code,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'expected a semantic version such as 1.0.0'),
  label: Label,
  territory: Label,
  validFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  source: Label,
  columns: z.array(z.strictObject({ code: ColumnCode, label: Label })).min(1),
  dominantes: z.array(DominanteSchema).min(1),
  criteria: CriteriaMappingSchema,
  barrierDomains: z.array(BarrierDomainDefSchema),
  rules: z.array(RuleStepSchema).min(1),
  eligibility: z.strictObject({
    notEligibleEmploymentStatuses: z.array(EmploymentStatusSchema),
    notEligibleReason: Label,
  }),
  exemptionSuggestions: z.array(ExemptionSuggestionSchema),
  structures: z.array(StructureSchema).min(1),
  parcours: z.array(ParcoursSchema).min(1),
  weeklyHours: z.strictObject({
    min: z.number().positive(),
    max: z.number().positive(),
    progressiveAllowed: z.boolean(),
    label: Label,
  }),
  exemptionMotives: z.array(ExemptionMotiveSchema).min(1),
  deadlines: z.strictObject({
    convocationDays: z.number().int().positive(),
    orientationDays: z.number().int().positive(),
    contractDays: z.number().int().positive(),
    absenceJustificationMonths: z.number().int().positive(),
  }),
  targetSplit: z.record(z.string(), z.number().min(0).max(100)),
  /** Optional: a référentiel without it suggests no local services. */
  serviceThemes: ServiceThemesSchema.optional(),
});

export const ReferentialSchema = ReferentialBaseSchema.superRefine((ref, ctx) =>
  checkReferences(ref, ctx),
);

export type ReferentialData = z.infer<typeof ReferentialSchema>;

type RefCtx = z.RefinementCtx;

/** Cross-references: every code a part of the référentiel names must exist elsewhere in it. */
function checkReferences(ref: z.infer<typeof ReferentialBaseSchema>, ctx: RefCtx): void {
  const columns = new Set(ref.columns.map((c) => c.code));
  const dominantes = new Set(ref.dominantes.map((d) => d.code));
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });

  unique(
    ref.columns.map((c) => c.code),
    ['columns'],
    issue,
  );
  unique(
    ref.dominantes.map((d) => d.code),
    ['dominantes'],
    issue,
  );
  unique(
    ref.structures.map((s) => s.id),
    ['structures'],
    issue,
  );
  unique(
    ref.rules.map((r) => r.id),
    ['rules'],
    issue,
  );
  unique(
    ref.barrierDomains.map((b) => b.code),
    ['barrierDomains'],
    issue,
  );

  for (const [name, mapping] of Object.entries(ref.criteria)) {
    const rows: { column: string | null }[] = 'values' in mapping ? mapping.values : mapping.bands;
    rows.forEach((row, i) => {
      if (row.column !== null && !columns.has(row.column)) {
        issue(
          ['criteria', name, 'values' in mapping ? 'values' : 'bands', i, 'column'],
          `unknown column ${row.column}`,
        );
      }
    });
  }
  for (const [name, enumSchema] of ENUM_CRITERIA) {
    const mapped = ref.criteria[name].values.map((v) => v.value as string);
    for (const value of enumSchema.options) {
      if (!mapped.includes(value)) {
        issue(['criteria', name, 'values'], `value ${value} is not mapped to a column`);
      }
    }
    unique(mapped, ['criteria', name, 'values'], issue);
  }
  for (const name of ['rsaSeniorityMonths', 'age'] as const) {
    const bands = ref.criteria[name].bands;
    bands.forEach((band, i) => {
      const last = i === bands.length - 1;
      if (last !== (band.below === undefined)) {
        issue(
          ['criteria', name, 'bands', i, 'below'],
          last
            ? 'the last band must be open (no `below`)'
            : 'every band but the last needs `below`',
        );
      }
      const prev = bands[i - 1]?.below;
      if (band.below !== undefined && prev !== undefined && band.below <= prev) {
        issue(['criteria', name, 'bands', i, 'below'], 'bands must be in increasing order');
      }
    });
  }
  ref.rules.forEach((rule, i) => {
    if (!dominantes.has(rule.dominante)) {
      issue(['rules', i, 'dominante'], `unknown dominante ${rule.dominante}`);
    }
    checkCondition(rule.when, ['rules', i, 'when'], columns, issue);
  });
  const lastRule = ref.rules[ref.rules.length - 1];
  if (lastRule && lastRule.when.op !== 'always') {
    issue(
      ['rules', ref.rules.length - 1, 'when'],
      'the last rule step must be { "op": "always" } so that every profile gets a dominante',
    );
  }
  const motives = new Set(ref.exemptionMotives.map((m) => m.code));
  ref.exemptionSuggestions.forEach((s, i) => {
    if (!motives.has(s.motive))
      issue(['exemptionSuggestions', i, 'motive'], `unknown motive ${s.motive}`);
    checkCondition(s.when, ['exemptionSuggestions', i, 'when'], columns, issue);
  });
  ref.structures.forEach((s, i) => {
    if (!dominantes.has(s.dominante))
      issue(['structures', i, 'dominante'], `unknown dominante ${s.dominante}`);
  });
  for (const d of dominantes) {
    if (!ref.parcours.some((p) => p.dominante === d))
      issue(['parcours'], `no parcours for dominante ${d}`);
    if (!ref.structures.some((s) => s.dominante === d))
      issue(['structures'], `no structure for dominante ${d}`);
  }
  ref.parcours.forEach((p, i) => {
    if (!dominantes.has(p.dominante))
      issue(['parcours', i, 'dominante'], `unknown dominante ${p.dominante}`);
  });
  if (ref.weeklyHours.min > ref.weeklyHours.max) {
    issue(['weeklyHours', 'min'], 'min must not exceed max');
  }
  for (const key of Object.keys(ref.targetSplit)) {
    if (!dominantes.has(key)) issue(['targetSplit', key], `unknown dominante ${key}`);
  }
}

const ENUM_CRITERIA = [
  ['availability', AvailabilitySchema],
  ['motivationWork', MotivationSchema],
  ['motivationSupport', MotivationSchema],
  ['autonomy', AutonomySchema],
  ['lastExperience', LastExperienceSchema],
  ['employmentStatus', EmploymentStatusSchema],
  ['barriers', SeveritySchema],
] as const;

function unique(
  codes: string[],
  path: (string | number)[],
  issue: (path: (string | number)[], message: string) => void,
): void {
  const seen = new Set<string>();
  for (const code of codes) {
    if (seen.has(code)) issue(path, `duplicate code ${code}`);
    seen.add(code);
  }
}

function checkCondition(
  condition: Condition,
  path: (string | number)[],
  columns: Set<string>,
  issue: (path: (string | number)[], message: string) => void,
): void {
  switch (condition.op) {
    case 'always':
      return;
    case 'in':
    case 'compare':
      if (!isCriterionRef(condition.criterion)) {
        issue([...path, 'criterion'], `unknown criterion ${condition.criterion}`);
      }
      return;
    case 'count':
      if (!columns.has(condition.column))
        issue([...path, 'column'], `unknown column ${condition.column}`);
      return;
    case 'all':
    case 'any':
      condition.of.forEach((c, i) => checkCondition(c, [...path, 'of', i], columns, issue));
      return;
    case 'not':
      checkCondition(condition.condition, [...path, 'condition'], columns, issue);
      return;
    default:
      assertNever(condition);
  }
}
