/**
 * The steering indicators (Annexe D of the convention, docs/indicators.md) computed by the
 * database over `interview_facts` (docs/decisions/004-indicators-in-the-database.md): one query
 * answers every section for every territory at once, as counts, sums and medians; this shell
 * rounds them with shared/indicators/stats.ts and lays them out as `IndicatorReport`, so the
 * figures are those of computeIndicators over the same interviews (the oracle test checks it).
 * The référentiel's dominantes, deadline and matrix travel as query parameters.
 */
import { z } from 'zod';
import {
  type IndicatorReport,
  type QuestionStats,
  type SplitIndicators,
  splitRow,
} from '../../shared/indicators/compute-indicators';
import { criterionColumns } from '../../shared/indicators/indicator-facts';
import { percent, round1, round2 } from '../../shared/indicators/stats';
import { referentialRef, type Referential } from '../../shared/referential';
import type { Queryable } from '../db/database';
import { StoredInterviewError } from './stored-interviews';

export interface DatabaseIndicatorQuery {
  from: string;
  to: string;
  /** One territory (a report even without interviews); absent: each territory seen in the period. */
  territory?: string | undefined;
}

const SATISFACTION_COLUMNS = [
  'sat_listened',
  'sat_understood',
  'sat_useful',
  'sat_pe_advisor',
  'sat_cd_professional',
] as const;

const satisfactionSelects = SATISFACTION_COLUMNS.map(
  (c) =>
    `jsonb_build_array(count(*) FILTER (WHERE ${c} = '1'), count(*) FILTER (WHERE ${c} = '2'),
       count(*) FILTER (WHERE ${c} = '3'), count(*) FILTER (WHERE ${c} = '4'),
       count(*) FILTER (WHERE ${c} = 'skipped'), count(*) FILTER (WHERE ${c} IS NULL)) AS ${c}`,
).join(',\n         ');

/**
 * $1, $2 the period (both included); $3 one territory or null for all; $4 the convocation
 * deadline in days; $5 the référentiel's dominantes in order; $6 its first column; $7 its matrix
 * (criterionColumns). `scope`: the latest versions of every interview of the persons seen in the
 * period (history before it included), in the territory asked for.
 */
const REPORT_SQL = `
WITH persons AS MATERIALIZED (
  SELECT DISTINCT beneficiary_id FROM interview_facts
  WHERE date BETWEEN $1::date AND $2::date AND ($3::text IS NULL OR territory = $3::text)
),
scope AS MATERIALIZED (
  SELECT f.* FROM interview_facts f JOIN persons p ON p.beneficiary_id = f.beneficiary_id
  WHERE ($3::text IS NULL OR f.territory = $3::text)
    AND NOT EXISTS (SELECT 1 FROM interview_facts s WHERE s.previous_version_id = f.interview_id)
),
period AS MATERIALIZED (
  SELECT * FROM scope WHERE date BETWEEN $1::date AND $2::date
),
attendance AS (
  SELECT territory AS t, count(*) AS records,
         count(*) FILTER (WHERE attendance = 'present' AND status = 'closed') AS held,
         count(*) FILTER (WHERE attendance = 'present' AND status <> 'closed') AS "inProgress",
         count(*) FILTER (WHERE attendance = 'absent') AS absent,
         count(*) FILTER (WHERE attendance = 'excused') AS excused,
         count(*) FILTER (WHERE attendance IS NULL) AS "notRecorded",
         count(DISTINCT beneficiary_id) AS beneficiaries,
         count(*) FILTER (WHERE diagnostic) AS diagnostics
  FROM period GROUP BY territory
),
months AS (
  SELECT territory AS t, to_char(date, 'YYYY-MM') AS month,
         count(*) FILTER (WHERE attendance = 'present' AND status = 'closed') AS held,
         count(*) FILTER (WHERE attendance = 'present' AND status <> 'closed') AS "inProgress",
         count(*) FILTER (WHERE attendance = 'absent') AS absent,
         count(*) FILTER (WHERE attendance = 'excused') AS excused
  FROM period WHERE attendance IS NOT NULL GROUP BY territory, to_char(date, 'YYYY-MM')
),
first_interviews AS (
  SELECT DISTINCT ON (territory, beneficiary_id) territory, date, cohort, rights_opened_on
  FROM scope WHERE attendance IS NOT NULL
  ORDER BY territory, beneficiary_id, date, order_at, interview_id
),
first_delays AS (
  SELECT territory AS t, (date - rights_opened_on) AS d FROM first_interviews
  WHERE date BETWEEN $1::date AND $2::date AND cohort = 'flux'
),
delay_first AS (
  SELECT t, count(*) FILTER (WHERE d >= 0) AS count, count(*) FILTER (WHERE d < 0) AS inconsistent,
         coalesce(sum(d) FILTER (WHERE d >= 0), 0) AS sum,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY d) FILTER (WHERE d >= 0) AS median,
         count(*) FILTER (WHERE d >= 0 AND d <= $4::integer) AS within
  FROM first_delays GROUP BY t
),
latest_diagnostics AS (
  SELECT DISTINCT ON (territory, beneficiary_id) territory, cohort, final_dominante,
         weekly_hours_mode
  FROM period WHERE diagnostic
  ORDER BY territory, beneficiary_id, date DESC, order_at DESC, interview_id DESC
),
split AS (
  SELECT territory AS t, cohort, final_dominante AS dominante, count(*) AS count
  FROM latest_diagnostics GROUP BY territory, cohort, final_dominante
),
hours AS (
  SELECT territory AS t, weekly_hours_mode AS mode, count(*) AS count
  FROM latest_diagnostics GROUP BY territory, weekly_hours_mode
),
action_delays AS (
  SELECT territory AS t, action_count, (first_action_due - date) AS d
  FROM period WHERE diagnostic
),
delay_action AS (
  SELECT t, count(*) FILTER (WHERE d >= 0) AS count, count(*) FILTER (WHERE d < 0) AS inconsistent,
         count(*) FILTER (WHERE action_count = 0) AS "withoutActions",
         coalesce(sum(d) FILTER (WHERE d >= 0), 0) AS sum,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY d) FILTER (WHERE d >= 0) AS median,
         min(d) FILTER (WHERE d >= 0) AS min, max(d) FILTER (WHERE d >= 0) AS max
  FROM action_delays GROUP BY t
),
ordered_diagnostics AS (
  SELECT territory, beneficiary_id, entity_id, date, final_dominante, criteria,
         lag(final_dominante) OVER w AS previous_dominante,
         lag(criteria) OVER w AS previous_criteria,
         lag(entity_id) OVER w AS previous_id
  FROM scope WHERE diagnostic
  WINDOW w AS (PARTITION BY territory, beneficiary_id ORDER BY date, order_at, interview_id)
),
pairs AS (
  SELECT territory, beneficiary_id, entity_id, criteria, previous_criteria,
         array_position($5::text[], final_dominante::text) AS later_rank,
         array_position($5::text[], previous_dominante::text) AS earlier_rank
  FROM ordered_diagnostics
  WHERE previous_id IS NOT NULL AND date BETWEEN $1::date AND $2::date
),
progression AS (
  SELECT territory AS t, count(*) AS pairs, count(DISTINCT beneficiary_id) AS beneficiaries,
         count(*) FILTER (WHERE later_rank < earlier_rank) AS toward,
         count(*) FILTER (WHERE later_rank = earlier_rank) AS same,
         count(*) FILTER (WHERE later_rank > earlier_rank) AS away,
         count(*) FILTER (WHERE later_rank IS NULL OR earlier_rank IS NULL) AS "notComparable",
         count(*) FILTER (WHERE criteria IS NOT NULL AND previous_criteria IS NOT NULL)
           AS "withCriteria"
  FROM pairs GROUP BY territory
),
matrix AS (
  SELECT * FROM jsonb_to_recordset($7::jsonb)
    AS m (criterion text, answer text, "from" numeric, below numeric, "column" text)
),
pair_columns AS (
  SELECT p.territory, p.entity_id, m."column", sum(s.side) AS delta
  FROM pairs p
  CROSS JOIN LATERAL (VALUES (p.criteria, 1), (p.previous_criteria, -1)) AS s (criteria, side)
  CROSS JOIN LATERAL jsonb_each(s.criteria) AS a (ref, answer)
  JOIN matrix m ON m.criterion = a.ref AND CASE
    WHEN jsonb_typeof(a.answer) = 'number' THEN m.answer IS NULL
      AND (m."from" IS NULL OR (a.answer)::numeric >= m."from")
      AND (m.below IS NULL OR (a.answer)::numeric < m.below)
    ELSE m.answer = a.answer #>> '{}' END
  WHERE p.criteria IS NOT NULL AND p.previous_criteria IS NOT NULL
  GROUP BY p.territory, p.entity_id, m."column"
),
pair_constraints AS (
  SELECT territory, entity_id, sum(delta) FILTER (WHERE "column" <> $6::text) AS delta
  FROM pair_columns GROUP BY territory, entity_id
),
constraints AS (
  SELECT territory AS t, count(*) FILTER (WHERE delta < 0) AS fewer,
         count(*) FILTER (WHERE delta > 0) AS more
  FROM pair_constraints GROUP BY territory
),
column_deltas AS (
  SELECT territory AS t, "column", sum(delta) AS sum FROM pair_columns GROUP BY territory, "column"
),
satisfaction AS (
  SELECT territory AS t, count(*) AS interviews,
         ${satisfactionSelects}
  FROM period WHERE status = 'closed' AND attendance = 'present' GROUP BY territory
),
territories AS (
  SELECT DISTINCT territory AS t FROM interview_facts
  WHERE $3::text IS NULL AND date BETWEEN $1::date AND $2::date
)
SELECT jsonb_build_object(
  'territories', (SELECT coalesce(jsonb_agg(t), '[]') FROM territories),
  'attendance', (SELECT coalesce(jsonb_agg(x), '[]') FROM attendance x),
  'months', (SELECT coalesce(jsonb_agg(x), '[]') FROM months x),
  'delayFirst', (SELECT coalesce(jsonb_agg(x), '[]') FROM delay_first x),
  'split', (SELECT coalesce(jsonb_agg(x), '[]') FROM split x),
  'hours', (SELECT coalesce(jsonb_agg(x), '[]') FROM hours x),
  'delayAction', (SELECT coalesce(jsonb_agg(x), '[]') FROM delay_action x),
  'progression', (SELECT coalesce(jsonb_agg(x), '[]') FROM progression x),
  'constraints', (SELECT coalesce(jsonb_agg(x), '[]') FROM constraints x),
  'columnDeltas', (SELECT coalesce(jsonb_agg(x), '[]') FROM column_deltas x),
  'satisfaction', (SELECT coalesce(jsonb_agg(x), '[]') FROM satisfaction x),
  'problems', (SELECT coalesce(jsonb_agg(jsonb_build_object('entityId', entity_id, 'paths', paths)),
                 '[]')
               FROM (SELECT entity_id, paths FROM interview_fact_problems
                     WHERE $3::text IS NULL OR territory = $3::text
                     ORDER BY entity_id LIMIT 100) AS p)
) AS report`;

const n = z.number().int().min(0);
const t = z.string().nullable();
const days = z.number().nullable();
const answerCounts = z.tuple([n, n, n, n, n, n]);

/** What the query answers; parsed, so that a change of the SQL that breaks it fails loudly. */
const SqlReportSchema = z.object({
  territories: z.array(t),
  attendance: z.array(
    z.object({
      t,
      records: n,
      held: n,
      inProgress: n,
      absent: n,
      excused: n,
      notRecorded: n,
      beneficiaries: n,
      diagnostics: n,
    }),
  ),
  months: z.array(
    z.object({ t, month: z.string(), held: n, inProgress: n, absent: n, excused: n }),
  ),
  delayFirst: z.array(z.object({ t, count: n, inconsistent: n, sum: n, median: days, within: n })),
  split: z.array(z.object({ t, cohort: z.string(), dominante: z.string(), count: n })),
  hours: z.array(
    z.object({ t, mode: z.enum(['standard', 'progressive', 'reduced', 'exempt']), count: n }),
  ),
  delayAction: z.array(
    z.object({
      t,
      count: n,
      inconsistent: n,
      withoutActions: n,
      sum: n,
      median: days,
      min: days,
      max: days,
    }),
  ),
  progression: z.array(
    z.object({
      t,
      pairs: n,
      beneficiaries: n,
      toward: n,
      same: n,
      away: n,
      notComparable: n,
      withCriteria: n,
    }),
  ),
  constraints: z.array(z.object({ t, fewer: n, more: n })),
  columnDeltas: z.array(z.object({ t, column: z.string(), sum: z.number().int() })),
  satisfaction: z.array(
    z.object({
      t,
      interviews: n,
      sat_listened: answerCounts,
      sat_understood: answerCounts,
      sat_useful: answerCounts,
      sat_pe_advisor: answerCounts,
      sat_cd_professional: answerCounts,
    }),
  ),
  problems: z.array(z.object({ entityId: z.string(), paths: z.array(z.string()) })),
});
type SqlReport = z.infer<typeof SqlReportSchema>;

/** The reports of a period, computed by the database (the same shape as computeIndicators). */
export async function databaseIndicators(
  db: Queryable,
  referential: Referential,
  query: DatabaseIndicatorQuery,
): Promise<IndicatorReport[]> {
  const { rows } = await db.query<{ report: unknown }>(REPORT_SQL, [
    query.from,
    query.to,
    query.territory ?? null,
    referential.deadlines.convocationDays,
    referential.dominantes.map((d) => d.code),
    referential.columns[0]?.code ?? null,
    JSON.stringify(criterionColumns(referential)),
  ]);
  const sql = SqlReportSchema.parse(rows[0]?.report);
  if (sql.problems.length > 0) throw new StoredInterviewError(sql.problems);
  const territories =
    query.territory !== undefined
      ? [query.territory]
      : [...sql.territories].sort((a, b) =>
          a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1,
        );
  return territories.map((territory) => reportOf(sql, territory, referential, query));
}

function reportOf(
  sql: SqlReport,
  territory: string | null,
  referential: Referential,
  query: DatabaseIndicatorQuery,
): IndicatorReport {
  const mine = <R extends { t: string | null }>(list: readonly R[]): R[] =>
    list.filter((r) => r.t === territory);
  const one = <R extends { t: string | null }>(list: readonly R[]): R | undefined => mine(list)[0];

  const a = one(sql.attendance);
  const held = a?.held ?? 0;
  const inProgress = a?.inProgress ?? 0;
  const absent = a?.absent ?? 0;
  const excused = a?.excused ?? 0;

  const first = one(sql.delayFirst);
  const firstCount = first?.count ?? 0;
  const within = first?.within ?? 0;

  const split = mine(sql.split);
  const splitOf = (cohort: string | null): SplitIndicators => {
    const counts = new Map<string, number>(referential.dominantes.map((d) => [d.code, 0]));
    // A dominante the référentiel no longer has comes after its own, by code.
    const rows = split
      .filter((r) => cohort === null || r.cohort === cohort)
      .sort((x, y) => (x.dominante < y.dominante ? -1 : x.dominante > y.dominante ? 1 : 0));
    for (const r of rows) counts.set(r.dominante, (counts.get(r.dominante) ?? 0) + r.count);
    const total = rows.reduce((sum, r) => sum + r.count, 0);
    return {
      total,
      rows: [...counts].map(([dominante, count]) => splitRow(dominante, count, total, referential)),
    };
  };

  const byMode = { standard: 0, progressive: 0, reduced: 0, exempt: 0 };
  let decided = 0;
  for (const h of mine(sql.hours)) {
    decided += h.count;
    byMode[h.mode] += h.count;
  }
  const intensive = byMode.standard + byMode.progressive;

  const action = one(sql.delayAction);
  const actionCount = action?.count ?? 0;

  const p = one(sql.progression);
  const withCriteria = p?.withCriteria ?? 0;
  const c = one(sql.constraints);
  const deltas = new Map(mine(sql.columnDeltas).map((d) => [d.column, d.sum]));

  const s = one(sql.satisfaction);
  const none: z.infer<typeof answerCounts> = [0, 0, 0, 0, 0, 0];

  return {
    period: { from: query.from, to: query.to },
    territory,
    referential: referentialRef(referential),
    attendance: {
      records: a?.records ?? 0,
      held,
      inProgress,
      absent,
      excused,
      attendanceNotRecorded: a?.notRecorded ?? 0,
      absenceRate: percent(absent + excused, held + inProgress + absent + excused),
      beneficiaries: a?.beneficiaries ?? 0,
      diagnostics: a?.diagnostics ?? 0,
    },
    byMonth: mine(sql.months)
      .map((m) => ({
        month: m.month,
        held: m.held,
        inProgress: m.inProgress,
        absent: m.absent,
        excused: m.excused,
      }))
      .sort((x, y) => (x.month < y.month ? -1 : 1)),
    delayToFirstInterview: {
      count: firstCount,
      medianDays: firstCount === 0 ? null : (first?.median ?? null),
      meanDays: firstCount === 0 ? null : round1((first?.sum ?? 0) / firstCount),
      deadlineDays: referential.deadlines.convocationDays,
      withinDeadline: within,
      shareWithinDeadline: percent(within, firstCount),
      inconsistent: first?.inconsistent ?? 0,
    },
    split: { stock: splitOf('stock'), flux: splitOf('flux'), all: splitOf(null) },
    intensiveSupport: { decided, intensive, share: percent(intensive, decided), byMode },
    delayToFirstAction: {
      count: actionCount,
      withoutActions: action?.withoutActions ?? 0,
      medianDays: actionCount === 0 ? null : (action?.median ?? null),
      meanDays: actionCount === 0 ? null : round1((action?.sum ?? 0) / actionCount),
      minDays: actionCount === 0 ? null : (action?.min ?? null),
      maxDays: actionCount === 0 ? null : (action?.max ?? null),
      inconsistent: action?.inconsistent ?? 0,
    },
    progression: {
      pairs: p?.pairs ?? 0,
      beneficiaries: p?.beneficiaries ?? 0,
      towardEmploi: p?.toward ?? 0,
      sameDominante: p?.same ?? 0,
      awayFromEmploi: p?.away ?? 0,
      notComparable: p?.notComparable ?? 0,
      withCriteria,
      fewerConstraints: c?.fewer ?? 0,
      moreConstraints: c?.more ?? 0,
      columnDeltas: referential.columns.map(({ code }) => ({
        column: code,
        meanDelta: withCriteria === 0 ? null : round2((deltas.get(code) ?? 0) / withCriteria),
      })),
    },
    satisfaction: {
      interviews: s?.interviews ?? 0,
      beneficiary: {
        listened: questionStats(s?.sat_listened ?? none),
        understood: questionStats(s?.sat_understood ?? none),
        useful: questionStats(s?.sat_useful ?? none),
      },
      professionals: {
        peAdvisor: questionStats(s?.sat_pe_advisor ?? none),
        cdProfessional: questionStats(s?.sat_cd_professional ?? none),
        all: questionStats(s?.sat_pe_advisor ?? none, s?.sat_cd_professional ?? none),
      },
    },
  };
}

/**
 * [1, 2, 3, 4, skipped, not asked] counts (of one question, or summed over several) → the
 * statistics of compute-indicators.ts.
 */
function questionStats(...lists: readonly z.infer<typeof answerCounts>[]): QuestionStats {
  const sum = (k: number) => lists.reduce((total, list) => total + (list[k] ?? 0), 0);
  const [one, two, three, four, skipped, notAsked] = [
    sum(0),
    sum(1),
    sum(2),
    sum(3),
    sum(4),
    sum(5),
  ];
  const answered = one + two + three + four;
  return {
    answered,
    skipped,
    notAsked,
    average: answered === 0 ? null : round2((one + 2 * two + 3 * three + 4 * four) / answered),
    distribution: [one, two, three, four],
  };
}
