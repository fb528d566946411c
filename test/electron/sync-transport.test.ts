/** Tests of the main-process sync transport against a real HTTP server on 127.0.0.1. */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkServerUrl } from '../../electron/main/sync-server-url';
import { buildSyncUrl, enrollDevice, sendSyncRequest } from '../../electron/main/sync-transport';

interface Seen {
  method: string | undefined;
  url: string | undefined;
  authorization: string | undefined;
  body: string;
}

let server: Server;
let baseUrl: string;
const seen: Seen[] = [];

type Route = (request: IncomingMessage, response: ServerResponse, body: string) => void;

const routes: Record<string, Route> = {
  '/sync/api/echo': (request, response, body) => {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(
      JSON.stringify({ method: request.method, received: body === '' ? null : JSON.parse(body) }),
    );
  },
  '/sync/api/conflict': (_request, response) => {
    response.writeHead(409, { 'Content-Type': 'application/problem+json' });
    response.end(JSON.stringify({ title: 'revision mismatch' }));
  },
  '/sync/api/empty': (_request, response) => {
    response.writeHead(204);
    response.end();
  },
  '/sync/api/html': (_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html' });
    response.end('<html><body>proxy login</body></html>');
  },
  '/sync/api/broken-json': (_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end('{"items": [');
  },
  '/sync/api/slow': (_request, response) => {
    setTimeout(() => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{}');
    }, 2_000);
  },
  '/sync/api/redirect': (_request, response) => {
    response.writeHead(302, { Location: 'http://127.0.0.1:1/elsewhere' });
    response.end();
  },
  '/sync/api/huge': (_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ blob: 'x'.repeat(5_000) }));
  },
  '/sync/enrol': (_request, response, body) => {
    const parsed: unknown = JSON.parse(body);
    const code =
      typeof parsed === 'object' && parsed !== null && 'code' in parsed ? parsed.code : null;
    if (code === 'SLOW-DOWN') {
      response.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': '900' });
      response.end(JSON.stringify({ error: { code: 'too-many-requests', message: 'later' } }));
      return;
    }
    if (code !== 'ABCD-1234') {
      response.writeHead(403, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ error: 'unknown code' }));
      return;
    }
    response.writeHead(201, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ deviceId: 'dev-1', token: 'tok_0123456789abcdef0123' }));
  },
};

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seen.push({
        method: request.method,
        url: request.url,
        authorization: request.headers.authorization,
        body,
      });
      const route = routes[(request.url ?? '').split('?')[0] ?? ''];
      if (route === undefined) {
        response.writeHead(404, { 'Content-Type': 'application/json' });
        response.end('{"error":"not found"}');
        return;
      }
      route(request, response, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no TCP address');
  baseUrl = `http://127.0.0.1:${address.port}/sync`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const token = 'tok_secret_device_token_42';
const credentials = () => ({ serverUrl: baseUrl, token });

describe('sendSyncRequest', () => {
  it('sends the device token and the JSON body, and returns status and JSON answer', async () => {
    const outcome = await sendSyncRequest(credentials(), {
      method: 'POST',
      path: '/api/echo?cursor=3',
      body: { mutations: [{ id: 1 }] },
    });
    expect(outcome).toEqual({
      ok: true,
      status: 200,
      body: { method: 'POST', received: { mutations: [{ id: 1 }] } },
    });
    const last = seen.at(-1);
    expect(last?.authorization).toBe(`Bearer ${token}`);
    expect(last?.url).toBe('/sync/api/echo?cursor=3');
  });

  it('passes an HTTP error status through to the sync engine', async () => {
    expect(await sendSyncRequest(credentials(), { method: 'POST', path: '/api/conflict' })).toEqual(
      {
        ok: true,
        status: 409,
        body: { title: 'revision mismatch' },
      },
    );
  });

  it('answers an empty body as null', async () => {
    expect(await sendSyncRequest(credentials(), { method: 'DELETE', path: '/api/empty' })).toEqual({
      ok: true,
      status: 204,
      body: null,
    });
  });

  it.each(['/api/html', '/api/broken-json'])(
    'treats a non-JSON answer (%s) as an error',
    async (path) => {
      expect(await sendSyncRequest(credentials(), { method: 'GET', path })).toMatchObject({
        ok: false,
        reason: 'invalid-response',
      });
    },
  );

  it('gives up after the timeout', async () => {
    const started = Date.now();
    const outcome = await sendSyncRequest(
      credentials(),
      { method: 'GET', path: '/api/slow' },
      { timeoutMs: 200 },
    );
    expect(outcome).toMatchObject({ ok: false, reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('does not follow a redirect (the token would go elsewhere)', async () => {
    const before = seen.length;
    const outcome = await sendSyncRequest(credentials(), { method: 'GET', path: '/api/redirect' });
    expect(outcome).toMatchObject({ ok: false, reason: 'network' });
    expect(seen.length).toBe(before + 1);
  });

  it('refuses an answer larger than the limit', async () => {
    const outcome = await sendSyncRequest(
      credentials(),
      { method: 'GET', path: '/api/huge' },
      { maxResponseBytes: 1_000 },
    );
    expect(outcome).toMatchObject({ ok: false, reason: 'invalid-response' });
  });

  it('reports an unreachable server as a network failure', async () => {
    const outcome = await sendSyncRequest(
      { serverUrl: 'http://127.0.0.1:1', token },
      { method: 'GET', path: '/api/echo' },
    );
    expect(outcome).toMatchObject({ ok: false, reason: 'network' });
  });
});

describe('buildSyncUrl', () => {
  it.each([
    ['https://sync.departement.fr/codiag', '/api/x', 'https://sync.departement.fr/codiag/api/x'],
    ['https://sync.departement.fr', '/api/x?c=1', 'https://sync.departement.fr/api/x?c=1'],
  ])('joins %s and %s', (server, path, expected) => {
    expect(buildSyncUrl(server, path)?.href).toBe(expected);
  });

  it('refuses a path that would climb above the base path', () => {
    expect(buildSyncUrl('https://sync.departement.fr/codiag', '/../admin')).toBeNull();
  });
});

describe('enrollDevice', () => {
  it('trades a valid code for a device id and token, without sending any token', async () => {
    const outcome = await enrollDevice(baseUrl, { code: 'ABCD-1234', deviceName: 'PC-accueil' });
    expect(outcome).toEqual({
      ok: true,
      answer: { deviceId: 'dev-1', token: 'tok_0123456789abcdef0123' },
    });
    expect(seen.at(-1)?.authorization).toBeUndefined();
  });

  it('reports a refused code', async () => {
    const outcome = await enrollDevice(baseUrl, { code: 'WRONG-0000', deviceName: 'PC-accueil' });
    expect(outcome).toMatchObject({ ok: false, reason: 'rejected' });
  });

  it('says to wait when the server refuses because of too many failed codes', async () => {
    const outcome = await enrollDevice(baseUrl, { code: 'SLOW-DOWN', deviceName: 'PC-accueil' });
    expect(outcome).toMatchObject({ ok: false, reason: 'rejected' });
    expect(outcome.ok === false && outcome.message).toMatch(/Trop de codes .* réessayez/);
  });
});

describe('checkServerUrl', () => {
  it.each([
    ['https://sync.departement.fr/codiag/', false, 'https://sync.departement.fr/codiag'],
    ['https://sync.departement.fr', false, 'https://sync.departement.fr'],
    ['http://127.0.0.1:3000', true, 'http://127.0.0.1:3000'],
  ])('accepts %s (dev loopback %s)', (url, allowLoopbackHttp, expected) => {
    expect(checkServerUrl(url, { allowLoopbackHttp })).toEqual({ ok: true, url: expected });
  });

  it.each([
    ['http://sync.departement.fr', true, 'insecure-url'],
    ['http://127.0.0.1:3000', false, 'insecure-url'],
    ['ftp://sync.departement.fr', false, 'insecure-url'],
    ['https://user:pw@sync.departement.fr', false, 'invalid-url'],
    ['https://sync.departement.fr/?x=1', false, 'invalid-url'],
    ['sync.departement.fr', false, 'invalid-url'],
  ] as const)('refuses %s (dev loopback %s): %s', (url, allowLoopbackHttp, reason) => {
    expect(checkServerUrl(url, { allowLoopbackHttp })).toMatchObject({ ok: false, reason });
  });
});
