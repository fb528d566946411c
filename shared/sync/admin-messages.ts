/**
 * Messages of the département's admin routes (`/admin/...`, admin device token only): the
 * agenda's beneficiaries and convocations, référentiel publication, structure capacities.
 */
import { z } from 'zod';
import {
  BeneficiaryRecordSchema,
  RevisionSchema,
  StructureCapacitySchema,
  TerritorySchema,
} from './messages';

export const PutBeneficiariesRequestSchema = z.strictObject({
  territory: TerritorySchema,
  records: z.array(BeneficiaryRecordSchema).min(1).max(1000),
});
export type PutBeneficiariesRequest = z.infer<typeof PutBeneficiariesRequestSchema>;

export const StoredRevisionsResponseSchema = z.strictObject({
  stored: z.array(z.strictObject({ entityId: z.string(), revision: RevisionSchema })),
});
export type StoredRevisionsResponse = z.infer<typeof StoredRevisionsResponseSchema>;

export const PublishReferentialRequestSchema = z.strictObject({
  /** The référentiel data (shared/referential schema); validated and hashed by the server. */
  data: z.unknown(),
  /** When given, the server refuses the publication unless the content has exactly this hash. */
  contentHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 hex digest')
    .optional(),
});
export type PublishReferentialRequest = z.infer<typeof PublishReferentialRequestSchema>;

export const PublishReferentialResponseSchema = z.strictObject({
  id: z.string(),
  version: z.string(),
  contentHash: z.string(),
  /** False when this exact version was already published (publishing is idempotent). */
  created: z.boolean(),
});
export type PublishReferentialResponse = z.infer<typeof PublishReferentialResponseSchema>;

export const PutStructureCapacitiesRequestSchema = z.strictObject({
  territory: TerritorySchema,
  capacities: z.array(StructureCapacitySchema).min(1).max(1000),
});
export type PutStructureCapacitiesRequest = z.infer<typeof PutStructureCapacitiesRequestSchema>;
