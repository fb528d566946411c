/**
 * The orientation decision as a form (DOMAIN §2.2–2.3): each professional's opinion, the final
 * dominante (an override of the computed one needs a written justification), the référent
 * structure, the weekly hours or the exemption with its motive. The shared rule makes and judges
 * the decision (draftDecision, judgeDecision); this module only maps form ↔ decision and says the
 * findings in French, next to the field they concern.
 */
import {
  deriveCriteria,
  draftDecision,
  judgeDecision,
  MIN_JUSTIFICATION_LENGTH,
  type DecisionAnswers,
  type DerivedCriteria,
  type Interview,
  type OrientationDecision,
  type WeeklyHours,
} from '../../../shared/domain';
import { evaluateOrientation, type OrientationResult } from '../../../shared/orientation';
import type { Referential } from '../../../shared/referential';
import type { InterviewDocument } from '../../storage';

export interface Orientation {
  derived: DerivedCriteria;
  /** Null while answers are missing. */
  result: OrientationResult | null;
}

/** The orientation of an interview, computed by the shared engine (never by a component). */
export function computeOrientation(interview: Interview, referential: Referential): Orientation {
  return orientationOf(deriveCriteria(interview), referential);
}

function orientationOf(derived: DerivedCriteria, referential: Referential): Orientation {
  return {
    derived,
    result: derived.complete ? evaluateOrientation(derived.criteria, referential) : null,
  };
}

/**
 * The orientation of successive versions of one interview, evaluated again only when the criteria
 * derived from the answers change: an edit elsewhere (the synthesis, a note) returns the same
 * Orientation object, so nothing that shows it renders again.
 */
export function trackOrientation(referential: Referential): (interview: Interview) => Orientation {
  let last: { key: string; orientation: Orientation } | null = null;
  return (interview) => {
    const derived = deriveCriteria(interview);
    const key = JSON.stringify(derived);
    if (last?.key !== key) last = { key, orientation: orientationOf(derived, referential) };
    return last.orientation;
  };
}

export interface DecisionFormValues {
  peOpinion: string | null;
  peComment: string;
  cdOpinion: string | null;
  cdComment: string;
  /** Null: the computed dominante. */
  finalDominante: string | null;
  justification: string;
  referentStructureId: string | null;
  referentName: string;
  hoursMode: WeeklyHours['mode'];
  hours: number | string | null;
  startHours: number | string | null;
  targetHours: number | string | null;
  reachTargetByWeek: number | string | null;
  motive: string | null;
  detail: string;
}

export const DECISION_DRAFT_KEY = 'decision';

export function emptyDecisionForm(referential: Referential): DecisionFormValues {
  return {
    peOpinion: null,
    peComment: '',
    cdOpinion: null,
    cdComment: '',
    finalDominante: null,
    justification: '',
    referentStructureId: null,
    referentName: '',
    hoursMode: 'standard',
    hours: referential.weeklyHours.min,
    startHours: null,
    targetHours: referential.weeklyHours.min,
    reachTargetByWeek: null,
    motive: null,
    detail: '',
  };
}

export function decisionToForm(
  d: OrientationDecision,
  referential: Referential,
): DecisionFormValues {
  const base = emptyDecisionForm(referential);
  const h = d.weeklyHours;
  return {
    ...base,
    peOpinion: d.opinions.peAdvisor?.dominante ?? null,
    peComment: d.opinions.peAdvisor?.comment ?? '',
    cdOpinion: d.opinions.cdProfessional?.dominante ?? null,
    cdComment: d.opinions.cdProfessional?.comment ?? '',
    finalDominante: d.override ? d.finalDominante : null,
    justification: d.override?.justification ?? '',
    referentStructureId: d.referentStructureId,
    referentName: d.referentName,
    hoursMode: h.mode,
    hours: h.mode === 'standard' || h.mode === 'reduced' ? h.hours : base.hours,
    startHours: h.mode === 'progressive' ? h.startHours : null,
    targetHours: h.mode === 'progressive' ? h.targetHours : base.targetHours,
    reachTargetByWeek: h.mode === 'progressive' ? h.reachTargetByWeek : null,
    motive: h.mode === 'standard' ? null : h.motive,
    detail: h.mode === 'standard' ? '' : h.detail,
  };
}

export function formValuesForDecision(
  doc: InterviewDocument,
  referential: Referential,
): DecisionFormValues {
  const draft = doc.formDrafts[DECISION_DRAFT_KEY];
  if (draft && typeof draft === 'object')
    return { ...emptyDecisionForm(referential), ...(draft as object) };
  return doc.interview.decision
    ? decisionToForm(doc.interview.decision, referential)
    : emptyDecisionForm(referential);
}

const num = (v: unknown): unknown =>
  typeof v === 'string' && /^\s*\d+([.,]\d+)?\s*$/.test(v) ? Number(v.replace(',', '.')) : v;

function weeklyHoursOf(f: DecisionFormValues): unknown {
  switch (f.hoursMode) {
    case 'standard':
      return { mode: 'standard', hours: num(f.hours) };
    case 'progressive':
      return {
        mode: 'progressive',
        startHours: num(f.startHours),
        targetHours: num(f.targetHours),
        reachTargetByWeek: num(f.reachTargetByWeek),
        motive: f.motive ?? '',
        detail: f.detail,
      };
    case 'reduced':
      return { mode: 'reduced', hours: num(f.hours), motive: f.motive ?? '', detail: f.detail };
    case 'exempt':
      return { mode: 'exempt', motive: f.motive ?? '', detail: f.detail };
  }
}

/** The form's answers as the shared rule reads them (draftDecision). */
function decisionAnswersOf(f: DecisionFormValues): DecisionAnswers {
  return {
    opinions: {
      peAdvisor: { dominante: f.peOpinion, comment: f.peComment },
      cdProfessional: { dominante: f.cdOpinion, comment: f.cdComment },
    },
    finalDominante: f.finalDominante,
    justification: f.justification,
    referentStructureId: f.referentStructureId,
    referentName: f.referentName,
    weeklyHours: weeklyHoursOf(f),
  };
}

export type DecisionField = keyof DecisionFormValues | 'form';

export interface DecisionIssue {
  field: DecisionField;
  message: string;
}

/** Maps a path of the decision (schema or checkDecision) to the form field and a French message. */
function frenchIssue(path: string, referential: Referential, f: DecisionFormValues): DecisionIssue {
  const p = path.replace(/^decision\./, '');
  const { min, max } = referential.weeklyHours;
  if (p.startsWith('override')) {
    return {
      field: 'justification',
      message: `Justification de la dérogation : au moins ${MIN_JUSTIFICATION_LENGTH} caractères (actuellement ${f.justification.trim().length})`,
    };
  }
  if (p.startsWith('finalDominante'))
    return {
      field: 'finalDominante',
      message: 'Dominante retenue : choisissez une dominante du référentiel',
    };
  if (p.startsWith('referentStructureId')) {
    return {
      field: 'referentStructureId',
      message: 'Structure référente : choisissez une structure de la dominante retenue',
    };
  }
  if (p.startsWith('referentName'))
    return { field: 'referentName', message: 'Nom du référent : 120 caractères au plus' };
  if (p === 'weeklyHours.motive')
    return {
      field: 'motive',
      message: 'Motif : choisissez le motif de la dispense ou de l’aménagement',
    };
  if (p === 'weeklyHours.mode')
    return {
      field: 'hoursMode',
      message: 'Temps d’activité : ce motif ne permet pas une dispense totale',
    };
  if (p === 'weeklyHours.detail')
    return { field: 'detail', message: 'Précision du motif : à remplir pour ce motif' };
  if (p === 'weeklyHours.startHours') {
    return {
      field: 'startHours',
      message: 'Heures au début : un nombre d’heures inférieur à l’objectif',
    };
  }
  if (p === 'weeklyHours.targetHours')
    return {
      field: 'targetHours',
      message: `Objectif hebdomadaire : entre ${min} et ${max} heures`,
    };
  if (p === 'weeklyHours.reachTargetByWeek') {
    return {
      field: 'reachTargetByWeek',
      message: 'Semaine de l’objectif : un nombre entier de semaines, de 2 à 52',
    };
  }
  if (p === 'weeklyHours.hours') {
    return f.hoursMode === 'reduced'
      ? {
          field: 'hours',
          message: `Heures par semaine : moins de ${min} heures pour une durée réduite`,
        }
      : { field: 'hours', message: `Heures par semaine : entre ${min} et ${max} heures` };
  }
  return { field: 'form', message: `Décision incomplète (${p})` };
}

export interface DecisionCheck {
  decision: OrientationDecision | null;
  issues: DecisionIssue[];
}

export function checkDecisionForm(
  f: DecisionFormValues,
  orientation: Orientation,
  referential: Referential,
): DecisionCheck {
  if (!orientation.result) {
    return {
      decision: null,
      issues: [
        { field: 'form', message: 'Répondez aux critères manquants pour calculer la dominante.' },
      ],
    };
  }
  const judged = judgeDecision(
    draftDecision(decisionAnswersOf(f), orientation.result),
    referential,
  );
  if (judged.decision) return { decision: judged.decision, issues: [] };
  return {
    decision: null,
    issues: dedupe(judged.issues.map((i) => frenchIssue(i.path, referential, f))),
  };
}

function dedupe(issues: DecisionIssue[]): DecisionIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => !seen.has(i.field) && seen.add(i.field));
}

/** Stores a valid decision in the interview; otherwise keeps the answers as typed in formDrafts. */
export function applyDecisionForm(
  doc: InterviewDocument,
  f: DecisionFormValues,
  check: DecisionCheck,
): InterviewDocument {
  const { [DECISION_DRAFT_KEY]: _previous, ...others } = doc.formDrafts;
  const drafts = check.decision ? others : { ...others, [DECISION_DRAFT_KEY]: f };
  const next = { interview: { ...doc.interview, decision: check.decision }, formDrafts: drafts };
  return JSON.stringify(next) === JSON.stringify(doc) ? doc : next;
}

/**
 * The French label of a missing answer: deriveCriteria names barrier domains by code; the
 * référentiel has their French label.
 */
export function missingLabel(
  missing: { field: string; label: string },
  referential: Referential,
): string {
  const match = /^barriers\.([a-z]+)\.severity$/.exec(missing.field);
  if (!match) return missing.label;
  const domain = referential.barrierDomains.find((d) => d.code === match[1]);
  return domain ? `Niveau du frein — ${domain.label}` : missing.label;
}
