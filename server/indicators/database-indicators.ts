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
import { answerColumns } from '../../shared/indicators/indicator-facts';
import { REASON_ORDER } from '../../shared/orientation/evaluate-orientation';
import { delayStatsOfCounts, percent, round2 } from '../../shared/indicators/stats';
import { referentialRef, type Referential } from '../../shared/referential';
import type { Queryable } from '../db/database';
import { StoredInterviewError } from './stored-interviews';

export interface DatabaseIndicatorQuery {
  from: string;
  to: string;
  /** One territory (a report even without interviews); absent: each territory seen in the period. */
  territory?: string | undefined;
}

/** The satisfaction questions: the report's names and the facts' columns. */
const SATISFACTION = [
  ['listened', 'sat_listened'],
  ['understood', 'sat_understood'],
  ['useful', 'sat_useful'],
  ['peAdvisor', 'sat_pe_advisor'],
  ['cdProfessional', 'sat_cd_professional'],
] as const;
type SatisfactionQuestion = (typeof SATISFACTION)[number][0];

/** One grouping set per question: the question it counts, and its answer. */
const satisfactionQuestion = `CASE ${SATISFACTION.map(
  ([name, column]) => `WHEN GROUPING(${column}) = 0 THEN '${name}'`,
).join(' ')} END`;
const satisfactionAnswer = `coalesce(${SATISFACTION.map(([, column]) => column).join(', ')})`;
const satisfactionSets = SATISFACTION.map(([, column]) => `(territory, ${column})`).join(', ');

/**
 * The matrix columns of one diagnostic's answers (`answers` or `previous_answers`), as an array
 * in REASON_ORDER with null for an informative answer: each answer looked up in $6
 * (answerColumns' `columns`), a numeric one by its band, found with width_bucket over its bounds
 * (the parameters `$7`, `$8`… given for each numeric position in `numericPositions`).
 */
function answerColumnsSql(answers: string, numericPositions: readonly number[]): string {
  const lookups = REASON_ORDER.map((_ref, index) => {
    const position = index + 1;
    const numeric = numericPositions.indexOf(position);
    const key =
      numeric === -1
        ? `'${position}:' || ${answers}[${position}]`
        : `'${position}:#' || width_bucket(${answers}[${position}]::numeric, $${7 + numeric}::numeric[])`;
    return `$6::jsonb ->> (${key})`;
  });
  return `ARRAY[${lookups.join(',\n      ')}]`;
}

/**
 * The query: counts by small keys (a delay in days, an answer, a month…), for every territory at
 * once, that reportOf turns into the figures. $1, $2 the period (both included); $3 one
 * territory or null for all; $4 the référentiel's dominantes in order; $5 its first column; $6
 * and the next ones its matrix (answerColumns); the last, its columns in order. `period`: the
 * latest versions of the interviews dated in the period, in the territory asked for; what they
 * need of the person's history before it (first interview, previous and next diagnostic) is kept
 * on each row by writeInterviewFacts.
 */
function reportSql(numericPositions: readonly number[]): string {
  const columnsParam = `$${7 + numericPositions.length}::text[]`;
  return `
WITH period AS MATERIALIZED (
  SELECT entity_id, territory, beneficiary_id, date, status, attendance, cohort, rights_opened_on,
         diagnostic, final_dominante, weekly_hours_mode, first_action_due, action_count,
         first_attended, next_diagnostic_date,
         sat_listened, sat_understood, sat_useful, sat_pe_advisor, sat_cd_professional
  FROM interview_facts
  WHERE latest AND date BETWEEN $1::date AND $2::date AND ($3::text IS NULL OR territory = $3::text)
),
attendance AS (
  SELECT territory AS t, attendance, status = 'closed' AS closed, diagnostic, count(*) AS count
  FROM period GROUP BY territory, attendance, status = 'closed', diagnostic
),
beneficiaries AS (
  SELECT territory AS t, count(*) AS count
  FROM (SELECT DISTINCT territory, beneficiary_id FROM period) AS b GROUP BY territory
),
months AS (
  SELECT territory AS t, to_char(month, 'YYYY-MM') AS month, attendance, closed, count
  FROM (SELECT territory, date_trunc('month', date) AS month, attendance,
               status = 'closed' AS closed, count(*) AS count
        FROM period WHERE attendance IS NOT NULL
        GROUP BY territory, date_trunc('month', date), attendance, status = 'closed') AS m
),
delay_first AS (
  SELECT territory AS t, date - rights_opened_on AS days, count(*) AS count
  FROM period WHERE first_attended AND cohort = 'flux'
  GROUP BY territory, date - rights_opened_on
),
latest_diagnostics AS (
  SELECT territory, cohort, final_dominante, weekly_hours_mode FROM period
  WHERE diagnostic AND (next_diagnostic_date IS NULL OR next_diagnostic_date > $2::date)
),
split AS (
  SELECT territory AS t, cohort, final_dominante AS dominante, count(*) AS count
  FROM latest_diagnostics GROUP BY territory, cohort, final_dominante
),
hours AS (
  SELECT territory AS t, weekly_hours_mode AS mode, count(*) AS count
  FROM latest_diagnostics GROUP BY territory, weekly_hours_mode
),
delay_action AS (
  SELECT territory AS t, first_action_due - date AS days, count(*) AS count
  FROM period WHERE diagnostic GROUP BY territory, first_action_due - date
),
pairs AS MATERIALIZED (
  SELECT territory, beneficiary_id, answers, previous_answers,
         array_position($4::text[], final_dominante::text) AS later_rank,
         array_position($4::text[], previous_dominante::text) AS earlier_rank
  FROM interview_facts
  WHERE latest AND diagnostic AND previous_diagnostic IS NOT NULL
    AND date BETWEEN $1::date AND $2::date AND ($3::text IS NULL OR territory = $3::text)
),
progression AS (
  SELECT territory AS t, later_rank AS later, earlier_rank AS earlier,
         answers IS NOT NULL AND previous_answers IS NOT NULL AS "withCriteria", count(*) AS count
  FROM pairs GROUP BY territory, later_rank, earlier_rank, answers IS NOT NULL AND previous_answers IS NOT NULL
),
pair_persons AS (
  SELECT territory AS t, count(DISTINCT beneficiary_id) AS count FROM pairs GROUP BY territory
),
pair_columns AS MATERIALIZED (
  SELECT territory,
    ${answerColumnsSql('answers', numericPositions)} AS later,
    ${answerColumnsSql('previous_answers', numericPositions)} AS earlier
  FROM pairs WHERE answers IS NOT NULL AND previous_answers IS NOT NULL
),
pair_constraints AS (
  SELECT territory,
         cardinality(array_remove(array_remove(later, NULL), $5::text))
           - cardinality(array_remove(array_remove(earlier, NULL), $5::text)) AS delta
  FROM pair_columns
),
constraints AS (
  SELECT territory AS t, count(*) FILTER (WHERE delta < 0) AS fewer,
         count(*) FILTER (WHERE delta > 0) AS more
  FROM pair_constraints GROUP BY territory
),
column_deltas AS (
  SELECT p.territory AS t, c.code AS "column",
         sum(cardinality(array_positions(p.later, c.code))
             - cardinality(array_positions(p.earlier, c.code))) AS sum
  FROM pair_columns p CROSS JOIN unnest(${columnsParam}) AS c (code)
  GROUP BY p.territory, c.code
),
satisfaction AS (
  SELECT territory AS t, ${satisfactionQuestion} AS question, ${satisfactionAnswer} AS answer,
         count(*) AS count
  FROM period WHERE status = 'closed' AND attendance = 'present'
  GROUP BY GROUPING SETS ((territory), ${satisfactionSets})
),
territories AS (
  SELECT DISTINCT territory AS t FROM interview_facts
  WHERE $3::text IS NULL AND date BETWEEN $1::date AND $2::date
)
SELECT jsonb_build_object(
  'territories', (SELECT coalesce(jsonb_agg(t), '[]') FROM territories),
  'attendance', (SELECT coalesce(jsonb_agg(x), '[]') FROM attendance x),
  'beneficiaries', (SELECT coalesce(jsonb_agg(x), '[]') FROM beneficiaries x),
  'pairPersons', (SELECT coalesce(jsonb_agg(x), '[]') FROM pair_persons x),
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
}

const n = z.number().int().min(0);
const t = z.string().nullable();
const days = z.number().int().nullable();
const code = z.string().nullable();
const rank = z.number().int().nullable();

/** What the query answers; parsed, so that a change of the SQL that breaks it fails loudly. */
const SqlReportSchema = z.object({
  territories: z.array(t),
  attendance: z.array(
    z.object({ t, attendance: code, closed: z.boolean(), diagnostic: z.boolean(), count: n }),
  ),
  beneficiaries: z.array(z.object({ t, count: n })),
  months: z.array(
    z.object({ t, month: z.string(), attendance: z.string(), closed: z.boolean(), count: n }),
  ),
  delayFirst: z.array(z.object({ t, days: z.number().int(), count: n })),
  split: z.array(z.object({ t, cohort: z.string(), dominante: z.string(), count: n })),
  hours: z.array(
    z.object({ t, mode: z.enum(['standard', 'progressive', 'reduced', 'exempt']), count: n }),
  ),
  delayAction: z.array(z.object({ t, days, count: n })),
  progression: z.array(
    z.object({ t, later: rank, earlier: rank, withCriteria: z.boolean(), count: n }),
  ),
  pairPersons: z.array(z.object({ t, count: n })),
  constraints: z.array(z.object({ t, fewer: n, more: n })),
  columnDeltas: z.array(z.object({ t, column: z.string(), sum: z.number().int() })),
  satisfaction: z.array(
    z.object({
      t,
      question: z.enum(SATISFACTION.map(([name]) => name)).nullable(),
      answer: z.enum(['1', '2', '3', '4', 'skipped']).nullable(),
      count: n,
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
  const matrix = answerColumns(referential);
  const { rows } = await db.query<{ report: unknown }>(
    reportSql(matrix.bounds.map((b) => b.position)),
    [
      query.from,
      query.to,
      query.territory ?? null,
      referential.dominantes.map((d) => d.code),
      referential.columns[0]?.code ?? null,
      JSON.stringify(matrix.columns),
      ...matrix.bounds.map((b) => b.below),
      referential.columns.map((c) => c.code),
    ],
  );
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
  const countOf = <R extends { count: number }>(rows: readonly R[], where: (r: R) => boolean) =>
    rows.reduce((sum, r) => (where(r) ? sum + r.count : sum), 0);

  const attendance = mine(sql.attendance);
  const held = countOf(attendance, (r) => r.attendance === 'present' && r.closed);
  const inProgress = countOf(attendance, (r) => r.attendance === 'present' && !r.closed);
  const absent = countOf(attendance, (r) => r.attendance === 'absent');
  const excused = countOf(attendance, (r) => r.attendance === 'excused');

  const months = new Map<string, IndicatorReport['byMonth'][number]>();
  for (const m of mine(sql.months)) {
    const row = months.get(m.month) ?? {
      month: m.month,
      held: 0,
      inProgress: 0,
      absent: 0,
      excused: 0,
    };
    if (m.attendance === 'present') row[m.closed ? 'held' : 'inProgress'] += m.count;
    else if (m.attendance === 'absent' || m.attendance === 'excused') row[m.attendance] += m.count;
    months.set(m.month, row);
  }

  const deadline = referential.deadlines.convocationDays;
  const first = delayStatsOfCounts(
    mine(sql.delayFirst).map((r) => ({ value: r.days, count: r.count })),
  );
  const within = countOf(mine(sql.delayFirst), (r) => r.days >= 0 && r.days <= deadline);

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

  // firstActionDue is null exactly when the contract has no actions (indicatorFactsOf).
  const actionRows = mine(sql.delayAction);
  const action = delayStatsOfCounts(
    actionRows.flatMap((r) => (r.days === null ? [] : [{ value: r.days, count: r.count }])),
  );

  const pairs = mine(sql.progression);
  const comparable = (r: SqlReport['progression'][number]) =>
    r.later !== null && r.earlier !== null;
  const withCriteria = countOf(pairs, (r) => r.withCriteria);
  const c = mine(sql.constraints)[0];
  const deltas = new Map(mine(sql.columnDeltas).map((d) => [d.column, d.sum]));

  const satisfaction = mine(sql.satisfaction);
  const answers = (...questions: SatisfactionQuestion[]) =>
    satisfaction.filter((r) => r.question !== null && questions.includes(r.question));

  return {
    period: { from: query.from, to: query.to },
    territory,
    referential: referentialRef(referential),
    attendance: {
      records: countOf(attendance, () => true),
      held,
      inProgress,
      absent,
      excused,
      attendanceNotRecorded: countOf(attendance, (r) => r.attendance === null),
      absenceRate: percent(absent + excused, held + inProgress + absent + excused),
      beneficiaries: mine(sql.beneficiaries)[0]?.count ?? 0,
      diagnostics: countOf(attendance, (r) => r.diagnostic),
    },
    byMonth: [...months.values()].sort((x, y) => (x.month < y.month ? -1 : 1)),
    delayToFirstInterview: {
      count: first.count,
      medianDays: first.median,
      meanDays: first.mean,
      deadlineDays: deadline,
      withinDeadline: within,
      shareWithinDeadline: percent(within, first.count),
      inconsistent: first.inconsistent,
    },
    split: { stock: splitOf('stock'), flux: splitOf('flux'), all: splitOf(null) },
    intensiveSupport: { decided, intensive, share: percent(intensive, decided), byMode },
    delayToFirstAction: {
      count: action.count,
      withoutActions: countOf(actionRows, (r) => r.days === null),
      medianDays: action.median,
      meanDays: action.mean,
      minDays: action.min,
      maxDays: action.max,
      inconsistent: action.inconsistent,
    },
    progression: {
      pairs: countOf(pairs, () => true),
      beneficiaries: mine(sql.pairPersons)[0]?.count ?? 0,
      towardEmploi: countOf(pairs, (r) => comparable(r) && (r.later ?? 0) < (r.earlier ?? 0)),
      sameDominante: countOf(pairs, (r) => comparable(r) && r.later === r.earlier),
      awayFromEmploi: countOf(pairs, (r) => comparable(r) && (r.later ?? 0) > (r.earlier ?? 0)),
      notComparable: countOf(pairs, (r) => !comparable(r)),
      withCriteria,
      fewerConstraints: c?.fewer ?? 0,
      moreConstraints: c?.more ?? 0,
      columnDeltas: referential.columns.map(({ code }) => ({
        column: code,
        meanDelta: withCriteria === 0 ? null : round2((deltas.get(code) ?? 0) / withCriteria),
      })),
    },
    satisfaction: {
      interviews: countOf(satisfaction, (r) => r.question === null),
      beneficiary: {
        listened: questionStats(answers('listened')),
        understood: questionStats(answers('understood')),
        useful: questionStats(answers('useful')),
      },
      professionals: {
        peAdvisor: questionStats(answers('peAdvisor')),
        cdProfessional: questionStats(answers('cdProfessional')),
        all: questionStats(answers('peAdvisor', 'cdProfessional')),
      },
    },
  };
}

/** The answers to one question (or to several, summed) → the statistics of compute-indicators.ts. */
function questionStats(rows: SqlReport['satisfaction']): QuestionStats {
  const countOf = (answer: string | null) =>
    rows.reduce((sum, r) => (r.answer === answer ? sum + r.count : sum), 0);
  const distribution: QuestionStats['distribution'] = [
    countOf('1'),
    countOf('2'),
    countOf('3'),
    countOf('4'),
  ];
  const [one, two, three, four] = distribution;
  const answered = one + two + three + four;
  return {
    answered,
    skipped: countOf('skipped'),
    notAsked: countOf(null),
    average: answered === 0 ? null : round2((one + 2 * two + 3 * three + 4 * four) / answered),
    distribution,
  };
}
