/**
 * A local insertion service in the data.inclusion format (schéma des services v1, DOMAIN §9): the
 * catalogue the département imports and the laptops pull, to suggest services for each barrier in
 * the contract's actions. Constraints follow the published schema: required `source`,
 * `structure_id`, `id`, `nom` (3–150 characters), `description` (50–2000), `date_maj` (a date);
 * enumerations for `type`, `frais`, `publics`, `modes_accueil`, `modes_mobilisation`,
 * `mobilisable_par`; `thematiques` as `theme` or `theme--sous-theme` (their list changes between
 * versions, so only the form is checked); `zone_eligibilite` as commune, EPCI, département or
 * country codes, or `france`.
 */
import { z } from 'zod';
import { ServiceThemeSchema } from '../referential/schema';
import { IsoDateSchema } from '../util/dates';

export const SERVICE_TYPES = [
  'accompagnement',
  'aide-financiere',
  'aide-materielle',
  'atelier',
  'formation',
  'information',
] as const;
export const FRAIS = ['gratuit', 'payant'] as const;
export const PUBLICS = [
  'tous-publics',
  'actifs',
  'beneficiaires-des-minimas-sociaux',
  'demandeurs-emploi',
  'etudiants',
  'familles',
  'femmes',
  'jeunes',
  'personnes-en-situation-de-handicap',
  'personnes-en-situation-durgence',
  'personnes-en-situation-juridique-specifique',
  'personnes-exilees',
  'residents-qpv-frr',
  'seniors',
] as const;
export const MODES_ACCUEIL = ['a-distance', 'en-presentiel'] as const;
export const MODES_MOBILISATION = [
  'envoyer-un-courriel',
  'se-presenter',
  'telephoner',
  'utiliser-lien-mobilisation',
] as const;
export const MOBILISABLE_PAR = ['usagers', 'professionnels'] as const;

/** Lengths of the published schema (the data.inclusion validator itself has been laxer). */
export const SERVICE_LIMITS = {
  nom: { min: 3, max: 150 },
  description: { min: 50, max: 2000 },
  /** `date_maj` must be in the 21st century. */
  earliestDateMaj: '2000-01-01',
} as const;

export type ZoneKind = 'france' | 'country' | 'epci' | 'commune' | 'departement';

const COMMUNE = /^(?:\d{5}|2[AB]\d{3})$/;
const EPCI = /^\d{9}$/;
const COUNTRY = /^99\d{3}$/;
/** Metropolitan 01–95 (Corsica as 2A, 2B, never 20) and overseas 971–976. */
const DEPARTEMENT = /^(?:0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5]|97[1-6])$/;
export const FRANCE_COUNTRY_CODE = '99100';

/** What a `zone_eligibilite` code designates, or null if it is none of the accepted forms. */
export function classifyZoneCode(code: string): ZoneKind | null {
  if (code === 'france' || code === FRANCE_COUNTRY_CODE) return 'france';
  if (COUNTRY.test(code)) return 'country';
  if (EPCI.test(code)) return 'epci';
  if (COMMUNE.test(code)) return 'commune';
  if (DEPARTEMENT.test(code)) return 'departement';
  return null;
}

export const ZoneCodeSchema = z
  .string()
  .refine(
    (code) => classifyZoneCode(code) !== null,
    'expected a commune code (5 characters), an EPCI code (9 digits), a département code (59, 2A, 971…), a country code (99xxx) or france',
  );

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().default(null);
const text = () => nullable(z.string().trim().min(1));
const enumArray = <const T extends readonly [string, ...string[]]>(values: T) =>
  nullable(z.array(z.enum(values)).min(1));

export const ServiceSchema = z
  .object({
    source: z.string().trim().min(1, 'required'),
    structure_id: z.string().trim().min(1, 'required'),
    id: z.string().trim().min(1, 'required'),
    nom: z
      .string()
      .trim()
      .min(
        SERVICE_LIMITS.nom.min,
        `expected ${SERVICE_LIMITS.nom.min} to ${SERVICE_LIMITS.nom.max} characters`,
      )
      .max(
        SERVICE_LIMITS.nom.max,
        `expected ${SERVICE_LIMITS.nom.min} to ${SERVICE_LIMITS.nom.max} characters`,
      ),
    description: z
      .string()
      .trim()
      .min(
        SERVICE_LIMITS.description.min,
        `expected ${SERVICE_LIMITS.description.min} to ${SERVICE_LIMITS.description.max} characters`,
      )
      .max(
        SERVICE_LIMITS.description.max,
        `expected ${SERVICE_LIMITS.description.min} to ${SERVICE_LIMITS.description.max} characters`,
      ),
    date_maj: IsoDateSchema.refine(
      (d) => d >= SERVICE_LIMITS.earliestDateMaj,
      'expected a date in the 21st century',
    ),
    type: nullable(z.enum(SERVICE_TYPES)),
    thematiques: nullable(z.array(ServiceThemeSchema)),
    frais: nullable(z.enum(FRAIS)),
    frais_precisions: text(),
    publics: enumArray(PUBLICS),
    publics_precisions: text(),
    conditions_acces: text(),
    commune: text(),
    code_postal: nullable(z.string().regex(/^\d{5}$/, 'expected a 5-digit postcode')),
    code_insee: nullable(z.string().regex(COMMUNE, 'expected a 5-character INSEE commune code')),
    adresse: text(),
    complement_adresse: text(),
    longitude: nullable(z.number().min(-180).max(180)),
    latitude: nullable(z.number().min(-90).max(90)),
    telephone: text(),
    courriel: nullable(z.email()),
    contact_nom_prenom: text(),
    modes_accueil: enumArray(MODES_ACCUEIL),
    zone_eligibilite: nullable(z.array(ZoneCodeSchema).min(1)),
    lien_source: nullable(z.url({ protocol: /^https?$/ })),
    lien_mobilisation: nullable(z.url({ protocol: /^https?$/ })),
    modes_mobilisation: enumArray(MODES_MOBILISATION),
    mobilisable_par: enumArray(MOBILISABLE_PAR),
    mobilisation_precisions: text(),
    /** Hours a week: what the 15–20 hours of weekly activity add up. */
    volume_horaire_hebdomadaire: nullable(z.number().min(0).max(168)),
    nombre_semaines: nullable(z.number().int().min(1)),
    horaires_accueil: text(),
  })
  .superRefine((service, ctx) => {
    if (service.publics && service.publics.includes('tous-publics') && service.publics.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['publics'],
        message: 'tous-publics cannot be combined with other publics',
      });
    }
  });
export type Service = z.infer<typeof ServiceSchema>;
/** A service as a file may write it: optional fields may be left out. */
export type ServiceInput = z.input<typeof ServiceSchema>;

/**
 * A service the département withdrew from its catalogue (`codiag import-services
 * --withdraw-missing`: absent from a complete export of its source). Laptops stop suggesting it;
 * an action that already names it keeps its details and says it was withdrawn.
 */
export const ServiceWithdrawalSchema = z.strictObject({
  source: z.string().trim().min(1, 'required'),
  id: z.string().trim().min(1, 'required'),
  withdrawn: z.literal(true),
  /** The day of the import that withdrew it. */
  withdrawnOn: IsoDateSchema,
});
export type ServiceWithdrawal = z.infer<typeof ServiceWithdrawalSchema>;

export const isServiceWithdrawal = (
  payload: Service | ServiceWithdrawal,
): payload is ServiceWithdrawal => 'withdrawn' in payload;

/** The fields a catalogue row holds as lists (a CSV cell separates them with `|`, `,` or `;`). */
export const SERVICE_LIST_FIELDS = [
  'thematiques',
  'publics',
  'modes_accueil',
  'zone_eligibilite',
  'modes_mobilisation',
  'mobilisable_par',
] as const;
export const SERVICE_NUMBER_FIELDS = [
  'volume_horaire_hebdomadaire',
  'nombre_semaines',
  'longitude',
  'latitude',
] as const;
export const SERVICE_REQUIRED_FIELDS = [
  'id',
  'structure_id',
  'source',
  'nom',
  'description',
  'date_maj',
] as const;
