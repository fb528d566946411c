/**
 * The sync protocol's wire messages (ARCHITECTURE decision 4, docs/sync-protocol.md): push,
 * pull, enrolment and errors, as zod schemas shared by the département's server and the laptop.
 */
import { z } from 'zod';
import { InterviewSchema } from '../domain/interview';
import { RdspDeclarationSchema } from '../interop/rdsp';
import { BeneficiarySchema, IdSchema } from '../domain/people';
import { ServiceSchema, ServiceWithdrawalSchema } from '../services/service-schema';
import { CommuneTableSchema } from '../services/communes';
import { EpciSchema } from '../services/zones';
import { IsoDateSchema } from '../util/dates';

/** Version of the protocol described here; the server announces it on `GET /health`. */
export const SYNC_PROTOCOL_VERSION = 1 as const;

/** Most mutations accepted in one push, and most changes answered by one pull. */
export const MAX_MUTATIONS_PER_PUSH = 500;
export const MAX_PULL_LIMIT = 1000;
export const DEFAULT_PULL_LIMIT = 200;

/** A per-device counter: positive, strictly increasing by one for each mutation the device writes. */
export const MutationIdSchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** The server's version number of one record: 1 when created, +1 for each accepted change. */
export const RevisionSchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** Entity types a laptop may push. Others are answered as `rejected`, never dropped. */
export const PUSHABLE_ENTITY_TYPES = ['interview'] as const;
export const PushableEntityTypeSchema = z.enum(PUSHABLE_ENTITY_TYPES);
export type PushableEntityType = z.infer<typeof PushableEntityTypeSchema>;

/** A field path and what was expected there; never the value that was found (personal data). */
export const FieldIssueSchema = z.strictObject({
  path: z.string().max(500),
  message: z.string().max(1000),
});

export const MutationSchema = z.strictObject({
  mutationId: MutationIdSchema,
  /** `interview` today; a type this server does not know is rejected (kept), not refused. */
  entityType: z.string().min(1).max(64),
  entityId: IdSchema,
  /** The server revision this change was based on, or null for a record the device created. */
  baseRevision: RevisionSchema.nullable(),
  /** The schema version the payload was written with (older ones are upgraded by the server). */
  schemaVersion: z.number().int().min(0).max(1000),
  /** The whole record after the change; validated per entity type and schema version. */
  payload: z.unknown(),
});
export type Mutation = z.infer<typeof MutationSchema>;

export const PushRequestSchema = z
  .strictObject({
    mutations: z.array(MutationSchema).min(1).max(MAX_MUTATIONS_PER_PUSH),
  })
  .superRefine((request, ctx) => {
    request.mutations.forEach((mutation, index) => {
      const previous = request.mutations[index - 1];
      if (previous && mutation.mutationId !== previous.mutationId + 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['mutations', index, 'mutationId'],
          message: `expected ${previous.mutationId + 1}: mutation ids in a batch must be consecutive`,
        });
      }
    });
  });
export type PushRequest = z.infer<typeof PushRequestSchema>;

const StoredVersionSchema = z.strictObject({
  revision: RevisionSchema,
  payload: z.unknown(),
});

const ResultBase = {
  mutationId: MutationIdSchema,
  entityType: z.string(),
  entityId: z.string(),
};

export const MutationResultSchema = z.discriminatedUnion('status', [
  z.strictObject({
    ...ResultBase,
    /** Stored: the server holds it under `revision`. A closed interview may now be purged. */
    status: z.literal('applied'),
    revision: RevisionSchema,
  }),
  z.strictObject({
    ...ResultBase,
    /** The record changed since `baseRevision`: both versions are kept; nothing was overwritten. */
    status: z.literal('conflict'),
    conflictId: z.string(),
    revision: RevisionSchema,
    current: StoredVersionSchema,
  }),
  z.strictObject({
    ...ResultBase,
    /** Invalid: kept in quarantine on the server with the reason; show it, never drop it. */
    status: z.literal('rejected'),
    reason: z.array(FieldIssueSchema).min(1),
  }),
]);
export type MutationResult = z.infer<typeof MutationResultSchema>;
export type MutationStatus = MutationResult['status'];

export const PushResponseSchema = z.strictObject({
  /** One result per mutation of the request, in the same order (stored results for a replay). */
  results: z.array(MutationResultSchema),
  /** The highest mutation id of this device the server has recorded. */
  lastAppliedMutationId: z.number().int().min(0),
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

/** An opaque position in the server's change sequence; null for "from the beginning". */
export const CursorSchema = z.string().min(1).max(200);

export const PullRequestSchema = z.strictObject({
  cursor: CursorSchema.nullable(),
  limit: z.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
});
export type PullRequest = z.input<typeof PullRequestSchema>;

/** A convocation of the agenda: who, when, where. */
export const ConvocationSchema = z.strictObject({
  date: IsoDateSchema,
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time such as 09:30'),
  place: z.string().trim().min(1).max(200),
});
export type Convocation = z.infer<typeof ConvocationSchema>;

/** A beneficiary as the agenda receives it: the person and the next convocation, if any. */
export const BeneficiaryRecordSchema = z.strictObject({
  beneficiary: BeneficiarySchema,
  convocation: ConvocationSchema.nullable(),
});
export type BeneficiaryRecord = z.infer<typeof BeneficiaryRecordSchema>;

/** A published référentiel version: immutable; check `data` with loadVerifiedReferential. */
export const ReferentialRecordSchema = z.strictObject({
  id: z.string().min(1).max(100),
  version: z.string().min(1).max(100),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 hex digest'),
  data: z.unknown(),
});
export type ReferentialRecord = z.infer<typeof ReferentialRecordSchema>;

/** Places a structure offers, for the orientation's suggestions (data.inclusion style codes). */
export const StructureCapacitySchema = z.strictObject({
  structureCode: z.string().min(1).max(100),
  label: z.string().trim().min(1).max(200),
  availablePlaces: z.number().int().min(0),
  asOf: IsoDateSchema,
});
export type StructureCapacity = z.infer<typeof StructureCapacitySchema>;

/** A conflict kept by the server, sent to every laptop of the territory so both sides see it. */
export const ConflictNoticeSchema = z.strictObject({
  conflictId: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  baseRevision: RevisionSchema.nullable(),
  currentRevision: RevisionSchema,
  /** The version that was not applied, as pushed (after upgrade). */
  incoming: z.unknown(),
  deviceName: z.string(),
});
export type ConflictNotice = z.infer<typeof ConflictNoticeSchema>;

const ChangeBase = {
  /** Position in the server's sequence; strictly increasing along a pull. */
  seq: z.number().int().min(1),
  entityId: z.string(),
  revision: RevisionSchema,
};

export const ChangeSchema = z.discriminatedUnion('entityType', [
  z.strictObject({
    ...ChangeBase,
    entityType: z.literal('beneficiary'),
    payload: BeneficiaryRecordSchema,
  }),
  z.strictObject({ ...ChangeBase, entityType: z.literal('interview'), payload: InterviewSchema }),
  z.strictObject({
    ...ChangeBase,
    entityType: z.literal('referential'),
    payload: ReferentialRecordSchema,
  }),
  z.strictObject({
    ...ChangeBase,
    entityType: z.literal('structure-capacity'),
    payload: StructureCapacitySchema,
  }),
  z.strictObject({
    ...ChangeBase,
    entityType: z.literal('interview-conflict'),
    payload: ConflictNoticeSchema,
  }),
  /**
   * A data.inclusion service of the département's catalogue (`codiag import-services`), or its
   * withdrawal from the catalogue (a later revision of the same record).
   */
  z.strictObject({
    ...ChangeBase,
    entityType: z.literal('service'),
    payload: z.union([ServiceSchema, ServiceWithdrawalSchema]),
  }),
  /** An EPCI that a service's zone names, with its member communes (matched offline). */
  z.strictObject({ ...ChangeBase, entityType: z.literal('epci'), payload: EpciSchema }),
  /** The communes of a département the catalogue covers, with their postcodes. */
  z.strictObject({
    ...ChangeBase,
    entityType: z.literal('communes'),
    payload: CommuneTableSchema,
  }),
  /**
   * What a beneficiary declared when applying (RDSP, `codiag import-rdsp`), keyed by the
   * beneficiary's id: it pre-fills the interview opened from their convocation.
   */
  z.strictObject({
    ...ChangeBase,
    entityType: z.literal('rdsp-declaration'),
    payload: RdspDeclarationSchema,
  }),
]);
export type Change = z.infer<typeof ChangeSchema>;
export type ChangeEntityType = Change['entityType'];
export const CHANGE_ENTITY_TYPES = [
  'beneficiary',
  'interview',
  'referential',
  'structure-capacity',
  'interview-conflict',
  'service',
  'epci',
  'communes',
  'rdsp-declaration',
] as const satisfies readonly ChangeEntityType[];

export const PullResponseSchema = z.strictObject({
  /** Ordered by `seq`; the latest state of each record (older states are not replayed). */
  changes: z.array(ChangeSchema),
  /** Send it back on the next pull; store it only once the changes are stored. */
  nextCursor: CursorSchema,
  /** More changes wait: pull again at once. */
  hasMore: z.boolean(),
  /**
   * The cursor could not be served (another server, or a restored database): forget what was
   * pulled before; `changes` start again from the beginning.
   */
  reset: z.literal(true).optional(),
});
export type PullResponse = z.infer<typeof PullResponseSchema>;

/** Roles of server accounts (not to confuse with the interview's ProfessionalRole). */
export const AccountRoleSchema = z.enum(['pe-advisor', 'cd-professional', 'admin']);
export type AccountRole = z.infer<typeof AccountRoleSchema>;

/** A territory code, such as `59-tourcoing`. */
export const TerritorySchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'expected a territory code (a-z, 0-9, -), such as 59-lille');

/** Letters, digits and dashes, as printed by `codiag enroll` (case and dashes do not matter). */
export const EnrolmentCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{6,64}$/, 'expected 6 to 64 letters, digits or dashes');

export const EnrolRequestSchema = z.strictObject({
  code: EnrolmentCodeSchema,
  deviceName: z.string().trim().min(1).max(80),
});
export type EnrolRequest = z.infer<typeof EnrolRequestSchema>;

export const EnrolResponseSchema = z.strictObject({
  deviceId: z.string().min(1).max(200),
  /** Shown once: the server keeps only its SHA-256. Send as `Authorization: Bearer <token>`. */
  token: z.string().min(16).max(4096),
  professional: z.strictObject({
    name: z.string(),
    role: AccountRoleSchema,
    territory: TerritorySchema,
  }),
});
export type EnrolResponse = z.infer<typeof EnrolResponseSchema>;

export const ERROR_CODES = [
  'invalid-request',
  'unauthorized',
  'forbidden',
  'not-found',
  'mutation-gap',
  'mutation-id-reused',
  'referential-conflict',
  'enrolment-refused',
  'too-many-requests',
  'payload-too-large',
  'unsupported-media-type',
  'internal',
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ErrorResponseSchema = z.strictObject({
  error: z.strictObject({
    code: ErrorCodeSchema,
    message: z.string(),
    /** For `invalid-request`: every failing field path (values are never echoed). */
    issues: z.array(FieldIssueSchema).optional(),
    /** For `mutation-gap`: the mutation id the server expects next from this device. */
    expectedMutationId: MutationIdSchema.optional(),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;

export const HealthResponseSchema = z.strictObject({
  status: z.literal('ok'),
  protocolVersion: z.literal(SYNC_PROTOCOL_VERSION),
  engine: z.enum(['postgres', 'pglite']),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;
