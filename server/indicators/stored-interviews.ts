/**
 * Reads the interviews the server stores (the latest revision of each pushed record) for the
 * indicators (Annexe D) and the evaluation file (Annexe 8): every interview of the persons seen in
 * a period, history included, because the delay to the first interview and the progression
 * between two diagnostics look before the period (docs/indicators.md, "Which records count").
 * Corrections are separate interview records (`previousVersionId`); shared/indicators keeps the
 * latest version of each.
 */
import { InterviewSchema } from '../../shared/domain/interview';
import type { IndicatorRecord, Period } from '../../shared/indicators/records';
import { describeIssues } from '../../shared/util/errors';
import type { Queryable } from '../db/database';

export interface StoredInterviewQuery {
  /** Both bounds included, on the interview's date. */
  period: { from: string; to: string };
  /** Only persons seen in this territory in the period; all territories when absent. */
  territory?: string | undefined;
}

/** A stored interview that no longer parses with the current schema: named, never skipped. */
export class StoredInterviewError extends Error {
  constructor(readonly problems: readonly { entityId: string; paths: string[] }[]) {
    super(
      `${problems.length} stored interview(s) do not match the current interview schema: ` +
        problems
          .slice(0, 5)
          .map((p) => `${p.entityId} (${p.paths.slice(0, 3).join(', ')})`)
          .join('; ') +
        (problems.length > 5 ? '; …' : ''),
    );
    this.name = 'StoredInterviewError';
  }
}

interface StoredInterviewRows {
  rows: { territory: string | null; payload: unknown; entityId: string }[];
}

/** The raw rows: each interview of every person with an interview dated in the period. */
async function queryStoredInterviews(
  db: Queryable,
  query: StoredInterviewQuery,
): Promise<StoredInterviewRows> {
  const { rows } = await db.query<{
    territory: string | null;
    payload: unknown;
    entity_id: string;
  }>(
    `SELECT r.territory, r.payload, r.entity_id FROM records r
     WHERE r.entity_type = 'interview'
       AND r.payload->>'beneficiaryId' IN (
         SELECT s.payload->>'beneficiaryId' FROM records s
         WHERE s.entity_type = 'interview'
           AND s.payload->>'date' BETWEEN $1 AND $2
           AND ($3::text IS NULL OR s.territory = $3))`,
    [query.period.from, query.period.to, query.territory ?? null],
  );
  // Sorted here rather than by the database, which would sort the whole payloads (on disk).
  rows.sort((a, b) => (a.entity_id < b.entity_id ? -1 : a.entity_id > b.entity_id ? 1 : 0));
  return {
    rows: rows.map((row) => ({
      territory: row.territory,
      payload: row.payload,
      entityId: row.entity_id,
    })),
  };
}

/** Parses the rows with the current interview schema; throws StoredInterviewError on any failure. */
function parseStoredInterviews(stored: StoredInterviewRows): IndicatorRecord[] {
  const records: IndicatorRecord[] = [];
  const problems: { entityId: string; paths: string[] }[] = [];
  for (const row of stored.rows) {
    const parsed = InterviewSchema.safeParse(row.payload);
    if (parsed.success) records.push({ interview: parsed.data, territory: row.territory });
    else {
      // Paths only: the values are personal data.
      problems.push({
        entityId: row.entityId,
        paths: describeIssues(parsed.error).map((i) => i.path),
      });
    }
  }
  if (problems.length > 0) throw new StoredInterviewError(problems);
  return records;
}

export async function readStoredInterviews(
  db: Queryable,
  query: StoredInterviewQuery,
): Promise<IndicatorRecord[]> {
  return parseStoredInterviews(await queryStoredInterviews(db, query));
}

export const periodOf = (query: StoredInterviewQuery): Period => ({
  from: query.period.from,
  to: query.period.to,
});
