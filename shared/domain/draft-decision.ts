/**
 * From the professionals' answers to an orientation decision (DOMAIN §2.2–2.3): what the engine
 * computed is kept with the référentiel it used, an opinion counts only when it names a dominante,
 * the final dominante is the computed one unless they chose another, and then (only then) the
 * decision records an override with its written justification. `judgeDecision` says whether the
 * result is a complete decision: the schema first, then the référentiel (checkDecision).
 */
import type { Referential } from '../referential/load-referential';
import { describeIssues, type FieldIssue } from '../util/errors';
import { checkDecision } from './check-decision';
import { OrientationDecisionSchema, type OrientationDecision } from './decision';

/** What the engine computed, as the decision records it (an OrientationResult will do). */
export interface ComputedOrientation {
  dominante: string;
  rule: { id: string };
  referential: { id: string; version: string; contentHash: string };
}

export interface OpinionAnswer {
  /** Null: no opinion given yet (a comment alone is not an opinion). */
  dominante: string | null;
  comment: string;
}

export interface DecisionAnswers {
  opinions: { peAdvisor: OpinionAnswer; cdProfessional: OpinionAnswer };
  /** Null: the computed dominante. */
  finalDominante: string | null;
  /** Read only when the final dominante is not the computed one. */
  justification: string;
  referentStructureId: string | null;
  referentName: string;
  /** As answered: the schema judges it. */
  weeklyHours: unknown;
}

/** A decision not judged yet: the shape of OrientationDecision, the weekly hours as answered. */
export type DecisionCandidate = Omit<OrientationDecision, 'weeklyHours'> & { weeklyHours: unknown };

/** The `computed` part of a decision: the engine's dominante and rule, and the référentiel used. */
export function computedPart(computed: ComputedOrientation): OrientationDecision['computed'] {
  return {
    dominante: computed.dominante,
    ruleId: computed.rule.id,
    referentialId: computed.referential.id,
    referentialVersion: computed.referential.version,
    referentialHash: computed.referential.contentHash,
  };
}

/**
 * The decision when the professionals follow the engine without opinions or override (generated
 * histories, demos and benchmarks): an `OrientationResult` is a `ComputedOrientation`.
 */
export function followComputed(
  computed: ComputedOrientation,
  referentStructureId: string,
  weeklyHours: OrientationDecision['weeklyHours'],
): OrientationDecision {
  return {
    computed: computedPart(computed),
    opinions: { peAdvisor: null, cdProfessional: null },
    override: null,
    finalDominante: computed.dominante,
    referentStructureId,
    referentName: '',
    weeklyHours,
  };
}

export function draftDecision(
  answers: DecisionAnswers,
  computed: ComputedOrientation,
): DecisionCandidate {
  const final = answers.finalDominante ?? computed.dominante;
  const opinion = ({ dominante, comment }: OpinionAnswer) =>
    dominante ? { dominante, comment } : null;
  return {
    computed: computedPart(computed),
    opinions: {
      peAdvisor: opinion(answers.opinions.peAdvisor),
      cdProfessional: opinion(answers.opinions.cdProfessional),
    },
    override:
      final === computed.dominante
        ? null
        : { dominante: final, justification: answers.justification },
    finalDominante: final,
    referentStructureId: answers.referentStructureId ?? '',
    referentName: answers.referentName,
    weeklyHours: answers.weeklyHours,
  };
}

export type DecisionJudgement =
  { decision: OrientationDecision; issues: [] } | { decision: null; issues: FieldIssue[] };

/**
 * The decision if it is complete and valid under the référentiel; otherwise every issue, its path
 * in the interview (`decision.…`, as checkDecision names them) and an English message. The
 * référentiel is consulted only once the schema accepts the decision.
 */
export function judgeDecision(
  candidate: DecisionCandidate,
  referential: Referential,
): DecisionJudgement {
  const parsed = OrientationDecisionSchema.safeParse(candidate);
  if (!parsed.success) {
    return {
      decision: null,
      issues: describeIssues(parsed.error).map((issue) => ({
        ...issue,
        path: issue.path === '(root)' ? 'decision' : `decision.${issue.path}`,
      })),
    };
  }
  const issues = checkDecision(parsed.data, referential);
  return issues.length > 0 ? { decision: null, issues } : { decision: parsed.data, issues: [] };
}
