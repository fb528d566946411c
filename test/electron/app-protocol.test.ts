/** Tests of the app:// resolver against a real folder: traversal, unknown files, SPA fallback. */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAppResponse, resolveAppPath } from '../../electron/main/app-protocol';
import { CSP_NONCE_PLACEHOLDER } from '../../electron/main/content-security-policy';

let sandbox: string;
let root: string;

beforeAll(async () => {
  sandbox = await mkdtemp(path.join(os.tmpdir(), 'codiag-protocol-'));
  root = path.join(sandbox, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(
    path.join(root, 'index.html'),
    `<!doctype html><html><head><meta property="csp-nonce" nonce="${CSP_NONCE_PLACEHOLDER}"></head><body></body></html>`,
  );
  await writeFile(path.join(root, 'assets', 'app-1a2b.js'), 'console.log(1);');
  await writeFile(path.join(root, 'assets', 'app-1a2b.css'), 'body{}');
  await writeFile(path.join(root, 'assets', 'font.woff2'), 'woff2');
  await writeFile(path.join(root, 'assets', 'notes.exe'), 'MZ');
  await writeFile(path.join(root, '.env'), 'SECRET=1');
  await writeFile(path.join(sandbox, 'secret.json'), '{"token":"x"}');
  await symlink(path.join(sandbox, 'secret.json'), path.join(root, 'assets', 'link.json'));
});

afterAll(async () => {
  await rm(sandbox, { recursive: true, force: true });
});

describe('resolveAppPath', () => {
  it.each([
    ['app://codiag/', 'index.html', 'text/html; charset=utf-8'],
    ['app://codiag/index.html', 'index.html', 'text/html; charset=utf-8'],
    ['app://codiag/assets/app-1a2b.js', 'assets/app-1a2b.js', 'text/javascript; charset=utf-8'],
    ['app://codiag/assets/app-1a2b.css?v=2', 'assets/app-1a2b.css', 'text/css; charset=utf-8'],
    ['app://codiag/assets/font.woff2', 'assets/font.woff2', 'font/woff2'],
  ])('serves %s from %s as %s', async (url, file, mimeType) => {
    expect(await resolveAppPath(url, root)).toEqual({
      kind: 'file',
      filePath: path.join(root, file),
      mimeType,
      isDocument: file.endsWith('.html'),
    });
  });

  it.each(['app://codiag/entretiens/42', 'app://codiag/agenda', 'app://codiag/ceo/brouillon/'])(
    'falls back to index.html for the client route %s',
    async (url) => {
      expect(await resolveAppPath(url, root)).toMatchObject({
        kind: 'file',
        filePath: path.join(root, 'index.html'),
        isDocument: true,
      });
    },
  );

  it.each([
    ['app://codiag/assets/..%2f..%2fsecret.json', 403],
    ['app://codiag/assets%5c..%5csecret.json', 403],
    ['app://codiag/assets/%00.js', 403],
    ['app://codiag/.env', 403],
    ['app://evil/index.html', 403],
    ['https://codiag/index.html', 403],
    ['file:///etc/passwd', 403],
    ['app://codiag/%E0%A4%A.js', 400],
  ])('refuses %s with %i', async (url, status) => {
    expect(await resolveAppPath(url, root)).toMatchObject({ kind: 'refused', status });
  });

  it.each([
    'app://codiag/../secret.json',
    'app://codiag/%2e%2e/secret.json',
    'app://codiag/assets/%2E%2E/%2E%2E/secret.json',
  ])('keeps %s inside the root (the URL parser resolves the dots first)', async (url) => {
    // new URL() turns these into /secret.json, which does not exist inside the root.
    expect(await resolveAppPath(url, root)).toEqual({
      kind: 'refused',
      status: 404,
      reason: 'no such file',
    });
  });

  it.each([
    ['app://codiag/assets/missing.js', 'no such file'],
    ['app://codiag/assets/notes.exe', 'unknown file type .exe'],
    ['app://codiag/assets/link.json', 'not a file'],
  ])('answers 404 for %s (%s)', async (url, reason) => {
    expect(await resolveAppPath(url, root)).toEqual({ kind: 'refused', status: 404, reason });
  });

  it('answers 404 for every route when the renderer has not been built', async () => {
    expect(await resolveAppPath('app://codiag/agenda', path.join(sandbox, 'empty'))).toEqual({
      kind: 'refused',
      status: 404,
      reason: 'renderer build missing index.html',
    });
  });
});

describe('buildAppResponse', () => {
  it('serves index.html with a CSP header whose nonce is the one written in the page', async () => {
    const response = await buildAppResponse('app://codiag/entretiens/7', root);
    expect(response.status).toBe(200);
    const csp = response.headers['Content-Security-Policy'] ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(String(response.body)).toContain(`nonce="${nonce}"`);
    expect(String(response.body)).not.toContain(CSP_NONCE_PLACEHOLDER);
    expect(response.headers['Cache-Control']).toBe('no-store');
    expect(response.headers['X-Content-Type-Options']).toBe('nosniff');
  });

  it('gives each document its own nonce', async () => {
    const first = await buildAppResponse('app://codiag/', root);
    const second = await buildAppResponse('app://codiag/', root);
    expect(first.headers['Content-Security-Policy']).not.toBe(
      second.headers['Content-Security-Policy'],
    );
  });

  it('serves assets as bytes with their type', async () => {
    const response = await buildAppResponse('app://codiag/assets/app-1a2b.js', root);
    expect(response.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(Buffer.from(response.body).toString()).toBe('console.log(1);');
  });

  it('answers a refused path without reading it', async () => {
    const response = await buildAppResponse('app://codiag/assets/..%2f..%2fsecret.json', root, {
      readFile: () => Promise.reject(new Error('must not read')),
    });
    expect(response).toMatchObject({ status: 403, body: 'Forbidden' });
  });
});
