/**
 * The preliminary engagement contract ("CEO") signed at the first interview (Annexe 2; DOMAIN §3,
 * §7): built from the interview, the orientation decision and the référentiel, in plain French.
 * Deterministic: the clock and the ids come from `ctx`.
 */
import { BARRIER_DOMAINS, type BarrierDomain } from '../domain/criteria';
import { checkDecision } from '../domain/check-decision';
import type { OrientationDecision, WeeklyHours } from '../domain/decision';
import type { ContractAction, Interview } from '../domain/interview';
import { PROFESSIONAL_ROLE_LABELS, type Professional } from '../domain/people';
import {
  type Referential,
  type ReferentialRef,
  referentialRef,
} from '../referential/load-referential';
import { findDominante, findParcours, findStructure } from '../referential/lookups';
import { addDays, addMonths, type IsoDate } from '../util/dates';
import { ValidationError } from '../util/errors';

export interface CeoContext {
  /** ISO date-time of the draft. */
  now: string;
  newId: () => string;
}

export interface CeoParty {
  name: string;
  roleLabel: string;
}

export interface WeeklyCommitment {
  mode: WeeklyHours['mode'];
  /** One sentence for the contract. */
  summary: string;
  /** Hours per week for the first weeks of a progressive schedule. */
  schedule: { week: number; hours: number }[];
  motiveLabel: string | null;
  detail: string | null;
}

export interface CeoDraft {
  id: string;
  createdAt: string;
  interviewId: string;
  interviewVersion: number;
  referential: ReferentialRef;
  date: IsoDate;
  place: string;
  beneficiary: { firstName: string; lastName: string; birthDate: IsoDate };
  peAdvisor: CeoParty;
  cdProfessional: CeoParty;
  dominante: { code: string; label: string; nationalParcours: string; description: string };
  orientation: { computedDominante: string; overridden: boolean; justification: string | null };
  referent: { structureId: string; structureLabel: string; name: string | null };
  parcours: {
    startDate: IsoDate;
    durationMonths: number;
    endDate: IsoDate;
    renewalMonths: number;
    latestEndIfRenewed: IsoDate;
    reviewDate: IsoDate;
    reviewLabel: string;
    interviewFrequency: string;
    followUpInEmployment: string | null;
  };
  weeklyCommitment: WeeklyCommitment;
  actions: ContractAction[];
  commitments: { beneficiary: string[]; franceTravail: string[]; departement: string[] };
  consequences: string[];
  rightToContest: string;
  consent: string[];
  evaluationNotice: string;
}

/** Days allowed for the first action on a barrier, by severity (a heavy barrier comes first). */
const BARRIER_ACTION_DAYS = { light: 60, heavy: 30 } as const;

export function buildCeoDraft(
  interview: Interview,
  decision: OrientationDecision,
  referential: Referential,
  ctx: CeoContext,
): CeoDraft {
  const issues = checkDecision(decision, referential);
  if (!interview.attendance.peAdvisor) {
    issues.push({
      path: 'attendance.peAdvisor',
      message: 'the France Travail advisor is required',
    });
  }
  if (!interview.attendance.cdProfessional) {
    issues.push({ path: 'attendance.cdProfessional', message: 'the CD professional is required' });
  }
  if (interview.attendance.beneficiary !== 'present') {
    issues.push({ path: 'attendance.beneficiary', message: 'a contract needs the person present' });
  }
  if (issues.length > 0) throw new ValidationError('contract draft', issues);

  const id = ctx.newId();
  const dominante = findDominante(referential, decision.finalDominante);
  const parcours = findParcours(referential, dominante.code);
  const structure = findStructure(referential, decision.referentStructureId);
  const start = interview.date;
  const endDate = addMonths(start, parcours.durationMonths);
  const reviewDate = addMonths(start, parcours.reviewAfterMonths);
  const weekly = describeWeeklyHours(decision.weeklyHours, referential);

  const actions =
    interview.contract.actions.length > 0
      ? interview.contract.actions
      : proposeActions(interview, referential, dominante.code, ctx);

  return {
    id,
    createdAt: ctx.now,
    interviewId: interview.id,
    interviewVersion: interview.version,
    referential: referentialRef(referential),
    date: interview.date,
    place: interview.place,
    beneficiary: {
      firstName: interview.identity.firstName,
      lastName: interview.identity.lastName,
      birthDate: interview.identity.birthDate,
    },
    peAdvisor: party(interview.attendance.peAdvisor as Professional),
    cdProfessional: party(interview.attendance.cdProfessional as Professional),
    dominante: {
      code: dominante.code,
      label: dominante.label,
      nationalParcours: dominante.nationalParcours,
      description: dominante.description,
    },
    orientation: {
      computedDominante: decision.computed.dominante,
      overridden: decision.override !== null,
      justification: decision.override?.justification ?? null,
    },
    referent: {
      structureId: structure.id,
      structureLabel: structure.label,
      name: decision.referentName.trim() === '' ? null : decision.referentName.trim(),
    },
    parcours: {
      startDate: start,
      durationMonths: parcours.durationMonths,
      endDate,
      renewalMonths: parcours.renewalMonths,
      latestEndIfRenewed: addMonths(endDate, parcours.renewalMonths),
      reviewDate,
      reviewLabel: parcours.reviewLabel,
      interviewFrequency: parcours.interviewFrequency,
      followUpInEmployment: parcours.followUpInEmployment,
    },
    weeklyCommitment: weekly,
    actions,
    commitments: commitmentsFor(parcours.interviewFrequency, weekly),
    consequences: [
      'Si vous ne respectez pas vos engagements sans motif légitime, le Département peut suspendre tout ou partie de votre RSA.',
      'Avant toute décision, vous êtes informé(e) par écrit et vous pouvez expliquer votre situation, seul(e) ou accompagné(e).',
      'Dès que vous reprenez vos engagements, le versement reprend. Les sommes suspendues peuvent vous être versées.',
    ],
    rightToContest:
      'Vous pouvez contester ce contrat ou une décision prise à son sujet : écrivez au Président du Conseil départemental dans les deux mois (recours administratif). Ensuite, vous pouvez saisir le tribunal administratif.',
    consent: consentLines(interview),
    evaluationNotice:
      "Cet accompagnement fait partie d'une expérimentation évaluée par le ministère du Travail. Des données vous concernant (identité, situation, parcours) lui sont transmises pour cette évaluation. Vous pouvez demander à voir ce qui est enregistré.",
  };
}

function party(p: Professional): CeoParty {
  return { name: p.name, roleLabel: PROFESSIONAL_ROLE_LABELS[p.role] };
}

function proposeActions(
  interview: Interview,
  referential: Referential,
  dominante: string,
  ctx: CeoContext,
): ContractAction[] {
  const actions: ContractAction[] = [];
  const parcours = findParcours(referential, dominante);
  if (parcours.employerLink) {
    actions.push({
      id: ctx.newId(),
      label: parcours.employerLink.action,
      dueDate: addDays(interview.date, parcours.employerLink.withinDays),
      domain: 'employment',
      serviceIds: [],
    });
  }
  for (const domain of BARRIER_DOMAINS) {
    const severity = interview.barriers[domain].severity;
    if (severity !== 'light' && severity !== 'heavy') continue;
    actions.push({
      id: ctx.newId(),
      label: `${barrierActionLabel(domain, referential)}`,
      dueDate: addDays(interview.date, BARRIER_ACTION_DAYS[severity]),
      domain,
      serviceIds: [],
    });
  }
  return actions;
}

function barrierActionLabel(domain: BarrierDomain, referential: Referential): string {
  const label = referential.barrierDomains.find((d) => d.code === domain)?.label ?? domain;
  return `Trouver une solution : ${label.toLowerCase()}`;
}

export function describeWeeklyHours(
  hours: WeeklyHours,
  referential: Referential,
): WeeklyCommitment {
  const motiveLabel = (code: string) =>
    referential.exemptionMotives.find((m) => m.code === code)?.label ?? code;
  switch (hours.mode) {
    case 'standard':
      return {
        mode: 'standard',
        summary: `${formatHours(hours.hours)} d'activité par semaine.`,
        schedule: [],
        motiveLabel: null,
        detail: null,
      };
    case 'progressive': {
      const schedule = progressiveSchedule(
        hours.startHours,
        hours.targetHours,
        hours.reachTargetByWeek,
      );
      return {
        mode: 'progressive',
        summary: `Activité progressive : ${formatHours(hours.startHours)} par semaine au début, puis ${formatHours(hours.targetHours)} par semaine à partir de la semaine ${hours.reachTargetByWeek}.`,
        schedule,
        motiveLabel: motiveLabel(hours.motive),
        detail: hours.detail.trim() || null,
      };
    }
    case 'reduced':
      return {
        mode: 'reduced',
        summary: `Durée réduite : ${formatHours(hours.hours)} d'activité par semaine.`,
        schedule: [],
        motiveLabel: motiveLabel(hours.motive),
        detail: hours.detail.trim() || null,
      };
    case 'exempt':
      return {
        mode: 'exempt',
        summary: "Dispense totale d'heures d'activité pour le moment.",
        schedule: [],
        motiveLabel: motiveLabel(hours.motive),
        detail: hours.detail.trim() || null,
      };
  }
}

/** Weekly hours rising evenly from the start to the target, rounded to the half hour. */
export function progressiveSchedule(
  startHours: number,
  targetHours: number,
  reachTargetByWeek: number,
): { week: number; hours: number }[] {
  const schedule: { week: number; hours: number }[] = [];
  for (let week = 1; week <= reachTargetByWeek; week++) {
    const exact = startHours + ((targetHours - startHours) * (week - 1)) / (reachTargetByWeek - 1);
    schedule.push({ week, hours: Math.round(exact * 2) / 2 });
  }
  return schedule;
}

export function formatHours(hours: number): string {
  const whole = Math.floor(hours);
  const minutes = Math.round((hours - whole) * 60);
  return minutes === 0 ? `${whole} h` : `${whole} h ${String(minutes).padStart(2, '0')}`;
}

function commitmentsFor(
  interviewFrequency: string,
  weekly: WeeklyCommitment,
): CeoDraft['commitments'] {
  const beneficiary = [
    `Je participe aux rendez-vous avec mon référent (${interviewFrequency.toLowerCase()}).`,
    'Je réalise les actions prévues dans ce contrat, aux dates prévues, ou je préviens mon référent si je ne peux pas.',
  ];
  if (weekly.mode !== 'exempt') {
    beneficiary.push(
      `Je consacre du temps à mon parcours : ${weekly.summary.charAt(0).toLowerCase()}${weekly.summary.slice(1)}`,
    );
  }
  beneficiary.push(
    'Je préviens mon référent de tout changement de situation (adresse, santé, famille, emploi).',
  );
  return {
    beneficiary,
    franceTravail: [
      "France Travail m'accompagne dans ma recherche d'emploi ou de formation et me propose des offres adaptées.",
      "France Travail m'aide à organiser des immersions en entreprise et à rencontrer des employeurs.",
    ],
    departement: [
      "Le Département m'aide à trouver des solutions à mes difficultés (logement, santé, mobilité, famille, budget…).",
      'Le Département désigne mon référent unique, qui me reçoit régulièrement et fait le point avec moi.',
    ],
  };
}

function consentLines(interview: Interview): string[] {
  const { consent } = interview;
  const yesNo = (value: boolean | null, yes: string, no: string, unknown: string) =>
    value === null ? unknown : value ? yes : no;
  return [
    yesNo(
      consent.contactBySms,
      "J'accepte d'être contacté(e) par SMS.",
      'Je ne souhaite pas être contacté(e) par SMS.',
      'Contact par SMS : non demandé.',
    ),
    yesNo(
      consent.contactByEmail,
      "J'accepte d'être contacté(e) par courriel.",
      'Je ne souhaite pas être contacté(e) par courriel.',
      'Contact par courriel : non demandé.',
    ),
    yesNo(
      consent.dataSharingPeCd,
      "J'accepte que France Travail et le Département partagent les informations utiles à mon accompagnement.",
      'Je refuse que France Travail et le Département partagent les informations de mon accompagnement au-delà de ce que la loi impose.',
      'Partage des informations entre France Travail et le Département : non demandé.',
    ),
  ];
}
