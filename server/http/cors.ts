/**
 * Cross-origin access for the browser build of the laptop app (ARCHITECTURE decision 5): its
 * renderer is served from another origin than the département's server and calls `fetch` with a
 * bearer token. Tokens are never ambient credentials (no cookies), so any origin may call; the
 * token is what authorises. Preflights are answered here, before routing.
 */
import type { FastifyInstance } from 'fastify';

export function allowCrossOrigin(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.headers.origin === undefined) return;
    void reply.header('access-control-allow-origin', '*');
    if (request.method === 'OPTIONS') {
      await reply
        .code(204)
        .header('access-control-allow-methods', 'GET, POST')
        .header('access-control-allow-headers', 'authorization, content-type')
        .header('access-control-max-age', '600')
        .send();
    }
  });
}
