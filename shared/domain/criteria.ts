/**
 * The canonical orientation criteria (Annexe 4 of the Nord convention, DOMAIN §2.1): the codes and
 * values every référentiel maps onto its matrix columns.
 */
import { z } from 'zod';

export const BARRIER_DOMAINS = [
  'housing',
  'health',
  'mobility',
  'family',
  'language',
  'budget',
  'digital',
  'administrative',
] as const;
export const BarrierDomainSchema = z.enum(BARRIER_DOMAINS);
export type BarrierDomain = z.infer<typeof BarrierDomainSchema>;

/** Canonical French names of the barrier domains (a référentiel may word them its own way). */
export const BARRIER_DOMAIN_LABELS: Record<BarrierDomain, string> = {
  housing: 'Logement',
  health: 'Santé',
  mobility: 'Mobilité',
  family: "Famille, garde d'enfants, aidant",
  language: 'Maîtrise de la langue',
  budget: 'Budget, dettes',
  digital: 'Autonomie numérique',
  administrative: 'Accès aux droits, démarches',
};

export const SeveritySchema = z.enum(['none', 'light', 'heavy']);
export type Severity = z.infer<typeof SeveritySchema>;

export const AvailabilitySchema = z.enum(['immediate', 'soon', 'unavailable']);
export const MotivationSchema = z.enum(['yes', 'partial', 'no']);
export const AutonomySchema = z.enum(['full', 'partial', 'none']);
export const LastExperienceSchema = z.enum(['recent', 'medium', 'distant', 'never']);
export const EmploymentStatusSchema = z.enum(['unemployed', 'partTime', 'fullTime']);
export type EmploymentStatus = z.infer<typeof EmploymentStatusSchema>;

/** Months since the last job that separate `recent`, `medium` and `distant` (DOMAIN §2.1). */
export const LAST_EXPERIENCE_MONTHS = { recentMax: 12, mediumMax: 36 } as const;

/** One severity per barrier domain; a domain left out means `none` (DOMAIN §2.1). */
export const BarriersSchema = z.partialRecord(BarrierDomainSchema, SeveritySchema);
export type Barriers = z.infer<typeof BarriersSchema>;

export const CriteriaSchema = z.strictObject({
  availability: AvailabilitySchema,
  motivationWork: MotivationSchema,
  motivationSupport: MotivationSchema,
  autonomy: AutonomySchema,
  lastExperience: LastExperienceSchema,
  rsaSeniorityMonths: z.number().int().min(0).max(1200),
  age: z.number().int().min(15).max(120),
  employmentStatus: EmploymentStatusSchema,
  barriers: BarriersSchema.default({}),
});
export type Criteria = z.infer<typeof CriteriaSchema>;
export type CriteriaInput = z.input<typeof CriteriaSchema>;

/** Scalar criterion codes, in the order the reasons list them. */
export const SCALAR_CRITERIA = [
  'availability',
  'motivationWork',
  'motivationSupport',
  'autonomy',
  'lastExperience',
  'rsaSeniorityMonths',
  'age',
  'employmentStatus',
] as const;
export type ScalarCriterion = (typeof SCALAR_CRITERIA)[number];

/** A criterion reference as rules and reasons spell it: `availability` or `barriers.health`. */
export type CriterionRef = ScalarCriterion | `barriers.${BarrierDomain}`;

export const ALL_CRITERION_REFS: readonly CriterionRef[] = [
  ...SCALAR_CRITERIA,
  ...BARRIER_DOMAINS.map((d) => `barriers.${d}` as const),
];

export const isCriterionRef = (value: string): value is CriterionRef =>
  (ALL_CRITERION_REFS as readonly string[]).includes(value);

/** The answer a criteria object gives for one reference (a missing barrier domain is `none`). */
export function readCriterion(criteria: Criteria, ref: CriterionRef): string | number {
  if (ref.startsWith('barriers.')) {
    const domain = ref.slice('barriers.'.length) as BarrierDomain;
    return criteria.barriers[domain] ?? 'none';
  }
  return criteria[ref as ScalarCriterion];
}
