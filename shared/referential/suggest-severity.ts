/**
 * The severity the référentiel suggests for a barrier domain from the situations ticked (DOMAIN
 * §8): the heaviest suggestion among them. The professionals decide; this is only a hint.
 */
import type { BarrierDomain, Severity } from '../domain/criteria';
import type { Referential } from './load-referential';

const RANK: Record<Severity, number> = { none: 0, light: 1, heavy: 2 };

export function suggestSeverity(
  referential: Referential,
  domain: BarrierDomain,
  situations: readonly string[],
): Severity | null {
  const def = referential.barrierDomains.find((d) => d.code === domain);
  if (!def || situations.length === 0) return null;
  let best: Severity | null = null;
  for (const code of situations) {
    const suggested = def.situations.find((s) => s.code === code)?.suggests;
    if (suggested && (best === null || RANK[suggested] > RANK[best])) best = suggested;
  }
  return best ?? 'none';
}
