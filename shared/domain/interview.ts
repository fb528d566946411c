/**
 * The co-diagnostic interview as the app stores it (DOMAIN §1, §2, §8): one record, one schema
 * per section of the one-page form. While the interview is a draft most answers may be missing;
 * `findMissing` (shared/domain/completeness.ts) says what closing still needs.
 */
import { z } from 'zod';
import { IsoDateSchema, IsoDateTimeSchema } from '../util/dates';
import {
  AutonomySchema,
  AvailabilitySchema,
  BarrierDomainSchema,
  MotivationSchema,
  SeveritySchema,
} from './criteria';
import { OrientationDecisionSchema } from './decision';
import type { BeneficiarySchema } from './people';
import {
  AddressSchema,
  CohortSchema,
  IdSchema,
  MaritalStatusSchema,
  ProfessionalSchema,
  SexSchema,
} from './people';
import { SatisfactionSectionSchema, emptySatisfaction } from './satisfaction';

const Note = z.string().max(5000);

export const AttendanceStatusSchema = z.enum(['present', 'absent', 'excused']);
export type AttendanceStatus = z.infer<typeof AttendanceStatusSchema>;

export const AttendanceSectionSchema = z.strictObject({
  peAdvisor: ProfessionalSchema.nullable(),
  cdProfessional: ProfessionalSchema.nullable(),
  beneficiary: AttendanceStatusSchema.nullable(),
  /** For an absence: the suspension notice is recorded and the justification deadline set. */
  absence: z
    .strictObject({
      suspensionNoticeGiven: z.boolean(),
      justificationDeadline: IsoDateSchema,
      comment: Note,
    })
    .nullable(),
});
export type AttendanceSection = z.infer<typeof AttendanceSectionSchema>;

/** Fields of the identity section that can be pre-filled from declared data (RDSP). */
export const DECLARABLE_FIELDS = [
  'maritalStatus',
  'dependentChildren',
  'childrenUnder3',
  'workSituation',
  'lastJobDate',
  'educationLevel',
  'franceTravailRegistered',
] as const;
export const DeclarableFieldSchema = z.enum(DECLARABLE_FIELDS);
export type DeclarableField = z.infer<typeof DeclarableFieldSchema>;

/** French names of the declarable answers, for the closing list and the « Confirmer » buttons. */
export const DECLARED_FIELD_LABELS = {
  maritalStatus: 'Situation familiale',
  dependentChildren: 'Enfants à charge',
  childrenUnder3: 'Enfants de moins de 3 ans',
  workSituation: 'Situation professionnelle',
  lastJobDate: 'Date du dernier emploi',
  educationLevel: 'Niveau de formation',
  franceTravailRegistered: 'Inscription à France Travail',
} as const satisfies Record<DeclarableField, string>;

/** The section of the page where each declarable answer is given. */
export const DECLARED_FIELD_PLACES = {
  maritalStatus: 'identity',
  dependentChildren: 'identity',
  childrenUnder3: 'identity',
  workSituation: 'employment',
  lastJobDate: 'employment',
  educationLevel: 'employment',
  franceTravailRegistered: 'employment',
} as const satisfies Record<DeclarableField, 'identity' | 'employment'>;

export const IdentitySectionSchema = z.strictObject({
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().min(1).max(100),
  birthDate: IsoDateSchema,
  sex: SexSchema.nullable(),
  address: AddressSchema.nullable(),
  email: z.email().nullable(),
  phone: z
    .string()
    .regex(/^\+?[0-9 .-]{9,20}$/, 'expected a phone number')
    .nullable(),
  rsaRightsOpenedOn: IsoDateSchema,
  cohort: CohortSchema,
  maritalStatus: MaritalStatusSchema.nullable(),
  dependentChildren: z.number().int().min(0).max(20).nullable(),
  childrenUnder3: z.number().int().min(0).max(20).nullable(),
});
export type IdentitySection = z.infer<typeof IdentitySectionSchema>;

export const WORK_SITUATIONS = [
  'job-seeking',
  'training-seeking',
  'work-study-seeking',
  'employed',
  'in-training',
  'internship',
  'iae',
  'temp-work',
  'business-creation',
  'student',
  'retired',
  'sick-or-invalid',
  'parental-leave',
  'at-home',
  'family-caregiver',
  'other',
] as const;
export const WorkSituationSchema = z.enum(WORK_SITUATIONS);
export type WorkSituation = z.infer<typeof WorkSituationSchema>;

/** France Travail education-level codes (AFS … NV1). */
export const EDUCATION_LEVELS = [
  'AFS',
  'CP4',
  'CFG',
  'C3A',
  'C12',
  'NV5',
  'NV4',
  'NV3',
  'NV2',
  'NV1',
] as const;
export const EducationLevelSchema = z.enum(EDUCATION_LEVELS);

export const ContractTypeSchema = z.enum([
  'CDI',
  'CDD',
  'interim',
  'seasonal',
  'self-employed',
  'professionalisation',
  'apprenticeship',
  'wage-portage',
]);
export const WorkingTimeSchema = z.enum(['full', 'part']);

export const JobProjectSchema = z.strictObject({
  romeCode: z
    .string()
    .regex(/^[A-N]\d{4}$/, 'expected a ROME code such as K2204')
    .nullable(),
  label: z.string().max(200),
  contractTypes: z.array(ContractTypeSchema),
  workingTime: z.enum(['full', 'part', 'either']).nullable(),
  mobilityRadiusKm: z.number().int().min(0).max(500).nullable(),
});

export const EmploymentSectionSchema = z.strictObject({
  workSituation: WorkSituationSchema.nullable(),
  /** For the employed: full or part time (decides the eligibility flag). */
  workingTime: WorkingTimeSchema.nullable(),
  neverWorked: z.boolean(),
  lastJobDate: IsoDateSchema.nullable(),
  educationLevel: EducationLevelSchema.nullable(),
  qualifications: z.string().max(1000),
  rqth: z.boolean().nullable(),
  franceTravailRegistered: z.boolean().nullable(),
  jobProject: JobProjectSchema,
  availability: AvailabilitySchema.nullable(),
  motivationWork: MotivationSchema.nullable(),
  motivationSupport: MotivationSchema.nullable(),
  autonomy: AutonomySchema.nullable(),
  notes: Note,
});
export type EmploymentSection = z.infer<typeof EmploymentSectionSchema>;

export const BarrierAssessmentSchema = z.strictObject({
  situations: z.array(z.string().min(1).max(64)),
  severity: SeveritySchema.nullable(),
  notes: Note,
});
export type BarrierAssessment = z.infer<typeof BarrierAssessmentSchema>;

export const BarriersSectionSchema = z.record(BarrierDomainSchema, BarrierAssessmentSchema);
export type BarriersSection = z.infer<typeof BarriersSectionSchema>;

export const ConsentSchema = z.strictObject({
  contactBySms: z.boolean().nullable(),
  contactByEmail: z.boolean().nullable(),
  dataSharingPeCd: z.boolean().nullable(),
  /** The person was told that the Ministry of Labour receives data for the evaluation. */
  evaluationNoticeGiven: z.boolean(),
});
export type Consent = z.infer<typeof ConsentSchema>;

export const SignatureSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('drawn'),
    /** The drawn signature as an SVG path (no image file). */
    svgPath: z.string().min(1).max(200_000),
    signedAt: IsoDateTimeSchema,
  }),
  z.strictObject({ kind: z.literal('paper'), signedAt: IsoDateTimeSchema }),
]);
export type Signature = z.infer<typeof SignatureSchema>;

export const ContractActionSchema = z.strictObject({
  id: IdSchema,
  label: z.string().trim().min(1).max(300),
  dueDate: IsoDateSchema,
  domain: z.union([BarrierDomainSchema, z.literal('employment')]),
  /** Local services (data.inclusion ids) mobilised for this action. */
  serviceIds: z.array(z.string().max(200)),
});
export type ContractAction = z.infer<typeof ContractActionSchema>;

export const ContractSectionSchema = z.strictObject({
  /** The actions as the professionals edited them (the draft proposes them). */
  actions: z.array(ContractActionSchema),
  signatures: z.strictObject({
    beneficiary: SignatureSchema.nullable(),
    peAdvisor: SignatureSchema.nullable(),
    cdProfessional: SignatureSchema.nullable(),
  }),
});
export type ContractSection = z.infer<typeof ContractSectionSchema>;

export const InterviewStatusSchema = z.enum(['draft', 'closed']);

export const InterviewSchema = z.strictObject({
  schemaVersion: z.literal(1),
  id: IdSchema,
  beneficiaryId: IdSchema,
  /** Corrections of a closed interview are new versions linked to the previous one. */
  version: z.number().int().min(1),
  previousVersionId: IdSchema.nullable(),
  status: InterviewStatusSchema,
  date: IsoDateSchema,
  place: z.string().trim().max(200),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  closedAt: IsoDateTimeSchema.nullable(),
  /** Fields pre-filled from the person's declaration, not yet confirmed by a professional. */
  declaredUnconfirmed: z.array(DeclarableFieldSchema),
  attendance: AttendanceSectionSchema,
  identity: IdentitySectionSchema,
  employment: EmploymentSectionSchema,
  barriers: BarriersSectionSchema,
  synthesis: Note,
  decision: OrientationDecisionSchema.nullable(),
  consent: ConsentSchema,
  contract: ContractSectionSchema,
  /** Added after the first records: a record without it parses with every answer null. */
  satisfaction: SatisfactionSectionSchema.default(emptySatisfaction),
});
export type Interview = z.infer<typeof InterviewSchema>;

/** The empty sections of a new interview for a known person. */
export function newInterview(args: {
  id: string;
  beneficiary: z.infer<typeof BeneficiarySchema>;
  date: string;
  place: string;
  now: string;
}): Interview {
  const { beneficiary: b } = args;
  return {
    schemaVersion: 1,
    id: args.id,
    beneficiaryId: b.id,
    version: 1,
    previousVersionId: null,
    status: 'draft',
    date: args.date,
    place: args.place,
    createdAt: args.now,
    updatedAt: args.now,
    closedAt: null,
    declaredUnconfirmed: [],
    attendance: { peAdvisor: null, cdProfessional: null, beneficiary: null, absence: null },
    identity: {
      firstName: b.firstName,
      lastName: b.lastName,
      birthDate: b.birthDate,
      sex: b.sex ?? null,
      address: b.address ?? null,
      email: b.email ?? null,
      phone: b.phone ?? null,
      rsaRightsOpenedOn: b.rsaRightsOpenedOn,
      cohort: b.cohort,
      maritalStatus: null,
      dependentChildren: null,
      childrenUnder3: null,
    },
    employment: {
      workSituation: null,
      workingTime: null,
      neverWorked: false,
      lastJobDate: null,
      educationLevel: null,
      qualifications: '',
      rqth: null,
      franceTravailRegistered: null,
      jobProject: {
        romeCode: null,
        label: '',
        contractTypes: [],
        workingTime: null,
        mobilityRadiusKm: null,
      },
      availability: null,
      motivationWork: null,
      motivationSupport: null,
      autonomy: null,
      notes: '',
    },
    barriers: emptyBarriers(),
    synthesis: '',
    decision: null,
    consent: {
      contactBySms: null,
      contactByEmail: null,
      dataSharingPeCd: null,
      evaluationNoticeGiven: false,
    },
    contract: {
      actions: [],
      signatures: { beneficiary: null, peAdvisor: null, cdProfessional: null },
    },
    satisfaction: emptySatisfaction(),
  };
}

export function emptyBarriers(): BarriersSection {
  const empty = (): BarrierAssessment => ({ situations: [], severity: null, notes: '' });
  return {
    housing: empty(),
    health: empty(),
    mobility: empty(),
    family: empty(),
    language: empty(),
    budget: empty(),
    digital: empty(),
    administrative: empty(),
  };
}
