/**
 * The département's sync server (issue 4): Fastify routes for enrolment, push, pull and
 * administration, every body and answer checked with the shared/sync schemas. Built by a function
 * so tests drive it with `inject` or a real socket. Logs carry no personal data: no bodies, no
 * tokens, no error messages that could quote values.
 */
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyServerOptions,
} from 'fastify';
import { z } from 'zod';
import {
  PublishReferentialRequestSchema,
  PublishReferentialResponseSchema,
  PutBeneficiariesRequestSchema,
  PutStructureCapacitiesRequestSchema,
  StoredRevisionsResponseSchema,
} from '../shared/sync/admin-messages';
import type { UpgradeTable } from '../shared/sync/decide-mutation';
import {
  EnrolRequestSchema,
  EnrolResponseSchema,
  HealthResponseSchema,
  type HealthResponse,
  PullRequestSchema,
  PullResponseSchema,
  PushRequestSchema,
  PushResponseSchema,
  SYNC_PROTOCOL_VERSION,
} from '../shared/sync/messages';
import { ValidationError } from '../shared/util/errors';
import { authenticateToken, enrolDevice } from './accounts/accounts';
import {
  publishReferential,
  putBeneficiaries,
  putStructureCapacities,
  ReferentialConflictError,
} from './admin/admin-service';
import type { Database } from './db/database';
import { ApiError } from './http/api-error';
import {
  createAttemptLimiter,
  ENROL_ATTEMPTS,
  type AttemptLimiterOptions,
} from './http/attempt-limiter';
import { allowCrossOrigin } from './http/cors';
import { buildOpenApi } from './http/openapi';
import { registerIndicatorRoutes } from './indicators/indicator-routes';
import { registerRoute, type RouteDescription } from './http/routes';
import { pullChanges } from './sync/pull';
import { pushMutations } from './sync/push';

export const SERVER_VERSION = '0.1.0';
const MIB = 1024 * 1024;

export interface ServerOptions {
  db: Database;
  /** Fastify's logger option: false in tests, `{ level: 'info' }` in production. */
  logger?: FastifyServerOptions['logger'];
  /** The server's clock (enrolment expiry, timestamps); clients' clocks are never used. */
  now?: () => Date;
  /** Interview payload upgrades (tests inject older versions). */
  upgrades?: UpgradeTable;
  /**
   * Fastify's `trustProxy`: which reverse proxies may set X-Forwarded-For (the client address the
   * enrolment limit counts). False by default: the server then sees the proxy's address only.
   */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** Failed enrolments allowed per client address and window (ENROL_ATTEMPTS by default). */
  enrolAttempts?: AttemptLimiterOptions;
}

/** Only the method, path and status of requests are logged; never headers or bodies. */
function loggerOptions(logger: ServerOptions['logger']): FastifyServerOptions['logger'] {
  if (logger === undefined || logger === false || logger === true) return logger ?? false;
  return {
    ...logger,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    serializers: {
      req: (req: { method?: string; url?: string }) => ({
        method: req.method,
        url: req.url?.split('?')[0],
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

function isFastifyError(error: unknown): error is FastifyError {
  return error instanceof Error && 'code' in error && typeof error.code === 'string';
}

/** Maps any thrown error to the protocol's error answer. */
function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ValidationError) {
    return new ApiError(400, 'invalid-request', error.message, { issues: error.issues });
  }
  if (error instanceof ReferentialConflictError) {
    return new ApiError(409, 'referential-conflict', error.message);
  }
  if (isFastifyError(error)) {
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return new ApiError(400, 'invalid-request', 'body: expected a JSON document', {
          issues: [{ path: 'body', message: 'expected a JSON document' }],
        });
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return new ApiError(413, 'payload-too-large', 'body: too large');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return new ApiError(415, 'unsupported-media-type', 'body: expected application/json');
      default:
        break;
    }
  }
  return new ApiError(500, 'internal', 'internal error');
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const app = Fastify({
    logger: loggerOptions(options.logger),
    bodyLimit: MIB,
    // Client request ids are not trusted; Fastify numbers requests itself.
    requestIdHeader: false,
    trustProxy: options.trustProxy ?? false,
  });
  const enrolAttempts = createAttemptLimiter(options.enrolAttempts ?? ENROL_ATTEMPTS);
  allowCrossOrigin(app);
  const described: RouteDescription[] = [];
  const ctx = {
    authenticate: (token: string) => authenticateToken(db, token),
    log: (event: string, details: Record<string, string | number>) => app.log.error(details, event),
  };

  app.setErrorHandler(async (error, request, reply) => {
    const apiError = toApiError(error);
    if (apiError.status >= 500) {
      // The message of a database error may quote values: only the kind and the stack frames.
      const stack = error instanceof Error ? (error.stack ?? '').split('\n').slice(1, 8) : [];
      request.log.error(
        {
          errorName: error instanceof Error ? error.name : typeof error,
          errorCode: isFastifyError(error) ? error.code : undefined,
          stack: stack.join('\n'),
        },
        'request failed',
      );
    }
    if (apiError.status === 401) void reply.header('www-authenticate', 'Bearer');
    if (apiError.retryAfterSeconds !== undefined) {
      void reply.header('retry-after', String(apiError.retryAfterSeconds));
    }
    await reply.code(apiError.status).type('application/json').send(apiError.toBody());
  });
  app.setNotFoundHandler(async (_request, reply) => {
    await reply
      .code(404)
      .type('application/json')
      .send(new ApiError(404, 'not-found', 'no such route').toBody());
  });

  registerRoute(
    app,
    {
      method: 'GET',
      url: '/health',
      summary: 'Liveness, protocol version and database engine',
      auth: 'none',
      body: z.undefined(),
      response: HealthResponseSchema,
      errors: [],
      handler: async () => {
        await db.query('SELECT 1');
        return {
          status: 'ok' as const,
          protocolVersion: SYNC_PROTOCOL_VERSION,
          engine: db.engine,
        } satisfies HealthResponse;
      },
    },
    ctx,
    described,
  );

  let openApi: unknown = null;
  registerRoute(
    app,
    {
      method: 'GET',
      url: '/openapi.json',
      summary: 'This description (OpenAPI 3.1)',
      auth: 'none',
      body: z.undefined(),
      response: z.record(z.string(), z.unknown()),
      errors: [],
      handler: async () => {
        openApi ??= buildOpenApi(described, SERVER_VERSION);
        return z.record(z.string(), z.unknown()).parse(openApi);
      },
    },
    ctx,
    described,
  );

  registerRoute(
    app,
    {
      method: 'POST',
      url: '/enrol',
      summary: 'Trade a one-time enrolment code for a device token (shown once)',
      auth: 'none',
      body: EnrolRequestSchema,
      response: EnrolResponseSchema,
      errors: [400, 401, 429],
      handler: async (body, client) => {
        const nowMs = now().getTime();
        const decision = enrolAttempts.check(client.ip, nowMs);
        if (!decision.allowed) {
          app.log.warn('enrolment refused: too many failed attempts from one address');
          throw new ApiError(
            429,
            'too-many-requests',
            'too many failed enrolment attempts: try again later',
            {},
            decision.retryAfterSeconds,
          );
        }
        const enrolled = await enrolDevice(db, body, now());
        if (!enrolled) {
          enrolAttempts.fail(client.ip, nowMs);
          throw new ApiError(401, 'enrolment-refused', 'unknown, used or expired enrolment code');
        }
        app.log.info({ deviceId: enrolled.deviceId }, 'device enrolled');
        return enrolled;
      },
    },
    ctx,
    described,
  );

  registerRoute(
    app,
    {
      method: 'POST',
      url: '/sync/push',
      summary: 'Apply a batch of mutations in one transaction (replays answer the stored results)',
      auth: 'device',
      body: PushRequestSchema,
      response: PushResponseSchema,
      errors: [400, 401, 409, 413],
      bodyLimit: 32 * MIB,
      handler: async (body, device) => {
        const outcome = await pushMutations(db, device, body, {
          now,
          ...(options.upgrades ? { upgrades: options.upgrades } : {}),
        });
        switch (outcome.kind) {
          case 'done':
            return outcome.response;
          case 'gap':
            throw new ApiError(
              409,
              'mutation-gap',
              `mutations[0].mutationId: expected ${outcome.expectedMutationId}, the next id of this device`,
              { expectedMutationId: outcome.expectedMutationId },
            );
          case 'reused':
            throw new ApiError(
              409,
              'mutation-id-reused',
              `mutation ${outcome.mutationId} was already received with another content`,
            );
        }
      },
    },
    ctx,
    described,
  );

  registerRoute(
    app,
    {
      method: 'POST',
      url: '/sync/pull',
      summary: "Changes after a cursor for the device's territory, in server sequence order",
      auth: 'device',
      body: PullRequestSchema,
      response: PullResponseSchema,
      errors: [400, 401],
      handler: (body, device) => pullChanges(db, device, body),
    },
    ctx,
    described,
  );

  registerRoute(
    app,
    {
      method: 'POST',
      url: '/admin/beneficiaries',
      summary: "Create or update beneficiaries and their convocations (the laptops' agenda)",
      auth: 'admin',
      body: PutBeneficiariesRequestSchema,
      response: StoredRevisionsResponseSchema,
      errors: [400, 401, 403, 413],
      bodyLimit: 32 * MIB,
      handler: (body) => putBeneficiaries(db, body),
    },
    ctx,
    described,
  );

  registerRoute(
    app,
    {
      method: 'POST',
      url: '/admin/referentials',
      summary: 'Publish an immutable référentiel version (verified by its content hash)',
      auth: 'admin',
      body: PublishReferentialRequestSchema,
      response: PublishReferentialResponseSchema,
      errors: [400, 401, 403, 409, 413],
      bodyLimit: 8 * MIB,
      handler: (body) => publishReferential(db, body),
    },
    ctx,
    described,
  );

  registerRoute(
    app,
    {
      method: 'POST',
      url: '/admin/structure-capacities',
      summary: 'Publish the places structures offer in a territory',
      auth: 'admin',
      body: PutStructureCapacitiesRequestSchema,
      response: StoredRevisionsResponseSchema,
      errors: [400, 401, 403],
      handler: (body) => putStructureCapacities(db, body),
    },
    ctx,
    described,
  );

  registerIndicatorRoutes(app, db, ctx, described);

  await app.ready();
  return app;
}
