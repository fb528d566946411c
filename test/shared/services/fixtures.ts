/** Fake data.inclusion services for the tests (invented structures, fake contacts). */
import type { ServiceInput } from '../../../shared/services';

const DESCRIPTION =
  'Un service fictif pour les tests : accompagnement individuel, sur rendez-vous, gratuit pour les personnes au RSA.';

export function serviceInput(overrides: Partial<ServiceInput> & { id: string }): ServiceInput {
  return {
    source: 'test',
    structure_id: 'test--structure-1',
    nom: `Service ${overrides.id}`,
    description: DESCRIPTION,
    date_maj: '2025-02-14',
    ...overrides,
  };
}

export const CATALOGUE: ServiceInput[] = [
  serviceInput({
    id: 'test--auto-ecole-sociale',
    nom: 'Auto-école sociale de Tourcoing',
    thematiques: ['mobilite--preparer-un-permis'],
    zone_eligibilite: ['59599'],
    volume_horaire_hebdomadaire: 6,
    nombre_semaines: 10,
    modes_accueil: ['en-presentiel'],
    publics: ['beneficiaires-des-minimas-sociaux'],
  }),
  serviceInput({
    id: 'test--garage-solidaire',
    nom: 'Garage solidaire de la métropole',
    thematiques: ['mobilite--entretenir-reparer-son-vehicule'],
    zone_eligibilite: ['200093201'],
  }),
  serviceInput({
    id: 'test--plateforme-mobilite-nord',
    nom: 'Plateforme mobilité du Nord',
    thematiques: ['mobilite--etre-accompagne-dans-son-parcours-mobilite'],
    zone_eligibilite: ['59'],
    volume_horaire_hebdomadaire: 2,
  }),
  serviceInput({
    id: 'test--aide-nationale',
    nom: 'Aide nationale à la mobilité',
    thematiques: ['mobilite--financer-ma-mobilite'],
    zone_eligibilite: ['france'],
  }),
  serviceInput({
    id: 'test--mobilite-pas-de-calais',
    nom: 'Mobilité Pas-de-Calais',
    thematiques: ['mobilite'],
    zone_eligibilite: ['62'],
  }),
  serviceInput({
    id: 'test--creche',
    nom: 'Crèche à vocation d’insertion professionnelle',
    thematiques: ['famille--garde-denfants'],
    zone_eligibilite: ['59599', '59512'],
    volume_horaire_hebdomadaire: null,
  }),
  serviceInput({
    id: 'test--parentalite',
    nom: 'Soutien à la parentalité',
    thematiques: ['famille--surmonter-conflits-separation-violence'],
    zone_eligibilite: ['59'],
  }),
  serviceInput({
    id: 'test--atelier-numerique',
    nom: 'Atelier numérique sans zone',
    thematiques: ['numerique--maitriser-les-fondamentaux-du-numerique'],
  }),
];
