/**
 * Offline suggestions of local services for the contract's actions (DOMAIN §3, §9): for each barrier
 * domain the person has (light or heavy), the services of the pulled data.inclusion catalogue whose
 * thématiques answer that domain — the mapping is référentiel data (`serviceThemes`) — and whose
 * eligibility zone covers the person's commune. Heavy barriers first; within a domain, the most
 * local services first.
 */
import { BARRIER_DOMAINS, type BarrierDomain } from '../domain/criteria';
import type { Interview } from '../domain/interview';
import type { Referential } from '../referential/load-referential';
import type { Service } from './service-schema';
import { type EpciLookup, matchZone, ZONE_MATCH_ORDER, type ZoneMatch } from './zones';

export interface ServiceSuggestion {
  service: Service;
  /** The service's thématiques that answer the domain. */
  matchedThemes: string[];
  zone: ZoneMatch;
}

export interface DomainServiceSuggestions {
  domain: BarrierDomain;
  /** French label of the domain in the référentiel. */
  label: string;
  severity: 'light' | 'heavy';
  /** The thématiques the référentiel maps the domain to (empty: no mapping for it). */
  themes: readonly string[];
  services: ServiceSuggestion[];
}

export interface ServiceSuggestions {
  /** The commune the zones were matched against (identity.address.inseeCode). */
  communeCode: string | null;
  /** False when the référentiel has no `serviceThemes`: nothing can be suggested. */
  mappingAvailable: boolean;
  domains: DomainServiceSuggestions[];
}

export interface SuggestOptions {
  epciOf?: EpciLookup;
  /**
   * The person's INSEE commune when the address does not carry it (`findCommune` from the
   * postcode and name); the address's own code otherwise.
   */
  communeCode?: string | null;
  /** Suggest services whose catalogue entry gives no zone (default true; flagged `unspecified`). */
  includeUnspecifiedZone?: boolean;
}

/** `mobilite` matches itself and every `mobilite--…`; `famille--garde-denfants` only itself. */
export function themeMatches(pattern: string, theme: string): boolean {
  return pattern.includes('--')
    ? theme === pattern
    : theme === pattern || theme.startsWith(`${pattern}--`);
}

export function suggestServices(
  services: readonly Service[],
  interview: Interview,
  referential: Referential,
  options: SuggestOptions = {},
): ServiceSuggestions {
  const communeCode = interview.identity.address?.inseeCode ?? options.communeCode ?? null;
  const mapping = referential.serviceThemes?.byDomain;
  const includeUnspecified = options.includeUnspecifiedZone ?? true;
  const domains: DomainServiceSuggestions[] = [];
  for (const domain of BARRIER_DOMAINS) {
    const severity = interview.barriers[domain]?.severity;
    if (severity !== 'light' && severity !== 'heavy') continue;
    const themes = mapping?.[domain] ?? [];
    const suggestions: ServiceSuggestion[] = [];
    for (const service of services) {
      const matchedThemes = (service.thematiques ?? []).filter((t) =>
        themes.some((pattern) => themeMatches(pattern, t)),
      );
      if (matchedThemes.length === 0) continue;
      const zone = matchZone(service.zone_eligibilite, communeCode, options.epciOf);
      if (zone === null || (zone === 'unspecified' && !includeUnspecified)) continue;
      suggestions.push({ service, matchedThemes, zone });
    }
    suggestions.sort(
      (a, b) =>
        ZONE_MATCH_ORDER.indexOf(a.zone) - ZONE_MATCH_ORDER.indexOf(b.zone) ||
        a.service.nom.localeCompare(b.service.nom, 'fr') ||
        (a.service.id < b.service.id ? -1 : a.service.id > b.service.id ? 1 : 0),
    );
    domains.push({
      domain,
      label: referential.barrierDomains.find((d) => d.code === domain)?.label ?? domain,
      severity,
      themes,
      services: suggestions,
    });
  }
  // Heavy barriers first; the référentiel's domain order otherwise (sort is stable).
  domains.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'heavy' ? -1 : 1));
  return { communeCode, mappingAvailable: mapping !== undefined, domains };
}
