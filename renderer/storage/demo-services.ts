/**
 * A handful of obviously fake local services (source « démo ») so that the contract's service
 * suggestions and weekly plan can be seen without a server (`?demo=1`). Only when the laptop has
 * no service at all; never in the packaged app.
 */
import type { CommuneTable, Epci, ServiceInput } from '../../shared/services';
import type { StorageContext } from './database';
import {
  catalogueChanged,
  COMMUNES_META_PREFIX,
  EPCI_META_PREFIX,
  saveServices,
} from './service-repository';

const DESCRIPTION =
  'Service fictif de démonstration : il n’existe pas. Il montre comment les services locaux sont proposés dans le contrat.';

function demoService(
  n: number,
  nom: string,
  thematiques: string[],
  hours: number | null,
  weeks: number | null,
  zone: string[],
): ServiceInput {
  return {
    id: `demo-service-${n}`,
    structure_id: 'demo-structure',
    source: 'démo',
    nom: `Démo — ${nom}`,
    description: DESCRIPTION,
    date_maj: '2026-01-05',
    type: 'accompagnement',
    thematiques,
    frais: 'gratuit',
    publics: ['beneficiaires-des-minimas-sociaux'],
    modes_accueil: ['en-presentiel'],
    zone_eligibilite: zone,
    commune: 'Tourcoing (fictif)',
    volume_horaire_hebdomadaire: hours,
    nombre_semaines: weeks,
  };
}

export function buildDemoServices(): ServiceInput[] {
  return [
    demoService(1, 'Auto-école sociale', ['mobilite--preparer-son-permis-de-conduire'], 6, 12, [
      '59',
    ]),
    demoService(2, 'Location de vélos à 1 €', ['mobilite--louer-un-vehicule'], 2, null, ['59599']),
    demoService(3, 'Halte-garderie solidaire', ['famille--garde-denfants'], 8, null, ['59']),
    demoService(
      4,
      'Atelier numérique débutants',
      ['numerique--prendre-en-main-un-ordinateur'],
      4,
      8,
      ['france'],
    ),
    demoService(
      5,
      'Permanence logement',
      ['logement-hebergement--etre-accompagne-pour-se-loger'],
      2,
      null,
      ['59'],
    ),
    demoService(6, 'Bilan de santé', ['sante--faire-un-bilan-de-sante'], 3, 2, ['59']),
    demoService(7, 'Cours de français', ['apprendre-francais--suivre-formation'], 6, 20, ['59']),
    // Open to the Métropole Européenne de Lille (its SIREN), where the demo people live.
    demoService(
      8,
      'Garage solidaire de la métropole',
      ['mobilite--entretenir-reparer-son-vehicule'],
      null,
      null,
      [DEMO_EPCI.code],
    ),
  ];
}

/**
 * The EPCI a demo service names, as the server would publish it with the catalogue, but with only
 * the communes of the demo people (shared/demo/fake-people.ts); the server sends all of them.
 */
export const DEMO_EPCI: Epci = {
  code: '200093201',
  nom: 'Métropole Européenne de Lille',
  communes: ['59350', '59512', '59599', '59650'],
};

/**
 * The communes of the demo people with their postcodes, as the server publishes a département's
 * table (the server sends all 647 communes of the Nord).
 */
export const DEMO_COMMUNES: CommuneTable = {
  departement: '59',
  communes: [
    { code: '59350', nom: 'Lille', codesPostaux: ['59000', '59160', '59260', '59777', '59800'] },
    { code: '59512', nom: 'Roubaix', codesPostaux: ['59100'] },
    { code: '59599', nom: 'Tourcoing', codesPostaux: ['59200'] },
    { code: '59650', nom: 'Wattrelos', codesPostaux: ['59150'] },
  ],
};

/** Seeds the demo services (and their EPCI and communes) once; returns whether it did. */
export async function seedDemoServicesIfEmpty(ctx: StorageContext): Promise<boolean> {
  if ((await ctx.db.services.count()) > 0) return false;
  await saveServices(ctx, buildDemoServices());
  await ctx.db.meta.bulkPut([
    { key: `${EPCI_META_PREFIX}${DEMO_EPCI.code}`, value: DEMO_EPCI },
    { key: `${COMMUNES_META_PREFIX}${DEMO_COMMUNES.departement}`, value: DEMO_COMMUNES },
  ]);
  catalogueChanged(ctx);
  return true;
}
