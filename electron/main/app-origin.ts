/**
 * The renderer's origin, fixed for the life of the product: IndexedDB is bound to it, so changing
 * it would lose every interview stored on the laptop (ARCHITECTURE.md, decision 1).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'codiag';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True when `url` parses and belongs to the app's own origin. */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}

export function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
