/**
 * What a codiag window may do besides showing the app: nothing. Navigation away from app://,
 * new windows, <webview> and every permission (camera, notifications, geolocation…) are denied;
 * a link to an allowed public site opens in the system browser through the checked path.
 */
import { APP_ORIGIN, isAppUrl, parseUrl } from './app-origin';
import { checkExternalUrl } from './external-links';

export type NavigationDecision = { action: 'allow' } | { action: 'deny'; reason: string };

/**
 * In-app routing uses the History API and never fires `will-navigate`; a real navigation is only
 * legitimate as a reload of our own document.
 */
export function decideNavigation(targetUrl: string): NavigationDecision {
  if (isAppUrl(targetUrl)) return { action: 'allow' };
  const parsed = parseUrl(targetUrl);
  return {
    action: 'deny',
    reason: parsed === null ? 'unparsable URL' : `navigation to ${parsed.origin} refused`,
  };
}

export type WindowOpenDecision = {
  action: 'deny';
  /** Set when the target is an allowed public site: open it in the system browser instead. */
  openExternally: string | null;
};

export function decideWindowOpen(targetUrl: string): WindowOpenDecision {
  const external = checkExternalUrl(targetUrl);
  return { action: 'deny', openExternally: external.allowed ? external.url : null };
}

/** Every permission request and check is refused: the app needs none of them. */
export function decidePermission(_permission: string, _requestingOrigin: string): false {
  return false;
}

/** `<webview>` is disabled in webPreferences; this also refuses any attempt to attach one. */
export function decideWebviewAttach(): 'deny' {
  return 'deny';
}

/** Origin the main process expects for every IPC sender and navigation. */
export const TRUSTED_ORIGIN = APP_ORIGIN;

/**
 * Downloads are how the renderer saves a file it generated (a person's record for a right-of-access
 * request): only from its own origin or its own blob: URLs, never from elsewhere.
 */
export function decideDownload(url: string): 'allow' | 'deny' {
  if (url.startsWith(`blob:${APP_ORIGIN}/`)) return 'allow';
  return isAppUrl(url) ? 'allow' : 'deny';
}
