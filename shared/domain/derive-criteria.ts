/**
 * From the interview's answers to the canonical orientation criteria (DOMAIN §2.1): dates become
 * durations as of the interview's date, the work situation becomes the employment status, each
 * barrier domain's severity becomes its answer. Pure: the interview date is the only "now".
 */
import { ageOn, monthsBetween } from '../util/dates';
import {
  BARRIER_DOMAINS,
  BARRIER_DOMAIN_LABELS,
  type Barriers,
  type Criteria,
  CriteriaSchema,
  type EmploymentStatus,
  LAST_EXPERIENCE_MONTHS,
  type Severity,
} from './criteria';
import type { BarrierAssessment, Interview, WorkSituation } from './interview';

/** Something the criteria still need, with the form field to fill and its French label. */
export interface MissingAnswer {
  field: string;
  label: string;
}

export type DerivedCriteria =
  | { complete: true; criteria: Criteria; missing: [] }
  | { complete: false; criteria: Partial<Criteria>; missing: MissingAnswer[] };

const WORK_SITUATIONS_IN_EMPLOYMENT: readonly WorkSituation[] = ['employed', 'iae', 'temp-work'];

export function deriveCriteria(interview: Interview): DerivedCriteria {
  const { employment, identity } = interview;
  const missing: MissingAnswer[] = [];
  const partial: Partial<Criteria> = {};
  const need = (field: string, label: string) => missing.push({ field, label });

  if (employment.availability) partial.availability = employment.availability;
  else need('employment.availability', "Disponibilité vers l'emploi");
  if (employment.motivationWork) partial.motivationWork = employment.motivationWork;
  else need('employment.motivationWork', 'Motivation à travailler');
  if (employment.motivationSupport) partial.motivationSupport = employment.motivationSupport;
  else need('employment.motivationSupport', 'Motivation à être accompagné');
  if (employment.autonomy) partial.autonomy = employment.autonomy;
  else need('employment.autonomy', 'Autonomie dans les démarches');

  if (employment.neverWorked) {
    partial.lastExperience = 'never';
  } else if (employment.lastJobDate) {
    const months = monthsBetween(employment.lastJobDate, interview.date);
    if (months < 0)
      need('employment.lastJobDate', "Date du dernier emploi (postérieure à l'entretien)");
    else partial.lastExperience = lastExperienceFor(months);
  } else {
    need('employment.lastJobDate', 'Date du dernier emploi (ou « jamais travaillé »)');
  }

  const seniority = monthsBetween(identity.rsaRightsOpenedOn, interview.date);
  if (seniority < 0)
    need('identity.rsaRightsOpenedOn', "Date d'ouverture des droits (postérieure à l'entretien)");
  else partial.rsaSeniorityMonths = seniority;

  partial.age = ageOn(identity.birthDate, interview.date);

  const status = employmentStatusFor(employment.workSituation, employment.workingTime);
  if (status === 'missing-situation') need('employment.workSituation', 'Situation professionnelle');
  else if (status === 'missing-working-time')
    need('employment.workingTime', 'Temps de travail (plein ou partiel)');
  else partial.employmentStatus = status;

  const barriers: Barriers = {};
  for (const domain of BARRIER_DOMAINS) {
    const severity = severityOf(interview.barriers[domain]);
    if (severity === 'missing')
      need(`barriers.${domain}.severity`, `Niveau du frein — ${BARRIER_DOMAIN_LABELS[domain]}`);
    else barriers[domain] = severity;
  }
  partial.barriers = barriers;

  if (missing.length > 0) return { complete: false, criteria: partial, missing };
  const parsed = CriteriaSchema.safeParse(partial);
  if (!parsed.success) {
    return {
      complete: false,
      criteria: partial,
      missing: parsed.error.issues.map((i) => ({ field: i.path.join('.'), label: i.message })),
    };
  }
  return { complete: true, criteria: parsed.data, missing: [] };
}

export function lastExperienceFor(monthsSinceLastJob: number): Criteria['lastExperience'] {
  if (monthsSinceLastJob <= LAST_EXPERIENCE_MONTHS.recentMax) return 'recent';
  if (monthsSinceLastJob <= LAST_EXPERIENCE_MONTHS.mediumMax) return 'medium';
  return 'distant';
}

function employmentStatusFor(
  situation: WorkSituation | null,
  workingTime: 'full' | 'part' | null,
): EmploymentStatus | 'missing-situation' | 'missing-working-time' {
  if (situation === null) return 'missing-situation';
  if (!WORK_SITUATIONS_IN_EMPLOYMENT.includes(situation)) return 'unemployed';
  if (workingTime === null) return 'missing-working-time';
  return workingTime === 'full' ? 'fullTime' : 'partTime';
}

/**
 * A domain where nothing was ticked and no severity chosen reports no barrier (`none`); ticked
 * situations without a severity are an open question the professionals must settle.
 */
function severityOf(assessment: BarrierAssessment | undefined): Severity | 'missing' {
  if (!assessment) return 'none';
  if (assessment.severity) return assessment.severity;
  return assessment.situations.length > 0 ? 'missing' : 'none';
}
