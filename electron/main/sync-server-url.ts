/**
 * Validates the address of the département's sync server before the main process stores it:
 * https only (plain http only to this machine, in development), no credentials, query or fragment.
 */
import { parseUrl } from './app-origin';

export type ServerUrlCheck =
  | { ok: true; url: string }
  | { ok: false; reason: 'invalid-url' | 'insecure-url'; message: string };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function checkServerUrl(
  raw: string,
  options: { allowLoopbackHttp: boolean },
): ServerUrlCheck {
  const url = parseUrl(raw.trim());
  if (url === null || url.hostname === '') {
    return {
      ok: false,
      reason: 'invalid-url',
      message: "L'adresse du serveur n'est pas une URL valide.",
    };
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    return {
      ok: false,
      reason: 'invalid-url',
      message: "L'adresse du serveur ne doit contenir ni identifiant, ni paramètre, ni ancre (#).",
    };
  }
  const loopbackHttp =
    url.protocol === 'http:' && options.allowLoopbackHttp && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp) {
    return {
      ok: false,
      reason: 'insecure-url',
      message: 'Le serveur doit être joint en HTTPS (adresse commençant par https://).',
    };
  }
  const pathname = url.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${url.origin}${pathname}` };
}
