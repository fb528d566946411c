/**
 * The evaluation file (Annexe 8 of the convention, DOMAIN §5): one row per closed interview with
 * the identification, professional and personal fields the Ministry of Labour's evaluation asks
 * for, optionally pseudonymised. What the interview cannot know (exit from the parcours, job or
 * training found, actual start and end of actions) comes from an optional follow-up record.
 * Every column is documented in docs/evaluation-data-dictionary.md.
 */
import { z } from 'zod';
import type { ContractAction, Interview } from '../domain/interview';
import { ContractTypeSchema, WorkingTimeSchema } from '../domain/interview';
import { IdSchema } from '../domain/people';
import { type CsvCell, type CsvWriteOptions, toCsv } from '../util/csv';
import { IsoDateSchema } from '../util/dates';
import {
  normaliseEmail,
  normaliseName,
  normalisePhone,
  normaliseText,
  type Pseudonymiser,
} from './pseudonymise';
import { isInPeriod, latestVersions, OPEN_PERIOD, type Period } from './records';

/** What happened after the diagnostic, as the département's system records it (per person). */
export const EvaluationFollowUpSchema = z.strictObject({
  beneficiaryId: IdSchema,
  parcoursEntryDate: IsoDateSchema.nullable(),
  parcoursExitDate: IsoDateSchema.nullable(),
  jobFound: z.boolean().nullable(),
  trainingFound: z.boolean().nullable(),
  employmentKind: z.enum(['employee', 'self-employed']).nullable(),
  contractType: ContractTypeSchema.nullable(),
  workingTime: WorkingTimeSchema.nullable(),
  /** Actual start and end of the contract's actions, by action id. */
  actions: z.array(
    z.strictObject({
      actionId: IdSchema,
      startedOn: IsoDateSchema.nullable(),
      endedOn: IsoDateSchema.nullable(),
    }),
  ),
});
export type EvaluationFollowUp = z.infer<typeof EvaluationFollowUpSchema>;

export interface EvaluationInput {
  interview: Interview;
  followUp?: EvaluationFollowUp | null;
  territory?: string | null;
}

export type ColumnGroup = 'technique' | 'identification' | 'professionnel' | 'personnel';
export type ColumnType = 'identifiant' | 'texte' | 'date' | 'année' | 'nombre' | 'oui/non' | 'code';
/** What pseudonymisation does to a column. */
export type PseudonymisedAs = 'hashed' | 'removed' | 'kept';

export interface EvaluationColumn {
  key: string;
  label: string;
  group: ColumnGroup;
  type: ColumnType;
  source: string;
  pseudonymised: PseudonymisedAs;
}

/** Contract actions written out, in due-date order; `nb_actions` tells when there were more. */
export const EVALUATION_MAX_ACTIONS = 5;

const col = (
  key: string,
  label: string,
  group: ColumnGroup,
  type: ColumnType,
  source: string,
  pseudonymised: PseudonymisedAs = 'kept',
): EvaluationColumn => ({ key, label, group, type, source, pseudonymised });

function actionColumns(): EvaluationColumn[] {
  const columns: EvaluationColumn[] = [];
  for (let n = 1; n <= EVALUATION_MAX_ACTIONS; n++) {
    const src = `contract.actions (n° ${n} par échéance)`;
    columns.push(
      col(`action_${n}_domaine`, `Action ${n} : domaine`, 'professionnel', 'code', `${src}.domain`),
      col(
        `action_${n}_libelle`,
        `Action ${n} : libellé`,
        'professionnel',
        'texte',
        `${src}.label`,
        'removed',
      ),
      col(
        `action_${n}_echeance`,
        `Action ${n} : échéance`,
        'professionnel',
        'date',
        `${src}.dueDate`,
      ),
      col(
        `action_${n}_debut`,
        `Action ${n} : date de début`,
        'professionnel',
        'date',
        'followUp.actions[].startedOn',
      ),
      col(
        `action_${n}_fin`,
        `Action ${n} : date de fin`,
        'professionnel',
        'date',
        'followUp.actions[].endedOn',
      ),
    );
  }
  return columns;
}

export const EVALUATION_COLUMNS: readonly EvaluationColumn[] = [
  col('id_entretien', "Identifiant de l'entretien", 'technique', 'identifiant', 'id', 'hashed'),
  col(
    'id_beneficiaire',
    'Identifiant du bénéficiaire',
    'technique',
    'identifiant',
    'beneficiaryId',
    'hashed',
  ),
  col('date_entretien', 'Date du co-diagnostic', 'technique', 'date', 'date'),
  col('cohorte', 'Cohorte (nouvel entrant ou stock)', 'technique', 'code', 'identity.cohort'),
  col(
    'date_ouverture_droits',
    "Date d'ouverture des droits RSA",
    'technique',
    'date',
    'identity.rsaRightsOpenedOn',
  ),
  col('presence', 'Présence au co-diagnostic', 'technique', 'code', 'attendance.beneficiary'),
  col('nom', 'Nom', 'identification', 'texte', 'identity.lastName', 'hashed'),
  col('prenom', 'Prénom', 'identification', 'texte', 'identity.firstName', 'hashed'),
  col(
    'date_naissance',
    'Date de naissance',
    'identification',
    'date',
    'identity.birthDate',
    'hashed',
  ),
  col('annee_naissance', 'Année de naissance', 'identification', 'année', 'identity.birthDate'),
  col('adresse', 'Adresse (voie)', 'identification', 'texte', 'identity.address.street', 'hashed'),
  col('code_postal', 'Code postal', 'identification', 'code', 'identity.address.postcode'),
  col('commune', 'Commune', 'identification', 'texte', 'identity.address.city'),
  col(
    'code_insee_commune',
    'Code INSEE de la commune',
    'identification',
    'code',
    'identity.address.inseeCode',
  ),
  col('courriel', 'Adresse électronique', 'identification', 'texte', 'identity.email', 'hashed'),
  col('telephone', 'Téléphone', 'identification', 'texte', 'identity.phone', 'hashed'),
  col('sexe', 'Sexe', 'identification', 'code', 'identity.sex'),
  col(
    'date_entree_parcours',
    "Date d'entrée dans le parcours",
    'professionnel',
    'date',
    'followUp.parcoursEntryDate, sinon date (diagnostic avec décision)',
  ),
  col(
    'date_sortie_parcours',
    'Date de sortie du parcours',
    'professionnel',
    'date',
    'followUp.parcoursExitDate',
  ),
  col('dominante', 'Dominante retenue', 'professionnel', 'code', 'decision.finalDominante'),
  col(
    'structure_referente',
    'Structure du référent unique',
    'professionnel',
    'code',
    'decision.referentStructureId',
  ),
  col(
    'accompagnement_intensif',
    'Accompagnement intensif (15–20 h)',
    'professionnel',
    'oui/non',
    'decision.weeklyHours.mode',
  ),
  col('nb_actions', "Nombre d'actions du contrat", 'professionnel', 'nombre', 'contract.actions'),
  ...actionColumns(),
  col(
    'diplome_plus_eleve',
    'Niveau de diplôme le plus élevé (code France Travail)',
    'professionnel',
    'code',
    'employment.educationLevel',
  ),
  col(
    'situation_professionnelle',
    'Situation professionnelle actuelle',
    'professionnel',
    'code',
    'employment.workSituation',
  ),
  col(
    'temps_travail_actuel',
    'Temps de travail actuel (si en emploi)',
    'professionnel',
    'code',
    'employment.workingTime',
  ),
  col('emploi_trouve', 'Emploi trouvé', 'professionnel', 'oui/non', 'followUp.jobFound'),
  col(
    'formation_trouvee',
    'Formation trouvée',
    'professionnel',
    'oui/non',
    'followUp.trainingFound',
  ),
  col(
    'salarie_ou_independant',
    'Salarié ou indépendant',
    'professionnel',
    'code',
    'followUp.employmentKind',
  ),
  col('type_contrat', 'Type de contrat', 'professionnel', 'code', 'followUp.contractType'),
  col(
    'temps_plein_ou_partiel',
    'Temps plein ou partiel (emploi trouvé)',
    'professionnel',
    'code',
    'followUp.workingTime',
  ),
  col('situation_familiale', 'Situation familiale', 'personnel', 'code', 'identity.maritalStatus'),
  col(
    'enfants_a_charge',
    'Enfants à charge',
    'personnel',
    'oui/non',
    'identity.dependentChildren > 0',
  ),
  col(
    'nb_enfants_a_charge',
    "Nombre d'enfants à charge",
    'personnel',
    'nombre',
    'identity.dependentChildren',
  ),
  col(
    'nb_enfants_moins_3_ans',
    "Nombre d'enfants de moins de 3 ans",
    'personnel',
    'nombre',
    'identity.childrenUnder3',
  ),
];

export const EVALUATION_HEADER: readonly string[] = EVALUATION_COLUMNS.map((c) => c.key);

export type EvaluationRow = Record<string, CsvCell>;

export interface EvaluationOptions {
  period?: Period;
  territory?: string | null;
  /** Replace direct identifiers by a keyed hash and leave out free text (see the columns). */
  pseudonymise?: Pseudonymiser | null;
  /** Follow-ups matched by beneficiary, for inputs that do not carry their own. */
  followUps?: readonly EvaluationFollowUp[];
}

/** The export's code values in plain French, so the file reads without a lookup table. */
const ATTENDANCE = { present: 'présent', absent: 'absent', excused: 'excusé' } as const;
const COHORT = { flux: 'nouvel entrant', stock: 'stock' } as const;
const WORKING_TIME = { full: 'temps plein', part: 'temps partiel' } as const;
const EMPLOYMENT_KIND = { employee: 'salarié', 'self-employed': 'indépendant' } as const;
export const MARITAL_STATUS_LABELS = {
  single: 'célibataire',
  married: 'marié(e)',
  'civil-partnership': 'pacsé(e)',
  cohabiting: 'en concubinage',
  separated: 'séparé(e)',
  divorced: 'divorcé(e)',
  widowed: 'veuf ou veuve',
} as const;
export const CONTRACT_TYPE_LABELS = {
  CDI: 'CDI',
  CDD: 'CDD',
  interim: 'intérim',
  seasonal: 'saisonnier',
  'self-employed': 'indépendant',
  professionalisation: 'contrat de professionnalisation',
  apprenticeship: 'apprentissage',
  'wage-portage': 'portage salarial',
} as const;
export const WORK_SITUATION_LABELS = {
  'job-seeking': "en recherche d'emploi",
  'training-seeking': 'en recherche de formation',
  'work-study-seeking': "en recherche d'alternance",
  employed: 'en emploi',
  'in-training': 'en formation',
  internship: 'en stage',
  iae: 'en insertion par l’activité économique (IAE)',
  'temp-work': 'en intérim',
  'business-creation': "en création d'entreprise",
  student: 'étudiant',
  retired: 'retraité',
  'sick-or-invalid': 'maladie ou invalidité',
  'parental-leave': 'congé parental',
  'at-home': 'au foyer',
  'family-caregiver': 'aidant familial',
  other: 'autre',
} as const;
const ACTION_DOMAIN = {
  employment: 'emploi',
  housing: 'logement',
  health: 'santé',
  mobility: 'mobilité',
  family: 'famille',
  language: 'langue',
  budget: 'budget',
  digital: 'numérique',
  administrative: 'démarches administratives',
} as const satisfies Record<ContractAction['domain'], string>;

const yesNo = (value: boolean | null | undefined): string | null =>
  value === null || value === undefined ? null : value ? 'oui' : 'non';

/** One row, keyed by column. */
export function buildEvaluationRow(
  input: EvaluationInput,
  options: Pick<EvaluationOptions, 'pseudonymise'> = {},
): EvaluationRow {
  const { interview: i } = input;
  const followUp = input.followUp ?? null;
  if (followUp && followUp.beneficiaryId !== i.beneficiaryId) {
    throw new Error(
      `follow-up of beneficiary ${followUp.beneficiaryId} given for interview ${i.id} of another beneficiary`,
    );
  }
  const hash = options.pseudonymise ?? null;
  const identifier = (value: string | null | undefined, normalise: (v: string) => string) =>
    value === null || value === undefined || value === ''
      ? null
      : hash
        ? hash(normalise(value))
        : value;
  const removed = (value: string) => (hash ? null : value);
  const decision = i.decision;
  const diagnostic = i.status === 'closed' && decision !== null;
  const address = i.identity.address;
  const children = i.identity.dependentChildren;

  const row: EvaluationRow = {
    id_entretien: identifier(i.id, (v) => `entretien:${v}`),
    id_beneficiaire: identifier(i.beneficiaryId, (v) => `beneficiaire:${v}`),
    date_entretien: i.date,
    cohorte: COHORT[i.identity.cohort],
    date_ouverture_droits: i.identity.rsaRightsOpenedOn,
    presence: i.attendance.beneficiary === null ? null : ATTENDANCE[i.attendance.beneficiary],
    nom: identifier(i.identity.lastName, normaliseName),
    prenom: identifier(i.identity.firstName, normaliseName),
    date_naissance: identifier(i.identity.birthDate, (v) => v),
    annee_naissance: Number(i.identity.birthDate.slice(0, 4)),
    adresse: identifier(address?.street, normaliseText),
    code_postal: address?.postcode ?? null,
    commune: address?.city ?? null,
    code_insee_commune: address?.inseeCode ?? null,
    courriel: identifier(i.identity.email, normaliseEmail),
    telephone: identifier(i.identity.phone, normalisePhone),
    sexe: i.identity.sex,
    date_entree_parcours: followUp?.parcoursEntryDate ?? (diagnostic ? i.date : null),
    date_sortie_parcours: followUp?.parcoursExitDate ?? null,
    dominante: decision?.finalDominante ?? null,
    structure_referente: decision?.referentStructureId ?? null,
    accompagnement_intensif: decision
      ? yesNo(
          decision.weeklyHours.mode === 'standard' || decision.weeklyHours.mode === 'progressive',
        )
      : null,
    nb_actions: i.contract.actions.length,
    diplome_plus_eleve: i.employment.educationLevel,
    situation_professionnelle: i.employment.workSituation
      ? WORK_SITUATION_LABELS[i.employment.workSituation]
      : null,
    temps_travail_actuel: i.employment.workingTime ? WORKING_TIME[i.employment.workingTime] : null,
    emploi_trouve: yesNo(followUp?.jobFound),
    formation_trouvee: yesNo(followUp?.trainingFound),
    salarie_ou_independant: followUp?.employmentKind
      ? EMPLOYMENT_KIND[followUp.employmentKind]
      : null,
    type_contrat: followUp?.contractType ? CONTRACT_TYPE_LABELS[followUp.contractType] : null,
    temps_plein_ou_partiel: followUp?.workingTime ? WORKING_TIME[followUp.workingTime] : null,
    situation_familiale: i.identity.maritalStatus
      ? MARITAL_STATUS_LABELS[i.identity.maritalStatus]
      : null,
    enfants_a_charge: children === null ? null : yesNo(children > 0),
    nb_enfants_a_charge: children,
    nb_enfants_moins_3_ans: i.identity.childrenUnder3,
  };

  const actions = [...i.contract.actions].sort((a, b) =>
    a.dueDate === b.dueDate ? 0 : a.dueDate < b.dueDate ? -1 : 1,
  );
  const dates = new Map((followUp?.actions ?? []).map((a) => [a.actionId, a]));
  for (let n = 1; n <= EVALUATION_MAX_ACTIONS; n++) {
    const action = actions[n - 1];
    const actual = action ? dates.get(action.id) : undefined;
    row[`action_${n}_domaine`] = action ? ACTION_DOMAIN[action.domain] : null;
    row[`action_${n}_libelle`] = action ? removed(action.label) : null;
    row[`action_${n}_echeance`] = action?.dueDate ?? null;
    row[`action_${n}_debut`] = actual?.startedOn ?? null;
    row[`action_${n}_fin`] = actual?.endedOn ?? null;
  }
  return row;
}

/**
 * The rows of the evaluation file: the latest version of each closed interview dated in the
 * period (and of the territory, when given), in date order. An input without its own follow-up
 * takes the one of its beneficiary from `options.followUps`.
 */
export function buildEvaluationRows(
  inputs: readonly EvaluationInput[],
  options: EvaluationOptions = {},
): EvaluationRow[] {
  const period = options.period ?? OPEN_PERIOD;
  const followUps = new Map((options.followUps ?? []).map((f) => [f.beneficiaryId, f]));
  return latestVersions(inputs)
    .filter(
      (r) =>
        r.interview.status === 'closed' &&
        isInPeriod(r.interview.date, period) &&
        (options.territory === undefined || (r.territory ?? null) === options.territory),
    )
    .sort((a, b) =>
      a.interview.date !== b.interview.date
        ? a.interview.date < b.interview.date
          ? -1
          : 1
        : a.interview.id < b.interview.id
          ? -1
          : 1,
    )
    .map((r) =>
      buildEvaluationRow(
        { ...r, followUp: r.followUp ?? followUps.get(r.interview.beneficiaryId) ?? null },
        { pseudonymise: options.pseudonymise ?? null },
      ),
    );
}

/** The evaluation file as CSV: the header of column keys, then one line per row. */
export function evaluationRowsToCsv(
  rows: readonly EvaluationRow[],
  options: CsvWriteOptions = {},
): string {
  return toCsv(
    [EVALUATION_HEADER, ...rows.map((row) => EVALUATION_HEADER.map((key) => row[key] ?? null))],
    options,
  );
}
