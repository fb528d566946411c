/**
 * Serves the built renderer (`out/renderer/`) on `app://codiag/`: maps a request URL to a file
 * inside that folder and nothing else (no traversal, no symlink, no unknown type), falls back to
 * index.html for the single-page app's routes, and builds the response with the CSP header.
 */
import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin';
import {
  buildContentSecurityPolicy,
  createCspNonce,
  injectCspNonce,
} from './content-security-policy';

/** Only what a Vite build emits. Anything else is refused rather than guessed. */
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export const INDEX_FILE = 'index.html';

export type AppPathResolution =
  | { kind: 'file'; filePath: string; mimeType: string; isDocument: boolean }
  | { kind: 'refused'; status: 400 | 403 | 404; reason: string };

export interface FileProbe {
  /** 'file' for a regular file, 'other' for a directory or a symlink, null when missing. */
  kindOf(filePath: string): Promise<'file' | 'other' | null>;
}

export const nodeFileProbe: FileProbe = {
  async kindOf(filePath) {
    try {
      const stats = await lstat(filePath);
      return stats.isFile() ? 'file' : 'other';
    } catch {
      return null;
    }
  },
};

/**
 * Lexical part of the resolution, without touching the disk: checks the scheme and host, decodes
 * the path once and refuses anything that could leave the root.
 */
export function toRelativeAppPath(
  requestUrl: string,
): { ok: true; relative: string } | { ok: false; status: 400 | 403; reason: string } {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: 'unparsable URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
    return { ok: false, status: 403, reason: `foreign origin ${url.protocol}//${url.host}` };
  }
  const rawPath = url.pathname;
  // Encoded separators or dots would survive URL normalisation and be decoded below.
  if (/%(2f|5c|2e|00)/i.test(rawPath) || rawPath.includes('\\')) {
    return { ok: false, status: 403, reason: 'encoded separator, dot or NUL in path' };
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding' };
  }
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) {
    return { ok: false, status: 403, reason: 'dot segment in path' };
  }
  if (segments.some((segment) => segment.startsWith('.'))) {
    return { ok: false, status: 403, reason: 'hidden file' };
  }
  return { ok: true, relative: segments.join('/') };
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

export async function resolveAppPath(
  requestUrl: string,
  rendererRoot: string,
  probe: FileProbe = nodeFileProbe,
): Promise<AppPathResolution> {
  const lexical = toRelativeAppPath(requestUrl);
  if (!lexical.ok) return { kind: 'refused', status: lexical.status, reason: lexical.reason };

  const root = path.resolve(rendererRoot);
  const relative = lexical.relative === '' ? INDEX_FILE : lexical.relative;
  const candidate = path.resolve(root, relative);
  if (!isInside(root, candidate)) {
    return { kind: 'refused', status: 403, reason: 'outside the renderer folder' };
  }

  const extension = path.extname(candidate).toLowerCase();
  if (extension === '') {
    // A client-side route such as /entretiens/42: the SPA handles it.
    return documentFile(root, probe);
  }
  const mimeType = MIME_TYPES[extension];
  if (mimeType === undefined) {
    return { kind: 'refused', status: 404, reason: `unknown file type ${extension}` };
  }
  const kind = await probe.kindOf(candidate);
  if (kind !== 'file') {
    return { kind: 'refused', status: 404, reason: kind === null ? 'no such file' : 'not a file' };
  }
  return { kind: 'file', filePath: candidate, mimeType, isDocument: extension === '.html' };
}

async function documentFile(root: string, probe: FileProbe): Promise<AppPathResolution> {
  const filePath = path.join(root, INDEX_FILE);
  if ((await probe.kindOf(filePath)) !== 'file') {
    return { kind: 'refused', status: 404, reason: 'renderer build missing index.html' };
  }
  return { kind: 'file', filePath, mimeType: MIME_TYPES['.html'] ?? 'text/html', isDocument: true };
}

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

/** Headers on every app:// response; the CSP only matters on documents but costs nothing. */
export function baseSecurityHeaders(nonce: string): Record<string, string> {
  return {
    'Content-Security-Policy': buildContentSecurityPolicy(nonce),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
  };
}

export interface AppResponseDeps {
  probe?: FileProbe;
  readFile?: (filePath: string) => Promise<Uint8Array>;
  createNonce?: () => string;
}

/** The whole request → response decision, minus Electron's Response object. */
export async function buildAppResponse(
  requestUrl: string,
  rendererRoot: string,
  deps: AppResponseDeps = {},
): Promise<AppResponse> {
  const nonce = (deps.createNonce ?? createCspNonce)();
  const headers = baseSecurityHeaders(nonce);
  const resolution = await resolveAppPath(requestUrl, rendererRoot, deps.probe ?? nodeFileProbe);
  if (resolution.kind === 'refused') {
    return {
      status: resolution.status,
      headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' },
      body: resolution.status === 404 ? 'Not found' : 'Forbidden',
    };
  }
  const content = await (deps.readFile ?? readFile)(resolution.filePath);
  if (resolution.isDocument) {
    const html = injectCspNonce(Buffer.from(content).toString('utf8'), nonce);
    return {
      status: 200,
      headers: { ...headers, 'Content-Type': resolution.mimeType, 'Cache-Control': 'no-store' },
      body: html,
    };
  }
  return {
    status: 200,
    headers: { ...headers, 'Content-Type': resolution.mimeType },
    body: content,
  };
}
