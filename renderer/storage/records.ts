/**
 * The shapes of the rows in IndexedDB. Only the id and non-identifying index fields are in clear
 * (status, dates, ids, revisions); everything about the person is in the encoded payload.
 */
import { z } from 'zod';
import {
  BeneficiarySchema,
  EmploymentSectionSchema,
  IdSchema,
  IdentitySectionSchema,
  InterviewSchema,
} from '../../shared/domain';
import { IsoDateSchema, IsoDateTimeSchema } from '../../shared/util/dates';
import type { StoredPayload } from './codec';

export { pendingOutboxKey, summaryFieldsOf, summaryRowOf } from './row-keys';

export interface BeneficiaryRow {
  id: string;
  updatedAt: string;
  payload: StoredPayload;
}

export const AgendaStatusSchema = z.enum(['planned', 'done', 'cancelled']);

/** A convocation to the co-diagnostic (from Publik through the sync, or created on the spot). */
export const AgendaEntrySchema = z.strictObject({
  id: IdSchema,
  beneficiaryId: IdSchema,
  /** Date and time of the convocation. */
  convocationAt: IsoDateTimeSchema,
  place: z.string().max(200),
  status: AgendaStatusSchema,
  /** Socio-professional data the person declared when applying (RDSP), to pre-fill. */
  declared: z
    .strictObject({
      maritalStatus: IdentitySectionSchema.shape.maritalStatus.optional(),
      dependentChildren: IdentitySectionSchema.shape.dependentChildren.optional(),
      childrenUnder3: IdentitySectionSchema.shape.childrenUnder3.optional(),
      workSituation: EmploymentSectionSchema.shape.workSituation.optional(),
      lastJobDate: EmploymentSectionSchema.shape.lastJobDate.optional(),
      educationLevel: EmploymentSectionSchema.shape.educationLevel.optional(),
      franceTravailRegistered: EmploymentSectionSchema.shape.franceTravailRegistered.optional(),
    })
    .nullable(),
  updatedAt: IsoDateTimeSchema,
});
export type AgendaEntry = z.infer<typeof AgendaEntrySchema>;
export type DeclaredData = NonNullable<AgendaEntry['declared']>;

export interface AgendaRow {
  id: string;
  beneficiaryId: string;
  /** The convocation's date (YYYY-MM-DD), indexed for "today and upcoming". */
  convocationDate: string;
  status: AgendaEntry['status'];
  updatedAt: string;
  payload: StoredPayload;
}

/**
 * What the renderer stores for an interview: the interview, always valid against the shared
 * schema, and the raw text of fields the schema does not accept yet (a half-typed e-mail, a
 * justification still too short), keyed by field path, so that no typed character is ever lost.
 */
export const InterviewDocumentSchema = z.strictObject({
  interview: InterviewSchema,
  formDrafts: z.record(z.string(), z.unknown()),
});
export type InterviewDocument = z.infer<typeof InterviewDocumentSchema>;

export interface InterviewRow {
  id: string;
  beneficiaryId: string;
  status: 'draft' | 'closed';
  date: string;
  updatedAt: string;
  version: number;
  previousVersionId: string | null;
  /** The server's revision of this record once synced (null before the first sync). */
  serverRevision: number | null;
  /**
   * When the server acknowledged (applied) this exact content, or when it was received from the
   * server; absent or null while an edit waits. A save rewrites the row without it. The purge
   * counts its retention delay from here (renderer/storage/sync-store.ts).
   */
  acknowledgedAt?: string | null;
  payload: StoredPayload;
}

/**
 * What the agenda lists of an interview, kept beside it so that listing needs neither its whole
 * (large) payload nor a parse of the whole document. The clear fields are the interview row's own
 * (ids, day, status, version); the person's names are in the encoded payload. Written in the same
 * transaction as the interview row by every writer of interviews.
 */
export type InterviewSummaryFields = Pick<
  InterviewRow,
  'id' | 'beneficiaryId' | 'status' | 'date' | 'updatedAt' | 'version'
>;
export interface InterviewSummaryRow extends InterviewSummaryFields {
  /**
   * The names, encoded (InterviewSummaryNamesSchema). Null: not built yet — a row the schema
   * version 3 upgrade made for an existing interview (an upgrade cannot await the codec); the
   * agenda builds it from the interview the first time it lists it.
   */
  payload: StoredPayload | null;
}

/** The encoded part of an interview summary. */
export const InterviewSummaryNamesSchema = IdentitySectionSchema.pick({
  firstName: true,
  lastName: true,
});
export type InterviewSummaryNames = z.infer<typeof InterviewSummaryNamesSchema>;

/**
 * The outbox's primary key. Numbers (the store's key generator) for entries that left `pending`,
 * in the order they were frozen; the string `pending:<entityType>:<entityId>` for the one pending
 * entry of a record, so that a save replaces it without looking it up (see `pendingOutboxKey`).
 */
export type OutboxKey = number | string;

/**
 * `pending`: waits, may still be replaced by a newer edit; `sending`: frozen with its mutation id
 * (replayed as is until answered); `conflict` / `rejected`: answered by the server, kept and shown
 * until the professionals resolve them (renderer/features/sync).
 */
export type OutboxState = 'pending' | 'sending' | 'rejected' | 'conflict';
export type OutboxEntityType = 'interview' | 'beneficiary' | 'agenda';

/** One mutation waiting for the sync engine (shared/sync reads them in `seq` order). */
export interface OutboxEntry {
  seq?: OutboxKey;
  entityType: OutboxEntityType;
  entityId: string;
  /**
   * The record as it will be sent, encoded for the outbox. Absent on a pending interview entry:
   * the interview row written in the same transaction is its content, and the sync copies it into
   * the entry when it freezes the entry (renderer/storage/sync-store.ts). Present on every entry
   * that left `pending`, on pending beneficiary entries, and on pending entries written before
   * schema version 3.
   */
  payload?: StoredPayload;
  /** The server revision the edit was based on (null: the record is new to the server). */
  baseRevision: number | null;
  createdAt: string;
  state: OutboxState;
  /** The per-device mutation id, assigned (durably) when the entry leaves `pending`. */
  mutationId?: number;
  /** For `conflict`: the server's current version, kept beside ours (encoded by the codec). */
  conflict?: {
    conflictId: string;
    currentRevision: number;
    current: StoredPayload;
  };
  /** For `rejected`: why, field paths and what was expected (never values). */
  rejection?: { path: string; message: string }[];
  /** When the server answered `conflict` or `rejected`. */
  answeredAt?: string;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

/**
 * A service of the data.inclusion catalogue (public data, stored in clear). `service` is parsed
 * with ServiceSchema when read: a row written by an older app is checked, never trusted.
 */
export interface ServiceRow {
  id: string;
  source: string;
  service: unknown;
  /** When the laptop received it (null: moved from schema version 1, time unknown). */
  receivedAt: string | null;
  /**
   * The day the département withdrew it from its catalogue (null or absent: in the catalogue).
   * A withdrawn service is no longer suggested; the actions that name it keep its details.
   */
  withdrawnOn?: string | null;
}

export const DateOnlySchema = IsoDateSchema;
export { BeneficiarySchema };
