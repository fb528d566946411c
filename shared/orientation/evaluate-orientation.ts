/**
 * The orientation engine (Annexe 4, matrice d'orientation; DOMAIN §2.2): each criterion answer
 * points to a column of the référentiel's matrix, then the référentiel's rule steps, read in
 * order, decide the dominante. Nothing here knows the Nord rule: it is all in the data.
 *
 * The référentiel is compiled once (cached by identity) into lookups and closures, so that an
 * evaluation only reads answers, counts columns and runs the compiled steps.
 */
import {
  BARRIER_DOMAINS,
  type BarrierDomain,
  type CriterionRef,
  type Criteria,
} from '../domain/criteria';
import {
  type Referential,
  type ReferentialRef,
  referentialRef,
} from '../referential/load-referential';
import { findDominante, structuresFor, valueMappingOf } from '../referential/lookups';
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

/** A criterion's answer, compiled: its (shared, frozen) reason and the index of its column. */
interface Outcome {
  reason: CriterionReason;
  /** Index in the référentiel's columns, or -1 (informative criterion). */
  columnIndex: number;
}

/**
 * One criterion, compiled. Every criterion has the same shape (a monomorphic hot loop): a list
 * of mapped answers with their outcomes (scanned with `===`: a criterion maps three or four
 * answers), or, for the numeric criteria, the bands and a table of outcomes per integer answer.
 */
interface CompiledCriterion {
  ref: CriterionRef;
  label: string;
  values: readonly (string | number)[];
  outcomes: readonly Outcome[];
  bands: readonly { below?: number; label: string; column: string | null }[] | null;
  /** Outcomes of the integer answers met so far (0 ≤ answer < NUMERIC_TABLE_SIZE). */
  byNumber: (Outcome | undefined)[];
}

/** Integer answers below this get their outcome built once (months since 1926, ages). */
const NUMERIC_TABLE_SIZE = 1201;

interface CompiledStep {
  rule: OrientationResult['rule'];
  test: CompiledCondition;
  dominante: Dominante;
  structures: readonly SuggestedStructure[];
}

interface CompiledReferential {
  referential: Referential;
  criteria: readonly CompiledCriterion[];
  columnCodes: readonly string[];
  /** One zero per column, copied for each evaluation. */
  zeroCounts: readonly number[];
  /** A fresh `counts` record from the counts in column order. */
  makeCounts: (columnCounts: readonly number[]) => Record<string, number>;
  steps: readonly CompiledStep[];
  exemptions: readonly { test: CompiledCondition; hint: ExemptionHint }[];
  /** The frozen list of suggestions per bit mask of matching exemptions, built when first met. */
  exemptionLists: (readonly ExemptionHint[] | undefined)[] | null;
  notEligible: readonly string[];
  makeOutcome: (
    criterion: Pick<CompiledCriterion, 'ref' | 'label'>,
    answer: string | number,
    answerLabel: string,
    column: string | null,
  ) => Outcome;
  ref: ReferentialRef;
}

const compiledCache = new WeakMap<Referential, CompiledReferential>();
/** The last référentiel compiled or found: almost every call passes the same one. */
let lastCompiled: CompiledReferential | undefined;

function compile(referential: Referential): CompiledReferential {
  if (lastCompiled !== undefined && lastCompiled.referential === referential) return lastCompiled;
  let compiled = compiledCache.get(referential);
  if (!compiled) {
    compiled = compileReferential(referential);
    compiledCache.set(referential, compiled);
  }
  lastCompiled = compiled;
  return compiled;
}

/**
 * All answers of a criteria object, in REASON_ORDER (a missing barrier domain is `none`). One
 * function with literal property reads keeps the hot path monomorphic. The barriers object has
 * one shape per set of domains answered, so its domains are read with `for…in` (V8 walks the
 * shape's own keys) rather than eight reads of maybe-missing properties, which are slow on an
 * object of changing shape.
 */
export function answersOf(c: Criteria): (string | number)[] {
  const answers: (string | number)[] = [
    c.availability,
    c.motivationWork,
    c.motivationSupport,
    c.autonomy,
    c.lastExperience,
    c.rsaSeniorityMonths,
    'none',
    'none',
    'none',
    'none',
    'none',
    'none',
    'none',
    'none',
    c.age,
    c.employmentStatus,
  ];
  const b = c.barriers;
  for (const domain in b) {
    const severity = b[domain as BarrierDomain];
    if (severity === undefined) continue;
    switch (domain) {
      case 'housing':
        answers[6] = severity;
        break;
      case 'health':
        answers[7] = severity;
        break;
      case 'mobility':
        answers[8] = severity;
        break;
      case 'family':
        answers[9] = severity;
        break;
      case 'language':
        answers[10] = severity;
        break;
      case 'budget':
        answers[11] = severity;
        break;
      case 'digital':
        answers[12] = severity;
        break;
      case 'administrative':
        answers[13] = severity;
        break;
    }
  }
  return answers;
}

const answerIndex = (ref: CriterionRef): number => REASON_ORDER.indexOf(ref);

function compileReferential(referential: Referential): CompiledReferential {
  const columnCodes = referential.columns.map((c) => c.code);
  const columnLabels = new Map(referential.columns.map((c) => [c.code, c.label]));
  const { criteria } = referential;
  const makeOutcome = (
    criterion: Pick<CompiledCriterion, 'ref' | 'label'>,
    answer: string | number,
    answerLabel: string,
    column: string | null,
  ): Outcome => ({
    reason: Object.freeze({
      criterion: criterion.ref,
      label: criterion.label,
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
      return { ref, label, values: [], outcomes: [], bands, byNumber: [] };
    }
    const isBarrier = ref.startsWith('barriers.');
    const mapping = valueMappingOf(referential, ref);
    const domainLabel = isBarrier
      ? referential.barrierDomains.find((b) => `barriers.${b.code}` === ref)?.label
      : undefined;
    const label = isBarrier ? `${mapping.label} — ${domainLabel ?? ref}` : mapping.label;
    const values: (string | number)[] = [];
    const outcomes: Outcome[] = [];
    for (const v of mapping.values) {
      // An answer mapped twice keeps its last mapping, as a Map built from the list would.
      const at = values.indexOf(v.value);
      const outcome = makeOutcome({ ref, label }, v.value, v.label, v.column);
      if (at >= 0) outcomes[at] = outcome;
      else {
        values.push(v.value);
        outcomes.push(outcome);
      }
    }
    return { ref, label, values, outcomes, bands: null, byNumber: [] };
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
  const exemptions = referential.exemptionSuggestions.map((s) => ({
    test: compileCondition(s.when, answerIndex, columnIndex),
    hint: Object.freeze({
      id: s.id,
      motive: s.motive,
      motiveLabel: referential.exemptionMotives.find((m) => m.code === s.motive)?.label ?? s.motive,
      outcome: s.outcome,
      reason: s.reason,
    }),
  }));
  return {
    referential,
    criteria: compiledCriteria,
    columnCodes,
    zeroCounts: columnCodes.map(() => 0),
    makeCounts: countsMaker(columnCodes),
    steps: referential.rules.map((rule, index) => ({
      rule: Object.freeze({ id: rule.id, label: rule.label, index }),
      test: compileCondition(rule.when, answerIndex, columnIndex),
      dominante: findDominante(referential, rule.dominante),
      structures: structuresByDominante.get(rule.dominante) ?? [],
    })),
    exemptions,
    exemptionLists: exemptions.length <= 12 ? [] : null,
    notEligible: referential.eligibility.notEligibleEmploymentStatuses,
    makeOutcome,
    ref: referentialRef(referential),
  };
}

/**
 * A function building the `counts` record (column code → number) from the counts in column
 * order. Each evaluation gets a fresh record; with three or four columns it is one object
 * literal (one shape, no property added one by one).
 */
function countsMaker(codes: readonly string[]): (n: readonly number[]) => Record<string, number> {
  const [a = '', b = '', c = '', d = ''] = codes;
  switch (codes.length) {
    case 3:
      return (n) => ({ [a]: n[0] as number, [b]: n[1] as number, [c]: n[2] as number });
    case 4:
      return (n) => ({
        [a]: n[0] as number,
        [b]: n[1] as number,
        [c]: n[2] as number,
        [d]: n[3] as number,
      });
    default:
      return (n) => {
        const counts: Record<string, number> = {};
        for (let i = 0; i < codes.length; i++) counts[codes[i] as string] = n[i] as number;
        return counts;
      };
  }
}

/** The outcome of an answer: from the list of mapped answers, or from the numeric bands. */
function outcomeOf(
  compiled: CompiledReferential,
  criterion: CompiledCriterion,
  answer: string | number,
): Outcome {
  const { values } = criterion;
  for (let k = 0; k < values.length; k++) {
    if (values[k] === answer) return criterion.outcomes[k] as Outcome;
  }
  const { bands } = criterion;
  if (bands === null) {
    throw new Error(
      `${criterion.ref}: the référentiel ${compiled.referential.id} does not map the answer ${String(answer)}`,
    );
  }
  const n = answer as number;
  const cacheable = Number.isInteger(n) && n >= 0 && n < NUMERIC_TABLE_SIZE;
  if (cacheable) {
    const cached = criterion.byNumber[n];
    if (cached !== undefined) return cached;
  }
  const band = bands.find((b) => b.below === undefined || n < b.below);
  if (!band) throw new Error(`${criterion.ref}: no band of the référentiel covers ${answer}`);
  const made = compiled.makeOutcome(criterion, answer, band.label, band.column);
  if (cacheable) criterion.byNumber[n] = made;
  return made;
}

export function evaluateOrientation(
  criteria: Criteria,
  referential: Referential,
): OrientationResult {
  const compiled = compile(referential);
  const columnCounts = compiled.zeroCounts.slice();
  const answers = answersOf(criteria);
  const reasons: CriterionReason[] = [];
  const compiledCriteria = compiled.criteria;
  for (let i = 0; i < compiledCriteria.length; i++) {
    const outcome = outcomeOf(
      compiled,
      compiledCriteria[i] as CompiledCriterion,
      answers[i] as string | number,
    );
    reasons.push(outcome.reason);
    const column = outcome.columnIndex;
    if (column >= 0) columnCounts[column] = (columnCounts[column] as number) + 1;
  }

  let step: CompiledStep | undefined;
  const { steps } = compiled;
  for (let i = 0; i < steps.length; i++) {
    const candidate = steps[i] as CompiledStep;
    if (candidate.test(answers, columnCounts)) {
      step = candidate;
      break;
    }
  }
  if (!step) {
    throw new Error(`no rule step of référentiel ${referential.id} ${referential.version} matched`);
  }
  const eligible = !compiled.notEligible.includes(criteria.employmentStatus);
  return {
    dominante: step.dominante.code,
    dominanteLabel: step.dominante.label,
    nationalParcours: step.dominante.nationalParcours,
    rule: step.rule,
    reasons,
    counts: compiled.makeCounts(columnCounts),
    eligibleForIntensiveSupport: eligible,
    eligibilityNote: eligible ? null : referential.eligibility.notEligibleReason,
    suggestedStructures: step.structures,
    exemptionSuggestions: exemptionsFor(compiled, answers, columnCounts),
    referential: compiled.ref,
  };
}

/** The exemption suggestions that hold, in the référentiel's order (a shared frozen list). */
function exemptionsFor(
  compiled: CompiledReferential,
  answers: readonly (string | number)[],
  columnCounts: readonly number[],
): readonly ExemptionHint[] {
  const { exemptions, exemptionLists } = compiled;
  if (exemptionLists === null) {
    const hints: ExemptionHint[] = [];
    for (const exemption of exemptions) {
      if (exemption.test(answers, columnCounts)) hints.push(exemption.hint);
    }
    return hints;
  }
  let mask = 0;
  for (let i = 0; i < exemptions.length; i++) {
    if ((exemptions[i] as (typeof exemptions)[number]).test(answers, columnCounts)) mask |= 1 << i;
  }
  let list = exemptionLists[mask];
  if (list === undefined) {
    list = Object.freeze(exemptions.filter((_e, i) => (mask & (1 << i)) !== 0).map((e) => e.hint));
    exemptionLists[mask] = list;
  }
  return list;
}
