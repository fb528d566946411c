/**
 * The people around the table (DOMAIN §1, §5): the beneficiary, identified as Annexe 8 asks, and
 * the two professionals who run the co-diagnostic.
 */
import { z } from 'zod';
import { IsoDateSchema } from '../util/dates';

export const IdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'expected an id');

export const SexSchema = z.enum(['F', 'M']);
export const MaritalStatusSchema = z.enum([
  'single',
  'married',
  'civil-partnership',
  'cohabiting',
  'separated',
  'divorced',
  'widowed',
]);
export const CohortSchema = z.enum(['flux', 'stock']);

export const AddressSchema = z.strictObject({
  street: z.string().trim().min(1).max(200),
  postcode: z.string().regex(/^\d{5}$/, 'expected a 5-digit postcode'),
  city: z.string().trim().min(1).max(100),
  /** INSEE commune code, used to match local services' eligibility zones. */
  inseeCode: z
    .string()
    .regex(/^(\d{5}|2[AB]\d{3})$/, 'expected a 5-character INSEE commune code')
    .optional(),
});

export const BeneficiarySchema = z.strictObject({
  id: IdSchema,
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().min(1).max(100),
  birthDate: IsoDateSchema,
  sex: SexSchema.optional(),
  address: AddressSchema.optional(),
  email: z.email().optional(),
  phone: z
    .string()
    .regex(/^\+?[0-9 .-]{9,20}$/, 'expected a phone number')
    .optional(),
  /** The CAF/MSA case number, when known. */
  caseNumber: z.string().max(20).optional(),
  rsaRightsOpenedOn: IsoDateSchema,
  cohort: CohortSchema,
});
export type Beneficiary = z.infer<typeof BeneficiarySchema>;

export const ProfessionalRoleSchema = z.enum(['pe-advisor', 'cd-social-worker', 'cd-coach']);
export type ProfessionalRole = z.infer<typeof ProfessionalRoleSchema>;

export const PROFESSIONAL_ROLE_LABELS: Record<ProfessionalRole, string> = {
  'pe-advisor': 'Conseiller France Travail',
  'cd-social-worker': 'Travailleur social du Département',
  'cd-coach': 'Coach emploi du Département',
};

export const ProfessionalSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  role: ProfessionalRoleSchema,
});
export type Professional = z.infer<typeof ProfessionalSchema>;
