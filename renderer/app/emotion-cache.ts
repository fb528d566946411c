/**
 * Emotion's style cache with the CSP nonce: the packaged app's Content-Security-Policy allows no
 * inline style except tags carrying the nonce the app:// handler puts in
 * `<meta property="csp-nonce">` (see electron/main/content-security-policy.ts).
 */
import createCache, { type EmotionCache } from '@emotion/cache';

export const NONCE_PLACEHOLDER = '__CODIAG_CSP_NONCE__';

export function readCspNonce(doc: Document = document): string | undefined {
  const meta = doc.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  if (!meta) return undefined;
  // Browsers hide the nonce attribute once applied; the IDL property still holds it.
  const nonce = meta.nonce || meta.getAttribute('nonce') || meta.getAttribute('content') || '';
  return nonce && nonce !== NONCE_PLACEHOLDER ? nonce : undefined;
}

export function createEmotionCache(doc: Document = document): EmotionCache {
  const nonce = readCspNonce(doc);
  return createCache({ key: 'cd', ...(nonce ? { nonce } : {}), prepend: true });
}
