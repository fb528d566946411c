/**
 * The steering indicators of the experimentation (Annexe D of the convention, DOMAIN §4), computed
 * the same way on the laptop (a professional's own interviews) and on the server (a territory and a
 * period): interviews held and absences, delay from the opening of rights to the first interview,
 * split by dominante against the référentiel's target, share in intensive support, delay from the
 * diagnostic to the first action, progression between two diagnostics, and satisfaction.
 * Definitions and source fields: docs/indicators.md.
 */
import { deriveCriteria } from '../domain/derive-criteria';
import type { WeeklyHours } from '../domain/decision';
import type { Interview } from '../domain/interview';
import type { BeneficiarySatisfactionQuestion, SatisfactionAnswer } from '../domain/satisfaction';
import { evaluateOrientation } from '../orientation/evaluate-orientation';
import {
  type Referential,
  type ReferentialRef,
  referentialRef,
} from '../referential/load-referential';
import { assertNever } from '../util/assert';
import { daysBetween } from '../util/dates';
import {
  compareInterviews,
  type IndicatorRecord,
  isDiagnostic,
  isInPeriod,
  latestVersions,
  OPEN_PERIOD,
  type Period,
} from './records';
import { mean, median, percent, round1, round2 } from './stats';

export interface IndicatorOptions {
  period?: Period;
  /** Only the records of this territory (`null`: records without a territory); all when absent. */
  territory?: string | null;
}

export interface AttendanceIndicators {
  /** Interview records dated in the period (latest versions), whatever their state. */
  records: number;
  /** Closed interviews with the beneficiary present. */
  held: number;
  /** Beneficiary present, interview not closed yet. */
  inProgress: number;
  absent: number;
  excused: number;
  attendanceNotRecorded: number;
  /** (absent + excused) / (present + absent + excused), in percent. */
  absenceRate: number | null;
  /** Distinct beneficiaries among the records. */
  beneficiaries: number;
  /** Diagnostics (closed, present, with a decision). */
  diagnostics: number;
}

export interface MonthIndicators {
  /** `YYYY-MM` */
  month: string;
  held: number;
  inProgress: number;
  absent: number;
  excused: number;
}

export interface DelayToFirstInterview {
  /** New entrants (flux) whose first interview with a recorded attendance falls in the period. */
  count: number;
  medianDays: number | null;
  meanDays: number | null;
  /** The référentiel's convocation deadline (15 days in Nord). */
  deadlineDays: number;
  withinDeadline: number;
  shareWithinDeadline: number | null;
  /** First interview dated before the opening of rights: a data error, left out. */
  inconsistent: number;
}

export interface SplitRow {
  dominante: string;
  label: string;
  count: number;
  share: number | null;
  /** Target share in percent (référentiel's `targetSplit`), null if it sets none. */
  target: number | null;
  /** share − target, in percentage points. */
  gapPoints: number | null;
}

export interface SplitIndicators {
  total: number;
  rows: SplitRow[];
}

export interface IntensiveSupportIndicators {
  /** Beneficiaries with a decision (their latest diagnostic in the period). */
  decided: number;
  /** Weekly hours `standard` or `progressive`. */
  intensive: number;
  share: number | null;
  byMode: Record<WeeklyHours['mode'], number>;
}

export interface DelayToFirstAction {
  /** Diagnostics with at least one contract action. */
  count: number;
  withoutActions: number;
  medianDays: number | null;
  meanDays: number | null;
  minDays: number | null;
  maxDays: number | null;
  /** First action due before the diagnostic: a data error, left out. */
  inconsistent: number;
}

export interface ColumnDelta {
  column: string;
  /** Mean change in the number of answers in this column, later minus earlier diagnostic. */
  meanDelta: number | null;
}

export interface ProgressionIndicators {
  /** Pairs of consecutive diagnostics of one person whose later diagnostic is in the period. */
  pairs: number;
  beneficiaries: number;
  /** Final dominante moved toward the first dominante of the référentiel (emploi in Nord). */
  towardEmploi: number;
  sameDominante: number;
  awayFromEmploi: number;
  /** A dominante no longer in the référentiel: direction unknown. */
  notComparable: number;
  /** Pairs whose both diagnostics give complete criteria (used for the column counts). */
  withCriteria: number;
  /** Fewer (more) answers outside the first column (E in Nord: fewer constraints). */
  fewerConstraints: number;
  moreConstraints: number;
  columnDeltas: ColumnDelta[];
}

export interface QuestionStats {
  answered: number;
  skipped: number;
  notAsked: number;
  /** Mean score (1–4) of the answers, to two decimals. */
  average: number | null;
  /** Number of answers scoring 1, 2, 3, 4. */
  distribution: [number, number, number, number];
}

export interface SatisfactionIndicators {
  /** Interviews held (closed, present) in the period: those where the questions could be asked. */
  interviews: number;
  beneficiary: Record<BeneficiarySatisfactionQuestion, QuestionStats>;
  professionals: {
    peAdvisor: QuestionStats;
    cdProfessional: QuestionStats;
    all: QuestionStats;
  };
}

export interface IndicatorReport {
  period: Period;
  /** The territory of the records (server grouping); null when not grouped. */
  territory: string | null;
  referential: ReferentialRef;
  attendance: AttendanceIndicators;
  byMonth: MonthIndicators[];
  delayToFirstInterview: DelayToFirstInterview;
  split: { stock: SplitIndicators; flux: SplitIndicators; all: SplitIndicators };
  intensiveSupport: IntensiveSupportIndicators;
  delayToFirstAction: DelayToFirstAction;
  progression: ProgressionIndicators;
  satisfaction: SatisfactionIndicators;
}

export function computeIndicators(
  records: readonly IndicatorRecord[],
  referential: Referential,
  options: IndicatorOptions = {},
): IndicatorReport {
  const period = options.period ?? OPEN_PERIOD;
  const { territory } = options;
  const interviews = latestVersions(records)
    .filter((r) => territory === undefined || (r.territory ?? null) === territory)
    .map((r) => r.interview);
  const inPeriod = interviews.filter((i) => isInPeriod(i.date, period));
  const diagnostics = inPeriod.filter(isDiagnostic);
  const latestDiagnostic = latestPerPerson(diagnostics);

  return {
    period: { from: period.from, to: period.to },
    territory: territory ?? null,
    referential: referentialRef(referential),
    attendance: attendanceOf(inPeriod, diagnostics.length),
    byMonth: byMonthOf(inPeriod),
    delayToFirstInterview: delayToFirstInterviewOf(interviews, period, referential),
    split: {
      stock: splitOf(
        latestDiagnostic.filter((i) => i.identity.cohort === 'stock'),
        referential,
      ),
      flux: splitOf(
        latestDiagnostic.filter((i) => i.identity.cohort === 'flux'),
        referential,
      ),
      all: splitOf(latestDiagnostic, referential),
    },
    intensiveSupport: intensiveSupportOf(latestDiagnostic),
    delayToFirstAction: delayToFirstActionOf(diagnostics),
    progression: progressionOf(interviews.filter(isDiagnostic), period, referential),
    satisfaction: satisfactionOf(
      inPeriod.filter((i) => i.status === 'closed' && i.attendance.beneficiary === 'present'),
    ),
  };
}

/** One report per territory tag (records without one are grouped under null), sorted by name. */
export function computeIndicatorsByTerritory(
  records: readonly IndicatorRecord[],
  referential: Referential,
  options: Omit<IndicatorOptions, 'territory'> = {},
): IndicatorReport[] {
  const territories = new Set(records.map((r) => r.territory ?? null));
  return [...territories]
    .sort((a, b) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1))
    .map((territory) => computeIndicators(records, referential, { ...options, territory }));
}

function attendanceOf(interviews: readonly Interview[], diagnostics: number): AttendanceIndicators {
  const counts = { held: 0, inProgress: 0, absent: 0, excused: 0, attendanceNotRecorded: 0 };
  for (const i of interviews) {
    const key = attendanceKey(i);
    counts[key ?? 'attendanceNotRecorded']++;
  }
  const seen = counts.held + counts.inProgress + counts.absent + counts.excused;
  return {
    records: interviews.length,
    ...counts,
    absenceRate: percent(counts.absent + counts.excused, seen),
    beneficiaries: new Set(interviews.map((i) => i.beneficiaryId)).size,
    diagnostics,
  };
}

function attendanceKey(i: Interview): 'held' | 'inProgress' | 'absent' | 'excused' | null {
  const status = i.attendance.beneficiary;
  switch (status) {
    case 'present':
      return i.status === 'closed' ? 'held' : 'inProgress';
    case 'absent':
    case 'excused':
      return status;
    case null:
      return null;
    default:
      return assertNever(status);
  }
}

function byMonthOf(interviews: readonly Interview[]): MonthIndicators[] {
  const months = new Map<string, MonthIndicators>();
  for (const i of interviews) {
    const key = attendanceKey(i);
    if (key === null) continue;
    const month = i.date.slice(0, 7);
    let row = months.get(month);
    if (!row) {
      row = { month, held: 0, inProgress: 0, absent: 0, excused: 0 };
      months.set(month, row);
    }
    row[key]++;
  }
  return [...months.values()].sort((a, b) => (a.month < b.month ? -1 : 1));
}

function delayToFirstInterviewOf(
  interviews: readonly Interview[],
  period: Period,
  referential: Referential,
): DelayToFirstInterview {
  // The first interview is looked for in the whole history given, not only in the period.
  const first = new Map<string, Interview>();
  for (const i of interviews) {
    if (i.attendance.beneficiary === null) continue;
    const seen = first.get(i.beneficiaryId);
    if (!seen || compareInterviews(i, seen) < 0) first.set(i.beneficiaryId, i);
  }
  const days: number[] = [];
  let inconsistent = 0;
  for (const i of first.values()) {
    if (!isInPeriod(i.date, period) || i.identity.cohort !== 'flux') continue;
    const d = daysBetween(i.identity.rsaRightsOpenedOn, i.date);
    if (d < 0) inconsistent++;
    else days.push(d);
  }
  const deadlineDays = referential.deadlines.convocationDays;
  const withinDeadline = days.filter((d) => d <= deadlineDays).length;
  return {
    count: days.length,
    medianDays: median(days),
    meanDays: mean(days),
    deadlineDays,
    withinDeadline,
    shareWithinDeadline: percent(withinDeadline, days.length),
    inconsistent,
  };
}

function latestPerPerson(diagnostics: readonly Interview[]): Interview[] {
  const latest = new Map<string, Interview>();
  for (const i of diagnostics) {
    const seen = latest.get(i.beneficiaryId);
    if (!seen || compareInterviews(i, seen) > 0) latest.set(i.beneficiaryId, i);
  }
  return [...latest.values()];
}

function finalDominante(i: Interview): string {
  if (!i.decision) throw new Error(`interview ${i.id} has no decision`);
  return i.decision.finalDominante;
}

function splitOf(diagnostics: readonly Interview[], referential: Referential): SplitIndicators {
  const counts = new Map<string, number>(referential.dominantes.map((d) => [d.code, 0]));
  for (const i of diagnostics) {
    const code = finalDominante(i);
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  const total = diagnostics.length;
  return { total, rows: [...counts].map(([d, count]) => splitRow(d, count, total, referential)) };
}

/** One dominante's row of the split: its share of `total` against the référentiel's target. */
export function splitRow(
  dominante: string,
  count: number,
  total: number,
  referential: Referential,
): SplitRow {
  const share = percent(count, total);
  const target = referential.targetSplit[dominante] ?? null;
  return {
    dominante,
    label: referential.dominantes.find((d) => d.code === dominante)?.label ?? dominante,
    count,
    share,
    target,
    gapPoints: share === null || target === null ? null : round1(share - target),
  };
}

function intensiveSupportOf(diagnostics: readonly Interview[]): IntensiveSupportIndicators {
  const byMode: Record<WeeklyHours['mode'], number> = {
    standard: 0,
    progressive: 0,
    reduced: 0,
    exempt: 0,
  };
  for (const i of diagnostics) {
    if (i.decision) byMode[i.decision.weeklyHours.mode]++;
  }
  const intensive = byMode.standard + byMode.progressive;
  return {
    decided: diagnostics.length,
    intensive,
    share: percent(intensive, diagnostics.length),
    byMode,
  };
}

function delayToFirstActionOf(diagnostics: readonly Interview[]): DelayToFirstAction {
  const days: number[] = [];
  let withoutActions = 0;
  let inconsistent = 0;
  for (const i of diagnostics) {
    const dues = i.contract.actions.map((a) => a.dueDate).sort();
    const first = dues[0];
    if (first === undefined) {
      withoutActions++;
      continue;
    }
    const d = daysBetween(i.date, first);
    if (d < 0) inconsistent++;
    else days.push(d);
  }
  return {
    count: days.length,
    withoutActions,
    medianDays: median(days),
    meanDays: mean(days),
    minDays: days.length ? Math.min(...days) : null,
    maxDays: days.length ? Math.max(...days) : null,
    inconsistent,
  };
}

function progressionOf(
  diagnostics: readonly Interview[],
  period: Period,
  referential: Referential,
): ProgressionIndicators {
  const byPerson = new Map<string, Interview[]>();
  for (const i of diagnostics) {
    const list = byPerson.get(i.beneficiaryId) ?? [];
    list.push(i);
    byPerson.set(i.beneficiaryId, list);
  }
  const order = new Map(referential.dominantes.map((d, index) => [d.code, index]));
  const columns = referential.columns.map((c) => c.code);
  const firstColumn = columns[0];
  const deltaSums = new Map(columns.map((c) => [c, 0]));
  const result: Omit<ProgressionIndicators, 'columnDeltas'> = {
    pairs: 0,
    beneficiaries: 0,
    towardEmploi: 0,
    sameDominante: 0,
    awayFromEmploi: 0,
    notComparable: 0,
    withCriteria: 0,
    fewerConstraints: 0,
    moreConstraints: 0,
  };
  const persons = new Set<string>();
  const countsCache = new Map<string, Record<string, number> | null>();
  const countsOf = (i: Interview): Record<string, number> | null => {
    if (!countsCache.has(i.id)) {
      const derived = deriveCriteria(i);
      countsCache.set(
        i.id,
        derived.complete ? evaluateOrientation(derived.criteria, referential).counts : null,
      );
    }
    return countsCache.get(i.id) ?? null;
  };

  for (const list of byPerson.values()) {
    list.sort(compareInterviews);
    for (let k = 1; k < list.length; k++) {
      const earlier = list[k - 1] as Interview;
      const later = list[k] as Interview;
      if (!isInPeriod(later.date, period)) continue;
      result.pairs++;
      persons.add(later.beneficiaryId);
      const from = order.get(finalDominante(earlier));
      const to = order.get(finalDominante(later));
      if (from === undefined || to === undefined) result.notComparable++;
      else if (to < from) result.towardEmploi++;
      else if (to > from) result.awayFromEmploi++;
      else result.sameDominante++;

      const before = countsOf(earlier);
      const after = countsOf(later);
      if (!before || !after) continue;
      result.withCriteria++;
      let constraintDelta = 0;
      for (const c of columns) {
        const delta = (after[c] ?? 0) - (before[c] ?? 0);
        deltaSums.set(c, (deltaSums.get(c) ?? 0) + delta);
        if (c !== firstColumn) constraintDelta += delta;
      }
      if (constraintDelta < 0) result.fewerConstraints++;
      else if (constraintDelta > 0) result.moreConstraints++;
    }
  }
  result.beneficiaries = persons.size;
  return {
    ...result,
    columnDeltas: columns.map((column) => ({
      column,
      meanDelta:
        result.withCriteria === 0
          ? null
          : round2((deltaSums.get(column) ?? 0) / result.withCriteria),
    })),
  };
}

function questionStats(answers: readonly SatisfactionAnswer[]): QuestionStats {
  const distribution: [number, number, number, number] = [0, 0, 0, 0];
  let skipped = 0;
  let notAsked = 0;
  let sum = 0;
  for (const a of answers) {
    if (a === null) notAsked++;
    else if (a === 'skipped') skipped++;
    else {
      distribution[a - 1] = (distribution[a - 1] ?? 0) + 1;
      sum += a;
    }
  }
  const answered = distribution[0] + distribution[1] + distribution[2] + distribution[3];
  return {
    answered,
    skipped,
    notAsked,
    average: answered === 0 ? null : round2(sum / answered),
    distribution,
  };
}

function satisfactionOf(interviews: readonly Interview[]): SatisfactionIndicators {
  const statsOf = (q: BeneficiarySatisfactionQuestion) =>
    questionStats(interviews.map((i) => i.satisfaction.beneficiary[q]));
  const beneficiary = {
    listened: statsOf('listened'),
    understood: statsOf('understood'),
    useful: statsOf('useful'),
  } satisfies Record<BeneficiarySatisfactionQuestion, QuestionStats>;
  const pe = interviews.map((i) => i.satisfaction.professionals.peAdvisor);
  const cd = interviews.map((i) => i.satisfaction.professionals.cdProfessional);
  return {
    interviews: interviews.length,
    beneficiary,
    professionals: {
      peAdvisor: questionStats(pe),
      cdProfessional: questionStats(cd),
      all: questionStats([...pe, ...cd]),
    },
  };
}
