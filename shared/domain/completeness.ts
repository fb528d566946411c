/**
 * What closing an interview still needs (DOMAIN §1–3): the two professionals and the attendance;
 * for a person present, the criteria answers the orientation engine lacks, a complete decision,
 * every answer pre-filled from the person's declaration (RDSP) confirmed by a professional, the
 * three signatures of the contract and the notice on the evaluation data; for an absence, the
 * suspension notice instead; an excused person, nothing more. Once closed, an interview is
 * read-only: a correction is a new version.
 */
import type { MissingAnswer } from './derive-criteria';
import { DECLARED_FIELD_LABELS, DECLARED_FIELD_PLACES, type Interview } from './interview';

/** Where the professionals complete a missing item. */
export type ClosingPlace =
  'attendance' | 'identity' | 'employment' | 'barriers' | 'decision' | 'contract' | 'consent';

export interface MissingForClosing {
  place: ClosingPlace;
  /** French, for the list beside the « Clôturer » button. */
  label: string;
}

/** What `findMissing` reads of the interview (a whole Interview will do). */
export interface ClosingInputs {
  attendance: Interview['attendance'];
  decision: Interview['decision'];
  contract: { signatures: Interview['contract']['signatures'] };
  consent: Pick<Interview['consent'], 'evaluationNoticeGiven'>;
  declaredUnconfirmed: Interview['declaredUnconfirmed'];
}

/** The section of the interview where a criteria answer (a deriveCriteria field path) is given. */
function placeOfAnswer(field: string): ClosingPlace {
  if (field.startsWith('identity.')) return 'identity';
  if (field.startsWith('barriers.')) return 'barriers';
  return 'employment';
}

/**
 * What is still missing before the interview can be closed, in the order of the page; empty when
 * it can be closed. `missingCriteria` is `deriveCriteria(interview).missing`, with the labels the
 * caller shows (the référentiel may name barrier domains its own way).
 */
export function findMissing(
  interview: ClosingInputs,
  missingCriteria: readonly MissingAnswer[],
): MissingForClosing[] {
  const missing: MissingForClosing[] = [];
  const need = (place: ClosingPlace, label: string) => missing.push({ place, label });
  const { attendance } = interview;
  if (!attendance.peAdvisor) need('attendance', 'Nom du conseiller France Travail');
  if (!attendance.cdProfessional) need('attendance', 'Nom du professionnel du Département');
  switch (attendance.beneficiary) {
    case null:
      need('attendance', 'Présence de la personne convoquée');
      return missing;
    case 'absent':
      if (!attendance.absence?.suspensionNoticeGiven) {
        need('attendance', 'Avis de suspension pour absence');
      }
      return missing;
    case 'excused':
      return missing;
    case 'present':
      break;
    default: {
      const unknown: never = attendance.beneficiary;
      throw new Error(`unknown attendance ${String(unknown)}`);
    }
  }
  for (const answer of missingCriteria) need(placeOfAnswer(answer.field), answer.label);
  for (const field of interview.declaredUnconfirmed) {
    need(
      DECLARED_FIELD_PLACES[field],
      `Réponse déclarée à confirmer : ${DECLARED_FIELD_LABELS[field]}`,
    );
  }
  if (!interview.decision) need('decision', 'Décision d’orientation complète');
  const { signatures } = interview.contract;
  if (!signatures.beneficiary) need('contract', 'Signature de la personne accompagnée');
  if (!signatures.peAdvisor) need('contract', 'Signature du conseiller France Travail');
  if (!signatures.cdProfessional) need('contract', 'Signature du professionnel du Département');
  if (!interview.consent.evaluationNoticeGiven) {
    need('consent', 'Information sur la transmission de données pour l’évaluation');
  }
  return missing;
}

/** The interview closed at `now`: read-only from then on, waiting for the sync. */
export function closeInterview(interview: Interview, now: string): Interview {
  return { ...interview, status: 'closed', closedAt: now };
}
