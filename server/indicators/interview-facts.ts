/**
 * Keeps `interview_facts` (migrations 4 and 5) in step with the stored interview records: the
 * columns the steering indicators read (Annexe D, docs/indicators.md), built by shared/indicators'
 * indicatorFactsOf, and each person's history over them (which version is the latest, the first
 * interview with attendance recorded, the diagnostic before and the one after), so that a report
 * reads only the rows of its period. Written by writeRecords in the transaction that writes the
 * record, so a push that fails leaves no facts; migration 5 rebuilds the facts of the records
 * stored before it. A stored interview that no longer parses gets a row in
 * `interview_fact_problems` (paths only, never a value), and the indicators refuse to report
 * rather than leave it out silently.
 */
import { InterviewSchema } from '../../shared/domain/interview';
import { indicatorFactsOf } from '../../shared/indicators/indicator-facts';
import { describeIssues } from '../../shared/util/errors';
import type { Queryable } from '../db/database';

export interface InterviewRecordWrite {
  entityId: string;
  territory: string | null;
  payload: unknown;
}

/** Upserts the facts of interview records (or their problem rows), in the caller's transaction. */
export async function writeInterviewFacts(
  tx: Queryable,
  records: readonly InterviewRecordWrite[],
): Promise<void> {
  if (records.length === 0) return;
  const facts: Record<string, unknown>[] = [];
  const problems: { entity_id: string; territory: string | null; paths: string[] }[] = [];
  for (const record of records) {
    const parsed = InterviewSchema.safeParse(record.payload);
    if (!parsed.success) {
      problems.push({
        entity_id: record.entityId,
        territory: record.territory,
        paths: describeIssues(parsed.error).map((i) => i.path),
      });
      continue;
    }
    const f = indicatorFactsOf(parsed.data);
    facts.push({
      entity_id: record.entityId,
      territory: record.territory,
      interview_id: f.interviewId,
      beneficiary_id: f.beneficiaryId,
      date: f.date,
      status: f.status,
      attendance: f.attendance,
      cohort: f.cohort,
      rights_opened_on: f.rightsOpenedOn,
      previous_version_id: f.previousVersionId,
      version: f.version,
      order_at: f.orderAt,
      diagnostic: f.diagnostic,
      final_dominante: f.finalDominante,
      weekly_hours_mode: f.weeklyHoursMode,
      first_action_due: f.firstActionDue,
      action_count: f.actionCount,
      sat_listened: f.satListened,
      sat_understood: f.satUnderstood,
      sat_useful: f.satUseful,
      sat_pe_advisor: f.satPeAdvisor,
      sat_cd_professional: f.satCdProfessional,
      answers: f.answers,
    });
  }
  const ids = records.map((r) => r.entityId);
  // A record that parses again (or no longer does) loses its row in the other table.
  await tx.query('DELETE FROM interview_fact_problems WHERE entity_id = ANY($1::text[])', [ids]);
  const replaced = await tx.query<{ beneficiary_id: string; previous_version_id: string | null }>(
    `DELETE FROM interview_facts WHERE entity_id = ANY($1::text[])
     RETURNING beneficiary_id, previous_version_id`,
    [ids],
  );
  if (facts.length > 0) {
    await tx.query(
      `INSERT INTO interview_facts (entity_id, territory, interview_id, beneficiary_id, date,
         status, attendance, cohort, rights_opened_on, previous_version_id, version, order_at,
         diagnostic, final_dominante, weekly_hours_mode, first_action_due, action_count,
         sat_listened, sat_understood, sat_useful, sat_pe_advisor, sat_cd_professional, answers)
       SELECT entity_id, territory, interview_id, beneficiary_id, date, status, attendance, cohort,
         rights_opened_on, previous_version_id, version, order_at, diagnostic, final_dominante,
         weekly_hours_mode, first_action_due, action_count, sat_listened, sat_understood,
         sat_useful, sat_pe_advisor, sat_cd_professional, answers
       FROM jsonb_to_recordset($1::jsonb) AS x (entity_id text, territory text,
         interview_id text, beneficiary_id text, date date, status text, attendance text,
         cohort text, rights_opened_on date, previous_version_id text, version integer,
         order_at text, diagnostic boolean, final_dominante text, weekly_hours_mode text,
         first_action_due date, action_count integer, sat_listened text, sat_understood text,
         sat_useful text, sat_pe_advisor text, sat_cd_professional text, answers text[])`,
      [JSON.stringify(facts)],
    );
  }
  // The persons whose history these rows were part of (before and after the write), and those
  // whose version a written correction supersedes or no longer supersedes.
  const persons = new Set<string>(replaced.rows.map((r) => r.beneficiary_id));
  const superseded = new Set<string>();
  for (const r of replaced.rows) if (r.previous_version_id) superseded.add(r.previous_version_id);
  for (const f of facts) {
    persons.add(f.beneficiary_id as string);
    if (f.previous_version_id) superseded.add(f.previous_version_id as string);
  }
  await refreshHistories(tx, [...persons], [...superseded]);
  if (problems.length > 0) {
    await tx.query(
      `INSERT INTO interview_fact_problems (entity_id, territory, paths)
       SELECT entity_id, territory, paths
       FROM jsonb_to_recordset($1::jsonb) AS x (entity_id text, territory text, paths text[])`,
      [JSON.stringify(problems)],
    );
  }
}

/**
 * Derives again the history columns of every fact of the persons given (and of the persons of
 * the interviews given by id), with the order of shared/indicators (date, then closedAt or
 * createdAt, then id) per territory, over the latest versions only. Rows whose history did not
 * change are left alone.
 */
async function refreshHistories(
  tx: Queryable,
  persons: readonly string[],
  interviews: readonly string[],
): Promise<void> {
  if (persons.length === 0 && interviews.length === 0) return;
  await tx.query(
    `WITH touched AS (
       SELECT unnest($1::text[]) AS beneficiary_id
       UNION
       SELECT beneficiary_id FROM interview_facts WHERE interview_id = ANY($2::text[])
     ),
     history AS (
       SELECT f.entity_id, f.territory, f.beneficiary_id, f.date, f.order_at, f.interview_id,
              f.attendance IS NOT NULL AS attended, f.diagnostic, f.final_dominante, f.answers,
              NOT EXISTS (SELECT 1 FROM interview_facts s
                          WHERE s.previous_version_id = f.interview_id) AS latest
       FROM interview_facts f JOIN touched t ON t.beneficiary_id = f.beneficiary_id
     ),
     attended AS (
       SELECT entity_id, row_number() OVER (PARTITION BY territory, beneficiary_id
                                            ORDER BY date, order_at, interview_id) = 1 AS first
       FROM history WHERE latest AND attended
     ),
     diagnostics AS (
       SELECT entity_id, lag(entity_id) OVER w AS previous,
              lag(final_dominante) OVER w AS previous_dominante,
              lag(answers) OVER w AS previous_answers, lead(date) OVER w AS next_date
       FROM history WHERE latest AND diagnostic
       WINDOW w AS (PARTITION BY territory, beneficiary_id ORDER BY date, order_at, interview_id)
     ),
     derived AS (
       SELECT h.entity_id, h.latest, coalesce(a.first, false) AS first_attended,
              d.previous, d.previous_dominante, d.previous_answers, d.next_date
       FROM history h LEFT JOIN attended a USING (entity_id) LEFT JOIN diagnostics d USING (entity_id)
     )
     UPDATE interview_facts f
     SET latest = d.latest, first_attended = d.first_attended,
         previous_diagnostic = d.previous, previous_dominante = d.previous_dominante,
         previous_answers = d.previous_answers, next_diagnostic_date = d.next_date
     FROM derived d
     WHERE f.entity_id = d.entity_id
       AND (f.latest, f.first_attended, f.previous_diagnostic, f.previous_dominante,
            f.previous_answers, f.next_diagnostic_date)
         IS DISTINCT FROM (d.latest, d.first_attended, d.previous, d.previous_dominante,
                           d.previous_answers, d.next_date)`,
    [persons, interviews],
  );
}

/** How many interview records the back-fill reads per statement. */
const BACKFILL_CHUNK = 2000;

/**
 * Writes the facts of every stored interview record (migration 5, and `codiag rebuild-facts`
 * after a bulk load that went around writeRecords). Reads the records by id in chunks
 * (the primary key's order, whatever the collation).
 */
export async function backfillInterviewFacts(tx: Queryable): Promise<number> {
  let after = '';
  let written = 0;
  for (;;) {
    const { rows } = await tx.query<{
      entity_id: string;
      territory: string | null;
      payload: unknown;
    }>(
      `SELECT entity_id, territory, payload FROM records
       WHERE entity_type = 'interview' AND entity_id > $1
       ORDER BY entity_id LIMIT ${BACKFILL_CHUNK}`,
      [after],
    );
    if (rows.length === 0) return written;
    await writeInterviewFacts(
      tx,
      rows.map((r) => ({ entityId: r.entity_id, territory: r.territory, payload: r.payload })),
    );
    written += rows.length;
    after = (rows.at(-1) as { entity_id: string }).entity_id;
  }
}

export interface RebuildCounts {
  /** Interview records read. */
  interviews: number;
  /** Rows of interview_facts after the rebuild, and before it. */
  facts: number;
  factsBefore: number;
  /** Records that no longer parse (interview_fact_problems). */
  problems: number;
}

/**
 * `codiag rebuild-facts`: empties interview_facts and interview_fact_problems and derives them
 * again from every stored interview record, in the caller's transaction. Takes the sync
 * counter's row lock first, as writeRecords does, so that no push writes facts meanwhile.
 */
export async function rebuildInterviewFacts(tx: Queryable): Promise<RebuildCounts> {
  await tx.query('SELECT value FROM sync_counter FOR UPDATE');
  const count = async (table: string) =>
    (await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n ?? 0;
  const factsBefore = await count('interview_facts');
  await tx.query('DELETE FROM interview_facts');
  await tx.query('DELETE FROM interview_fact_problems');
  const interviews = await backfillInterviewFacts(tx);
  return {
    interviews,
    facts: await count('interview_facts'),
    factsBefore,
    problems: await count('interview_fact_problems'),
  };
}
