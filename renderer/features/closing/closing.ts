/**
 * What closing an interview still needs (DOMAIN §1–3): the criteria the engine lacks, the
 * decision, the three signatures and the evaluation notice; an absence needs the suspension
 * notice instead. Once closed, the interview is read-only and waits in the outbox for the sync.
 */
import type { Interview } from '../../../shared/domain';
import type { Referential } from '../../../shared/referential';
import { missingLabel, type Orientation } from '../orientation/decision-form';

export interface MissingItem {
  /** Where to go to fix it (a section id of the interview page, or the contract page). */
  target:
    | 'sec-attendance'
    | 'sec-identity'
    | 'sec-employment'
    | 'sec-barriers'
    | 'orientation'
    | 'contract'
    | 'sec-consent';
  label: string;
}

const targetOf = (field: string): MissingItem['target'] =>
  field.startsWith('identity.')
    ? 'sec-identity'
    : field.startsWith('barriers.')
      ? 'sec-barriers'
      : 'sec-employment';

export function missingForClosing(
  interview: Interview,
  orientation: Orientation,
  referential: Referential,
): MissingItem[] {
  const missing: MissingItem[] = [];
  const { attendance } = interview;
  if (!attendance.peAdvisor)
    missing.push({ target: 'sec-attendance', label: 'Nom du conseiller France Travail' });
  if (!attendance.cdProfessional)
    missing.push({ target: 'sec-attendance', label: 'Nom du professionnel du Département' });
  if (attendance.beneficiary === null) {
    missing.push({ target: 'sec-attendance', label: 'Présence de la personne convoquée' });
    return missing;
  }
  if (attendance.beneficiary === 'absent') {
    if (!attendance.absence?.suspensionNoticeGiven) {
      missing.push({ target: 'sec-attendance', label: 'Avis de suspension pour absence' });
    }
    return missing;
  }
  if (attendance.beneficiary === 'excused') return missing;
  for (const m of orientation.derived.missing)
    missing.push({ target: targetOf(m.field), label: missingLabel(m, referential) });
  if (!interview.decision)
    missing.push({ target: 'orientation', label: 'Décision d’orientation complète' });
  const { signatures } = interview.contract;
  if (!signatures.beneficiary)
    missing.push({ target: 'contract', label: 'Signature de la personne accompagnée' });
  if (!signatures.peAdvisor)
    missing.push({ target: 'contract', label: 'Signature du conseiller France Travail' });
  if (!signatures.cdProfessional)
    missing.push({ target: 'contract', label: 'Signature du professionnel du Département' });
  if (!interview.consent.evaluationNoticeGiven) {
    missing.push({
      target: 'sec-consent',
      label: 'Information sur la transmission de données pour l’évaluation',
    });
  }
  return missing;
}

export function closeInterview(interview: Interview, now: string): Interview {
  return { ...interview, status: 'closed', closedAt: now };
}
