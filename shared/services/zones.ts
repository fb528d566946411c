/**
 * Whether a service's `zone_eligibilite` (data.inclusion, INSEE Code officiel géographique) covers
 * the person's commune: the commune itself, its EPCI (through a lookup the caller passes in, since
 * the commune → EPCI table is data the core does not ship: the server publishes the EPCIs its
 * catalogue names, `Epci`), its département, or all of France.
 */
import { z } from 'zod';
import { assertNever } from '../util/assert';
import { classifyZoneCode } from './service-schema';

/**
 * An EPCI (intercommunalité à fiscalité propre, named by its SIREN) and its member communes, as
 * the server publishes it for the services whose zone names it. A commune belongs to one EPCI.
 */
export const EpciSchema = z.strictObject({
  code: z.string().regex(/^\d{9}$/, 'expected an EPCI code (SIREN, 9 digits)'),
  nom: z.string().trim().min(1, 'required'),
  communes: z.array(
    z.string().regex(/^(?:\d{5}|2[AB]\d{3})$/, 'expected a commune code (5 characters)'),
  ),
});
export type Epci = z.infer<typeof EpciSchema>;

/** The lookup `matchZone` takes, from the EPCIs a laptop holds. */
export function epciLookupOf(epcis: readonly Epci[]): EpciLookup {
  const byCommune = new Map<string, string>();
  for (const epci of epcis) for (const commune of epci.communes) byCommune.set(commune, epci.code);
  return (communeCode) => byCommune.get(communeCode);
}

/** How precisely a zone covers the commune, from the most local. */
export type ZoneMatch = 'commune' | 'epci' | 'departement' | 'france' | 'unspecified';

export const ZONE_MATCH_ORDER: readonly ZoneMatch[] = [
  'commune',
  'epci',
  'departement',
  'france',
  'unspecified',
];

/** Commune → EPCI code (SIREN, 9 digits), or undefined when unknown. */
export type EpciLookup = (communeCode: string) => string | null | undefined;

/** The département of a commune code: 3 characters overseas (971…976), 2 elsewhere (59, 2A). */
export function departementOf(communeCode: string): string {
  return communeCode.startsWith('97') ? communeCode.slice(0, 3) : communeCode.slice(0, 2);
}

/**
 * The most local way the zone covers the commune, or null if it does not. A service without a
 * zone is `unspecified` (eligibility unknown); without a commune only national zones match.
 */
export function matchZone(
  zone: readonly string[] | null,
  communeCode: string | null,
  epciOf?: EpciLookup,
): ZoneMatch | null {
  if (zone === null) return 'unspecified';
  const epci = communeCode && epciOf ? (epciOf(communeCode) ?? null) : null;
  const departement = communeCode ? departementOf(communeCode) : null;
  let best: ZoneMatch | null = null;
  const consider = (match: ZoneMatch) => {
    if (best === null || ZONE_MATCH_ORDER.indexOf(match) < ZONE_MATCH_ORDER.indexOf(best)) {
      best = match;
    }
  };
  for (const code of zone) {
    const kind = classifyZoneCode(code);
    switch (kind) {
      case 'france':
        consider('france');
        break;
      case 'commune':
        if (code === communeCode) consider('commune');
        break;
      case 'epci':
        if (epci !== null && code === epci) consider('epci');
        break;
      case 'departement':
        if (code === departement) consider('departement');
        break;
      case 'country':
      case null:
        break;
      default:
        assertNever(kind);
    }
  }
  return best;
}
