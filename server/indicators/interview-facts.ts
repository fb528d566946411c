/**
 * Keeps `interview_facts` (migration 4) in step with the stored interview records: the columns the
 * steering indicators read (Annexe D, docs/indicators.md), built by shared/indicators'
 * indicatorFactsOf. Written by writeRecords in the transaction that writes the record, so a push
 * that fails leaves no facts; the migration back-fills the records stored before it. A stored
 * interview that no longer parses gets a row in `interview_fact_problems` (paths only, never a
 * value), and the indicators refuse to report rather than leave it out silently.
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
      criteria: f.criteria,
    });
  }
  const ids = records.map((r) => r.entityId);
  // A record that parses again (or no longer does) loses its row in the other table.
  await tx.query('DELETE FROM interview_fact_problems WHERE entity_id = ANY($1::text[])', [ids]);
  await tx.query('DELETE FROM interview_facts WHERE entity_id = ANY($1::text[])', [ids]);
  if (facts.length > 0) {
    await tx.query(
      `INSERT INTO interview_facts (entity_id, territory, interview_id, beneficiary_id, date,
         status, attendance, cohort, rights_opened_on, previous_version_id, version, order_at,
         diagnostic, final_dominante, weekly_hours_mode, first_action_due, action_count,
         sat_listened, sat_understood, sat_useful, sat_pe_advisor, sat_cd_professional, criteria)
       SELECT entity_id, territory, interview_id, beneficiary_id, date, status, attendance, cohort,
         rights_opened_on, previous_version_id, version, order_at, diagnostic, final_dominante,
         weekly_hours_mode, first_action_due, action_count, sat_listened, sat_understood,
         sat_useful, sat_pe_advisor, sat_cd_professional, criteria
       FROM jsonb_to_recordset($1::jsonb) AS x (entity_id text, territory text,
         interview_id text, beneficiary_id text, date date, status text, attendance text,
         cohort text, rights_opened_on date, previous_version_id text, version integer,
         order_at text, diagnostic boolean, final_dominante text, weekly_hours_mode text,
         first_action_due date, action_count integer, sat_listened text, sat_understood text,
         sat_useful text, sat_pe_advisor text, sat_cd_professional text, criteria jsonb)`,
      [JSON.stringify(facts)],
    );
  }
  if (problems.length > 0) {
    await tx.query(
      `INSERT INTO interview_fact_problems (entity_id, territory, paths)
       SELECT entity_id, territory, paths
       FROM jsonb_to_recordset($1::jsonb) AS x (entity_id text, territory text, paths text[])`,
      [JSON.stringify(problems)],
    );
  }
}

/** How many interview records the back-fill reads per statement. */
const BACKFILL_CHUNK = 2000;

/**
 * Writes the facts of every stored interview record (migration 4, and `codiag rebuild-facts`
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
