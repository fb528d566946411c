/**
 * The facts of one interview record that the steering indicators read (Annexe D of the
 * convention, docs/indicators.md): the server keeps them in its `interview_facts` table, written
 * in the same transaction as the record, and computes the indicators over them in SQL
 * (docs/decisions/004-indicators-in-the-database.md). The domain rules (what a diagnostic is,
 * the order of a person's interviews, which answers the orientation matrix reads) stay here, so
 * the server does not reimplement them; computeIndicators remains the oracle.
 */
import { deriveCriteria } from '../domain/derive-criteria';
import type { Interview } from '../domain/interview';
import type { SatisfactionAnswer } from '../domain/satisfaction';
import { answersOf, REASON_ORDER } from '../orientation/evaluate-orientation';
import type { Referential } from '../referential/load-referential';
import { valueMappingOf } from '../referential/lookups';
import { isDiagnostic } from './records';

/** A satisfaction answer as stored: `1`…`4`, `skipped`, or null (not asked). */
export type StoredSatisfaction = '1' | '2' | '3' | '4' | 'skipped' | null;

export interface IndicatorFacts {
  interviewId: string;
  beneficiaryId: string;
  /** YYYY-MM-DD */
  date: string;
  status: Interview['status'];
  attendance: Interview['attendance']['beneficiary'];
  cohort: Interview['identity']['cohort'];
  rightsOpenedOn: string;
  previousVersionId: string | null;
  version: number;
  /** closedAt, else createdAt: the second key of a person's chronological order. */
  orderAt: string;
  /** Closed, beneficiary present, with a decision (records.ts, isDiagnostic). */
  diagnostic: boolean;
  finalDominante: string | null;
  weeklyHoursMode: string | null;
  /** The earliest due date of the contract's actions, null without actions. */
  firstActionDue: string | null;
  actionCount: number;
  satListened: StoredSatisfaction;
  satUnderstood: StoredSatisfaction;
  satUseful: StoredSatisfaction;
  satPeAdvisor: StoredSatisfaction;
  satCdProfessional: StoredSatisfaction;
  /**
   * The orientation criteria's answers in REASON_ORDER (numbers written in decimals) when the
   * interview gives complete criteria, else null: the progression counts them per matrix column
   * with the référentiel asked for (answerColumns, whose positions index this list from 1).
   */
  answers: string[] | null;
}

function stored(a: SatisfactionAnswer): StoredSatisfaction {
  switch (a) {
    case null:
    case 'skipped':
      return a;
    case 1:
      return '1';
    case 2:
      return '2';
    case 3:
      return '3';
    case 4:
      return '4';
    default:
      throw new Error(`satisfaction: expected a score from 1 to 4, got ${a}`);
  }
}

export function indicatorFactsOf(interview: Interview): IndicatorFacts {
  const dues = interview.contract.actions.map((a) => a.dueDate).sort();
  const derived = deriveCriteria(interview);
  const answers = derived.complete ? answersOf(derived.criteria).map(String) : null;
  const { beneficiary, professionals } = interview.satisfaction;
  return {
    interviewId: interview.id,
    beneficiaryId: interview.beneficiaryId,
    date: interview.date,
    status: interview.status,
    attendance: interview.attendance.beneficiary,
    cohort: interview.identity.cohort,
    rightsOpenedOn: interview.identity.rsaRightsOpenedOn,
    previousVersionId: interview.previousVersionId,
    version: interview.version,
    orderAt: interview.closedAt ?? interview.createdAt,
    diagnostic: isDiagnostic(interview),
    finalDominante: interview.decision?.finalDominante ?? null,
    weeklyHoursMode: interview.decision?.weeklyHours.mode ?? null,
    firstActionDue: dues[0] ?? null,
    actionCount: dues.length,
    satListened: stored(beneficiary.listened),
    satUnderstood: stored(beneficiary.understood),
    satUseful: stored(beneficiary.useful),
    satPeAdvisor: stored(professionals.peAdvisor),
    satCdProfessional: stored(professionals.cdProfessional),
    answers,
  };
}

/**
 * The référentiel's matrix in the form the database reads a diagnostic's answers with
 * (server/indicators/database-indicators.ts): the column each answer points to, by
 * `position:answer` for the listed answers and `position:#band` (from 0) for the numeric
 * criteria, whose band is found with the bands' upper bounds. Positions are the criteria's
 * places in REASON_ORDER, from 1 (IndicatorFacts.answers). Informative answers (no column) are
 * left out: they count in no column.
 */
export interface AnswerColumns {
  columns: Record<string, string>;
  /** For each numeric criterion, in REASON_ORDER: its bands' `below`, increasing. */
  bounds: { position: number; below: number[] }[];
}

export function answerColumns(referential: Referential): AnswerColumns {
  const columns: Record<string, string> = {};
  const bounds: AnswerColumns['bounds'] = [];
  const { criteria } = referential;
  REASON_ORDER.forEach((ref, index) => {
    const position = index + 1;
    if (ref === 'rsaSeniorityMonths' || ref === 'age') {
      const below: number[] = [];
      criteria[ref].bands.forEach((band, k) => {
        if (band.column !== null) columns[`${position}:#${k}`] = band.column;
        if (band.below !== undefined) below.push(band.below);
      });
      bounds.push({ position, below });
      return;
    }
    for (const v of valueMappingOf(referential, ref).values) {
      if (v.column !== null) columns[`${position}:${v.value}`] = v.column;
    }
  });
  return { columns, bounds };
}
