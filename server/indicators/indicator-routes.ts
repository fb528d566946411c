/**
 * `POST /admin/indicators` (admin device only): the steering indicators of a period (Annexe D),
 * the same JSON as `codiag indicators --format json`. POST with a JSON body like every other
 * route of the protocol (docs/sync-protocol.md): the body is parsed and described by zod.
 */
import type { FastifyInstance } from 'fastify';
import {
  IndicatorsRequestSchema,
  IndicatorsResponseSchema,
} from '../../shared/sync/indicator-messages';
import type { Database } from '../db/database';
import { registerRoute, type RouteContext, type RouteDescription } from '../http/routes';
import { serverIndicators } from './server-indicators';

export function registerIndicatorRoutes(
  app: FastifyInstance,
  db: Database,
  ctx: RouteContext,
  described: RouteDescription[],
): void {
  registerRoute(
    app,
    {
      method: 'POST',
      url: '/admin/indicators',
      summary: 'Steering indicators of a period, per territory or for one (Annexe D)',
      auth: 'admin',
      body: IndicatorsRequestSchema,
      response: IndicatorsResponseSchema,
      errors: [400, 401, 403],
      handler: (body) => serverIndicators(db, body),
    },
    ctx,
    described,
  );
}
