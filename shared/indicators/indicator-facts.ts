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
   * The orientation criteria's answers by reference (`availability`, `barriers.health`…) when the
   * interview gives complete criteria, else null: the progression counts them per matrix column
   * with the référentiel asked for (criterionColumns).
   */
  criteria: Record<string, string | number> | null;
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
  let criteria: Record<string, string | number> | null = null;
  if (derived.complete) {
    const answers = answersOf(derived.criteria);
    criteria = {};
    REASON_ORDER.forEach((ref, index) => {
      (criteria as Record<string, string | number>)[ref] = answers[index] as string | number;
    });
  }
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
    criteria,
  };
}

/**
 * One row of the référentiel's matrix: the answer `answer` of criterion `criterion` (or, for a
 * numeric criterion, an answer from `from` included to `below` excluded) points to `column`.
 * Informative answers (no column) are left out: they count in no column.
 */
export interface CriterionColumn {
  criterion: string;
  answer: string | null;
  from: number | null;
  below: number | null;
  column: string;
}

/** The matrix as rows, for the database to count a diagnostic's answers per column. */
export function criterionColumns(referential: Referential): CriterionColumn[] {
  const rows: CriterionColumn[] = [];
  const { criteria } = referential;
  for (const ref of REASON_ORDER) {
    if (ref === 'rsaSeniorityMonths' || ref === 'age') {
      let from: number | null = null;
      for (const band of criteria[ref].bands) {
        const below = band.below ?? null;
        if (band.column !== null) {
          rows.push({ criterion: ref, answer: null, from, below, column: band.column });
        }
        from = below;
      }
      continue;
    }
    const mapping = valueMappingOf(referential, ref);
    for (const v of mapping.values) {
      if (v.column !== null) {
        rows.push({ criterion: ref, answer: v.value, from: null, below: null, column: v.column });
      }
    }
  }
  return rows;
}
