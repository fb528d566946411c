/**
 * The orientation engine (Annexe 4, matrice d'orientation; DOMAIN §2.2): each criterion answer
 * points to a column of the référentiel's matrix, then the référentiel's rule steps, read in
 * order, decide the dominante. Nothing here knows the Nord rule: it is all in the data.
 *
 * The référentiel is compiled once (cached by identity) into lookups and closures, so that an
 * evaluation only reads answers, counts columns and runs the compiled steps.
 */
import { BARRIER_DOMAINS, type CriterionRef, type Criteria } from '../domain/criteria';
import {
  type Referential,
  type ReferentialRef,
  referentialRef,
} from '../referential/load-referential';
import { findDominante, structuresFor } from '../referential/lookups';
import type { Dominante } from '../referential/schema';
import { compileCondition, type CompiledCondition } from './conditions';

export interface CriterionReason {
  criterion: CriterionRef;
  /** French label of the criterion, e.g. « Disponibilité vers l'emploi ». */
  label: string;
  answer: string | number;
  answerLabel: string;
  /** The matrix column the answer points to, or null (informative criterion). */
  column: string | null;
  columnLabel: string | null;
}

export interface ExemptionHint {
  id: string;
  motive: string;
  motiveLabel: string;
  outcome: 'progressive' | 'reduced' | 'total';
  reason: string;
}

export interface SuggestedStructure {
  id: string;
  label: string;
  portfolioCap: number | null;
}

export interface OrientationResult {
  dominante: string;
  dominanteLabel: string;
  nationalParcours: string;
  /** The rule step that decided, in the référentiel's order (0-based index). Shared: do not mutate. */
  rule: Readonly<{ id: string; label: string; index: number }>;
  /** Every criterion with its answer and the column it points to. Shared objects: do not mutate. */
  reasons: readonly CriterionReason[];
  /** Number of answers in each column (each barrier domain counts on its own). */
  counts: Record<string, number>;
  eligibleForIntensiveSupport: boolean;
  eligibilityNote: string | null;
  suggestedStructures: readonly SuggestedStructure[];
  exemptionSuggestions: readonly ExemptionHint[];
  referential: ReferentialRef;
}

/** The order in which reasons are listed: the matrix's rows, then the informative criteria. */
export const REASON_ORDER: readonly CriterionRef[] = [
  'availability',
  'motivationWork',
  'motivationSupport',
  'autonomy',
  'lastExperience',
  'rsaSeniorityMonths',
  ...BARRIER_DOMAINS.map((d) => `barriers.${d}` as const),
  'age',
  'employmentStatus',
];

interface CompiledCriterion {
  /** The reason for an answer, and the index of its column (-1: none). */
  reasonFor(answer: string | number): { reason: CriterionReason; columnIndex: number };
}

interface CompiledStep {
  rule: OrientationResult['rule'];
  test: CompiledCondition;
  dominante: Dominante;
  structures: readonly SuggestedStructure[];
}

interface CompiledReferential {
  criteria: readonly CompiledCriterion[];
  columnCodes: readonly string[];
  steps: readonly CompiledStep[];
  exemptions: readonly { test: CompiledCondition; hint: ExemptionHint }[];
  notEligible: readonly string[];
  ref: ReferentialRef;
}

const compiledCache = new WeakMap<Referential, CompiledReferential>();

function compile(referential: Referential): CompiledReferential {
  let compiled = compiledCache.get(referential);
  if (!compiled) {
    compiled = compileReferential(referential);
    compiledCache.set(referential, compiled);
  }
  return compiled;
}

/**
 * All answers of a criteria object, in REASON_ORDER (a missing barrier domain is `none`). One
 * function with literal property reads keeps the hot path monomorphic.
 */
export function answersOf(c: Criteria): (string | number)[] {
  const b = c.barriers;
  return [
    c.availability,
    c.motivationWork,
    c.motivationSupport,
    c.autonomy,
    c.lastExperience,
    c.rsaSeniorityMonths,
    b.housing ?? 'none',
    b.health ?? 'none',
    b.mobility ?? 'none',
    b.family ?? 'none',
    b.language ?? 'none',
    b.budget ?? 'none',
    b.digital ?? 'none',
    b.administrative ?? 'none',
    c.age,
    c.employmentStatus,
  ];
}

const answerIndex = (ref: CriterionRef): number => REASON_ORDER.indexOf(ref);

function compileReferential(referential: Referential): CompiledReferential {
  const columnCodes = referential.columns.map((c) => c.code);
  const columnLabels = new Map(referential.columns.map((c) => [c.code, c.label]));
  const { criteria } = referential;
  const makeReason = (
    criterion: CriterionRef,
    label: string,
    answer: string | number,
    answerLabel: string,
    column: string | null,
  ) => ({
    reason: Object.freeze({
      criterion,
      label,
      answer,
      answerLabel,
      column,
      columnLabel: column === null ? null : (columnLabels.get(column) ?? column),
    }),
    columnIndex: column === null ? -1 : columnCodes.indexOf(column),
  });

  const compiledCriteria = REASON_ORDER.map((ref): CompiledCriterion => {
    if (ref === 'rsaSeniorityMonths' || ref === 'age') {
      const { label, bands } = criteria[ref];
      // Numeric answers are few (validated integers): each reason is built once and reused.
      const seen = new Map<number, ReturnType<typeof makeReason>>();
      return {
        reasonFor(answer) {
          const cached = seen.get(answer as number);
          if (cached) return cached;
          const band = bands.find((b) => b.below === undefined || (answer as number) < b.below);
          if (!band) throw new Error(`${ref}: no band of the référentiel covers ${answer}`);
          const made = makeReason(ref, label, answer, band.label, band.column);
          if (seen.size < 4096) seen.set(answer as number, made);
          return made;
        },
      };
    }
    const isBarrier = ref.startsWith('barriers.');
    const mapping = isBarrier
      ? criteria.barriers
      : criteria[
          ref as
            | 'availability'
            | 'motivationWork'
            | 'motivationSupport'
            | 'autonomy'
            | 'lastExperience'
            | 'employmentStatus'
        ];
    const domainLabel = isBarrier
      ? referential.barrierDomains.find((b) => `barriers.${b.code}` === ref)?.label
      : undefined;
    const label = isBarrier ? `${mapping.label} — ${domainLabel ?? ref}` : mapping.label;
    const answers = new Map<string | number, ReturnType<typeof makeReason>>(
      mapping.values.map((v) => [v.value, makeReason(ref, label, v.value, v.label, v.column)]),
    );
    return {
      reasonFor(answer) {
        const found = answers.get(answer);
        if (!found) {
          throw new Error(
            `${ref}: the référentiel ${referential.id} does not map the answer ${String(answer)}`,
          );
        }
        return found;
      },
    };
  });

  const columnIndex = (code: string) => {
    const index = columnCodes.indexOf(code);
    if (index < 0) throw new Error(`rule counts unknown column ${code}`);
    return index;
  };
  const structuresByDominante = new Map(
    referential.dominantes.map((d) => [
      d.code,
      Object.freeze(
        structuresFor(referential, d.code).map((s) =>
          Object.freeze({ id: s.id, label: s.label, portfolioCap: s.portfolioCap }),
        ),
      ),
    ]),
  );
  return {
    criteria: compiledCriteria,
    columnCodes,
    steps: referential.rules.map((rule, index) => ({
      rule: Object.freeze({ id: rule.id, label: rule.label, index }),
      test: compileCondition(rule.when, answerIndex, columnIndex),
      dominante: findDominante(referential, rule.dominante),
      structures: structuresByDominante.get(rule.dominante) ?? [],
    })),
    exemptions: referential.exemptionSuggestions.map((s) => ({
      test: compileCondition(s.when, answerIndex, columnIndex),
      hint: Object.freeze({
        id: s.id,
        motive: s.motive,
        motiveLabel:
          referential.exemptionMotives.find((m) => m.code === s.motive)?.label ?? s.motive,
        outcome: s.outcome,
        reason: s.reason,
      }),
    })),
    notEligible: referential.eligibility.notEligibleEmploymentStatuses,
    ref: referentialRef(referential),
  };
}

const zero = () => 0;

export function evaluateOrientation(
  criteria: Criteria,
  referential: Referential,
): OrientationResult {
  const compiled = compile(referential);
  const columnCounts = compiled.columnCodes.map(zero);
  const answers = answersOf(criteria);
  const reasons: CriterionReason[] = [];
  for (let i = 0; i < compiled.criteria.length; i++) {
    const { reason, columnIndex } = (compiled.criteria[i] as CompiledCriterion).reasonFor(
      answers[i] as string | number,
    );
    reasons.push(reason);
    if (columnIndex >= 0) columnCounts[columnIndex] = (columnCounts[columnIndex] as number) + 1;
  }

  let step: CompiledStep | undefined;
  for (const candidate of compiled.steps) {
    if (candidate.test(answers, columnCounts)) {
      step = candidate;
      break;
    }
  }
  if (!step) {
    throw new Error(`no rule step of référentiel ${referential.id} ${referential.version} matched`);
  }
  const counts: Record<string, number> = {};
  for (let i = 0; i < compiled.columnCodes.length; i++) {
    counts[compiled.columnCodes[i] as string] = columnCounts[i] as number;
  }
  const exemptionSuggestions: ExemptionHint[] = [];
  for (const exemption of compiled.exemptions) {
    if (exemption.test(answers, columnCounts)) exemptionSuggestions.push(exemption.hint);
  }
  const eligible = !compiled.notEligible.includes(criteria.employmentStatus);
  return {
    dominante: step.dominante.code,
    dominanteLabel: step.dominante.label,
    nationalParcours: step.dominante.nationalParcours,
    rule: step.rule,
    reasons,
    counts,
    eligibleForIntensiveSupport: eligible,
    eligibilityNote: eligible ? null : referential.eligibility.notEligibleReason,
    suggestedStructures: step.structures,
    exemptionSuggestions,
    referential: compiled.ref,
  };
}
