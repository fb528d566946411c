/** French labels of the interview's answers that the référentiel does not carry. */
import type { Choice } from '../../ui';

export const WORK_SITUATION_LABELS: Record<string, string> = {
  'job-seeking': "En recherche d'emploi",
  'training-seeking': 'En recherche de formation',
  'work-study-seeking': "En recherche d'alternance",
  employed: 'En emploi',
  'in-training': 'En formation',
  internship: 'En stage',
  iae: 'En insertion (IAE)',
  'temp-work': 'En intérim',
  'business-creation': "Création d'entreprise",
  student: 'Étudiant(e)',
  retired: 'Retraité(e)',
  'sick-or-invalid': 'Maladie ou invalidité',
  'parental-leave': 'Congé parental',
  'at-home': 'Au foyer',
  'family-caregiver': 'Aidant familial',
  other: 'Autre situation',
};

export const EDUCATION_LABELS: Record<string, string> = {
  AFS: 'AFS — aucune formation scolaire',
  CP4: 'CP4 — primaire',
  CFG: 'CFG — certificat de formation générale',
  C3A: 'C3A — fin de 3e',
  C12: 'C12 — seconde ou première',
  NV5: 'NV5 — CAP, BEP',
  NV4: 'NV4 — baccalauréat',
  NV3: 'NV3 — bac + 2',
  NV2: 'NV2 — bac + 3 ou + 4',
  NV1: 'NV1 — bac + 5 et plus',
};

export const MARITAL_LABELS: Record<string, string> = {
  single: 'Célibataire',
  married: 'Marié(e)',
  'civil-partnership': 'Pacsé(e)',
  cohabiting: 'En concubinage',
  separated: 'Séparé(e)',
  divorced: 'Divorcé(e)',
  widowed: 'Veuf ou veuve',
};

export const CONTRACT_TYPE_LABELS: Record<string, string> = {
  CDI: 'CDI',
  CDD: 'CDD',
  interim: 'Intérim',
  seasonal: 'Saisonnier',
  'self-employed': 'Indépendant ou libéral',
  professionalisation: 'Contrat de professionnalisation',
  apprenticeship: 'Apprentissage',
  'wage-portage': 'Portage salarial',
};

export const YES_NO_UNKNOWN: readonly Choice<boolean | null>[] = [
  { value: true, label: 'Oui' },
  { value: false, label: 'Non' },
  { value: null, label: 'Non renseigné' },
];

/** Flux (new entrant) or stock: the person's public, chosen where the interview starts and in it. */
export const COHORT_CHOICES: readonly Choice<string>[] = [
  { value: 'flux', label: 'Flux (nouvel entrant)' },
  { value: 'stock', label: 'Stock' },
];

export const choicesOf = (labels: Record<string, string>): Choice<string>[] =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

export const DECLARED_LABEL = 'À confirmer (déclaré dans la demande RSA)';
