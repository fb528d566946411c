/**
 * The renderer's Content-Security-Policy, sent as a header with every `app://` response: only the
 * app's own files run, no inline script or style except Emotion's nonce'd style tags, no network
 * (the main process makes the sync calls), no plugins, no framing, no <base> tricks.
 */
import { randomBytes } from 'node:crypto';

/**
 * The placeholder Vite writes where a nonce goes (`html.cspNonce` in renderer/vite.config.ts). The
 * protocol handler replaces it with a fresh nonce in every HTML response.
 */
export const CSP_NONCE_PLACEHOLDER = '__CODIAG_CSP_NONCE__';

const NONCE_PATTERN = /^[A-Za-z0-9+/]{22,}={0,2}$/;

/** 128 random bits, base64: a new one for each served document. */
export function createCspNonce(): string {
  return randomBytes(16).toString('base64');
}

export type CspDirectives = Readonly<Record<string, readonly string[]>>;

export function buildCspDirectives(nonce: string): CspDirectives {
  if (!NONCE_PATTERN.test(nonce)) {
    throw new Error('CSP nonce must be at least 128 bits of base64');
  }
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", `'nonce-${nonce}'`],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    // The renderer never talks to the network: sync goes through the main process.
    'connect-src': ["'none'"],
    'media-src': ["'none'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'child-src': ["'none'"],
    'worker-src': ["'self'"],
    'manifest-src': ["'none'"],
    'form-action': ["'none'"],
    'base-uri': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
}

export function serializeCsp(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

export function buildContentSecurityPolicy(nonce: string): string {
  return serializeCsp(buildCspDirectives(nonce));
}

/**
 * Puts the nonce into an HTML document: replaces Vite's placeholder everywhere, and adds the
 * `<meta property="csp-nonce">` Emotion reads its nonce from when the build did not emit one.
 */
export function injectCspNonce(html: string, nonce: string): string {
  const replaced = html.split(CSP_NONCE_PLACEHOLDER).join(nonce);
  if (/<meta\s[^>]*property=["']csp-nonce["']/i.test(replaced)) return replaced;
  const meta = `<meta property="csp-nonce" nonce="${nonce}">`;
  const head = /<head(\s[^>]*)?>/i.exec(replaced);
  if (head === null) return `${meta}${replaced}`;
  const at = head.index + head[0].length;
  return `${replaced.slice(0, at)}${meta}${replaced.slice(at)}`;
}
