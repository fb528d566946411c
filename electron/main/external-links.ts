/**
 * Which outside web pages the app may open in the user's browser (never inside the app): https
 * only, on an allow-list of public-service origins, no credentials in the URL.
 */
import { parseUrl } from './app-origin';

/** Public references an advisor may need during the interview. Exact origins, https only. */
export const EXTERNAL_ORIGIN_ALLOW_LIST: readonly string[] = [
  'https://www.francetravail.fr',
  'https://www.service-public.fr',
  'https://www.legifrance.gouv.fr',
  'https://www.caf.fr',
  'https://www.msa.fr',
  'https://www.mesdroitssociaux.gouv.fr',
  'https://www.1jeune1solution.gouv.fr',
];

export type ExternalLinkDecision =
  | { allowed: true; url: string }
  | { allowed: false; reason: 'invalid-url' | 'not-allowed'; detail: string };

export function checkExternalUrl(
  rawUrl: string,
  allowList: readonly string[] = EXTERNAL_ORIGIN_ALLOW_LIST,
): ExternalLinkDecision {
  const url = parseUrl(rawUrl);
  if (url === null) return { allowed: false, reason: 'invalid-url', detail: 'unparsable URL' };
  if (url.protocol !== 'https:') {
    return { allowed: false, reason: 'not-allowed', detail: `scheme ${url.protocol} refused` };
  }
  if (url.username !== '' || url.password !== '') {
    return { allowed: false, reason: 'not-allowed', detail: 'credentials in URL refused' };
  }
  if (!allowList.includes(url.origin)) {
    return { allowed: false, reason: 'not-allowed', detail: `origin ${url.origin} not allowed` };
  }
  return { allowed: true, url: url.href };
}
