// `npm run web`: builds the renderer in demo mode (fake people) and serves out/renderer on
// 127.0.0.1 (PORT, default 5173) with a Content-Security-Policy close to the packaged app's: a
// fresh style nonce per page, no inline script.
// eslint-disable-next-line no-restricted-imports -- a Node script (build/serve), not renderer code
import { randomBytes } from 'node:crypto';
// eslint-disable-next-line no-restricted-imports -- a Node script (build/serve), not renderer code
import { readFile } from 'node:fs/promises';
// eslint-disable-next-line no-restricted-imports -- a Node script (build/serve), not renderer code
import { createServer } from 'node:http';
// eslint-disable-next-line no-restricted-imports -- a Node script (build/serve), not renderer code
import { extname, join, normalize, resolve, sep } from 'node:path';
// eslint-disable-next-line no-restricted-imports -- a Node script (build/serve), not renderer code
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const outDir = resolve(here, '../out/renderer');
const PLACEHOLDER = '__CODIAG_CSP_NONCE__';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

function csp(nonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "script-src-attr 'none'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self' https: http://127.0.0.1:* http://localhost:*",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

async function main(): Promise<void> {
  if (process.env.SKIP_BUILD !== '1') {
    process.env.VITE_DEMO = process.env.VITE_DEMO ?? '1';
    await build({ configFile: join(here, 'vite.config.ts'), logLevel: 'warn' });
  }
  const port = Number(process.env.PORT ?? 5173);
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const requested = decodeURIComponent(url.pathname);
      const file = normalize(join(outDir, requested === '/' ? 'index.html' : requested));
      if (file !== outDir && !file.startsWith(outDir + sep)) {
        res.writeHead(403).end();
        return;
      }
      try {
        let body: Buffer | string = await readFile(file);
        const type = TYPES[extname(file)] ?? 'application/octet-stream';
        const headers: Record<string, string> = {
          'Content-Type': type,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-cache',
        };
        if (extname(file) === '.html') {
          const nonce = randomBytes(16).toString('base64');
          body = body.toString('utf8').split(PLACEHOLDER).join(nonce);
          headers['Content-Security-Policy'] = csp(nonce);
        }
        res.writeHead(200, headers).end(body);
      } catch {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Introuvable');
      }
    })();
  });
  server.listen(port, '127.0.0.1', () => {
    console.log(`codiag (démonstration) : http://127.0.0.1:${port}/`);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
