/**
 * French wording of the sync states and of the server's rejection reasons (the server answers in
 * English with field paths, never values: docs/sync-protocol.md).
 */
import type { Interview } from '../../../shared/domain';
import type { OutboxItem } from '../../storage';

const DATE_TIME = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short' });

export function formatDateTime(iso: string | null): string {
  if (!iso) return 'jamais';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : DATE_TIME.format(date);
}

export const STATE_LABEL: Record<OutboxItem['state'], string> = {
  pending: 'En attente d’envoi',
  sending: 'Envoyé, réponse du serveur attendue',
  conflict: 'Conflit à résoudre',
  rejected: 'Refusé par le serveur',
};

const SECTION_LABEL: Partial<Record<keyof Interview, string>> = {
  attendance: 'présences',
  identity: 'identité',
  employment: 'situation professionnelle',
  barriers: 'freins périphériques',
  synthesis: 'synthèse',
  decision: 'orientation',
  consent: 'consentements',
  contract: 'contrat',
  satisfaction: 'satisfaction',
  place: 'lieu',
  date: 'date',
  status: 'état (brouillon ou clôturé)',
};

/** The sections in which two versions of an interview differ, in French. */
export function differingSections(a: Interview, b: Interview): string[] {
  return (Object.keys(SECTION_LABEL) as (keyof Interview)[])
    .filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]))
    .map((key) => SECTION_LABEL[key] as string);
}

/** One reason of a rejection, said in French. */
export function rejectionInFrench(issue: { path: string; message: string }): string {
  const { path, message } = issue;
  if (/closed on the server/.test(message)) {
    return 'Cet entretien est déjà clôturé sur le serveur : une correction doit être faite dans une nouvelle version de l’entretien.';
  }
  if (/territory/.test(message)) {
    return 'Cet enregistrement appartient à un autre territoire que celui de ce poste.';
  }
  if (path === 'schemaVersion') {
    return 'Les données ont été écrites par une version de codiag que le serveur ne sait pas lire : le serveur doit être mis à jour.';
  }
  if (path === 'baseRevision') {
    return 'Le serveur ne connaît pas cet entretien alors que ce poste pensait l’avoir déjà envoyé (serveur restauré ?).';
  }
  if (path === 'entityType') return 'Ce type de donnée n’est pas accepté par le serveur.';
  return `Donnée refusée au champ « ${path} » (attendu : ${message}).`;
}

export function personName(interview: Interview | null): string {
  if (!interview) return 'Entretien illisible';
  return `${interview.identity.firstName} ${interview.identity.lastName}`;
}
