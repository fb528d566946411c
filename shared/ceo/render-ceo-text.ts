/**
 * The contract draft as readable plain text (French), for the command line, printing fallbacks
 * and golden-file tests. The renderer lays out the same data with its own components.
 */
import { formatFrenchDate } from '../util/dates';
import type { CeoDraft } from './build-ceo-draft';

export function renderCeoText(draft: CeoDraft): string {
  const lines: string[] = [];
  const title = (text: string) => lines.push('', text.toUpperCase(), '-'.repeat(text.length));
  const bullet = (text: string) => lines.push(`  - ${text}`);
  const b = draft.beneficiary;

  lines.push("CONTRAT D'ENGAGEMENT RÉCIPROQUE — CONTRAT PRÉALABLE");
  lines.push(`Signé le ${formatFrenchDate(draft.date)}${draft.place ? ` à ${draft.place}` : ''}`);

  title('Les personnes');
  bullet(`Bénéficiaire : ${b.firstName} ${b.lastName}, né(e) le ${formatFrenchDate(b.birthDate)}`);
  bullet(`${draft.peAdvisor.roleLabel} : ${draft.peAdvisor.name}`);
  bullet(`${draft.cdProfessional.roleLabel} : ${draft.cdProfessional.name}`);

  title('Votre accompagnement');
  bullet(`${draft.dominante.label} (${draft.dominante.nationalParcours})`);
  bullet(
    `Référent unique : ${draft.referent.structureLabel}${draft.referent.name ? ` — ${draft.referent.name}` : ''}`,
  );
  const p = draft.parcours;
  bullet(
    `Durée : ${p.durationMonths} mois, du ${formatFrenchDate(p.startDate)} au ${formatFrenchDate(p.endDate)}`,
  );
  if (p.renewalMonths > 0) {
    bullet(
      `Renouvelable ${p.renewalMonths} mois (au plus tard jusqu'au ${formatFrenchDate(p.latestEndIfRenewed)})`,
    );
  }
  bullet(`${p.reviewLabel} : le ${formatFrenchDate(p.reviewDate)}`);
  bullet(`Rendez-vous : ${p.interviewFrequency}`);
  if (p.followUpInEmployment) bullet(p.followUpInEmployment);
  if (draft.orientation.overridden) {
    bullet(`Orientation décidée par les professionnels : ${draft.orientation.justification ?? ''}`);
  }

  title('Votre temps d’activité chaque semaine');
  bullet(draft.weeklyCommitment.summary);
  if (draft.weeklyCommitment.motiveLabel) {
    bullet(
      `Motif : ${draft.weeklyCommitment.motiveLabel}${draft.weeklyCommitment.detail ? ` — ${draft.weeklyCommitment.detail}` : ''}`,
    );
  }
  for (const step of draft.weeklyCommitment.schedule) {
    bullet(`Semaine ${step.week} : ${String(step.hours).replace('.', ',')} h`);
  }

  title('Les premières actions');
  if (draft.actions.length === 0) bullet('Aucune action n’est encore prévue.');
  for (const action of draft.actions)
    bullet(`${action.label} — avant le ${formatFrenchDate(action.dueDate)}`);

  title('Vos engagements');
  draft.commitments.beneficiary.forEach(bullet);
  title('Les engagements de France Travail');
  draft.commitments.franceTravail.forEach(bullet);
  title('Les engagements du Département');
  draft.commitments.departement.forEach(bullet);

  title('Si les engagements ne sont pas respectés');
  draft.consequences.forEach(bullet);
  bullet(draft.rightToContest);

  title('Vos choix');
  draft.consent.forEach(bullet);
  bullet(draft.evaluationNotice);

  title('Signatures');
  bullet(`${b.firstName} ${b.lastName}`);
  bullet(draft.peAdvisor.name);
  bullet(draft.cdProfessional.name);
  lines.push(
    '',
    `Référentiel ${draft.referential.id} version ${draft.referential.version} (empreinte ${draft.referential.contentHash.slice(0, 12)})`,
  );
  return `${lines.join('\n')}\n`;
}
