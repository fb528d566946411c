/**
 * Small pure helpers over the row shapes, kept apart from records.ts (which holds the zod schemas)
 * so that the database module (database.ts, on the first screen's path) does not pull zod and the
 * domain schemas into the first chunk.
 */
import type { StoredPayload } from './codec';
import type { InterviewSummaryFields, InterviewSummaryRow, OutboxEntry } from './records';

/** The clear fields an interview's row and summary share, taken from either or the interview. */
export function summaryFieldsOf(from: InterviewSummaryFields): InterviewSummaryFields {
  return {
    id: from.id,
    beneficiaryId: from.beneficiaryId,
    status: from.status,
    date: from.date,
    updatedAt: from.updatedAt,
    version: from.version,
  };
}

/** The summary row of an interview row (same clear fields), with its encoded names. */
export function summaryRowOf(
  row: InterviewSummaryFields,
  payload: StoredPayload | null,
): InterviewSummaryRow {
  return { ...summaryFieldsOf(row), payload };
}

/** The key of the one pending outbox entry of a record. */
export function pendingOutboxKey(entry: Pick<OutboxEntry, 'entityType' | 'entityId'>): string {
  return `pending:${entry.entityType}:${entry.entityId}`;
}
