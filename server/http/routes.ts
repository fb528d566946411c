/**
 * The zod adapter of the HTTP routes: each route declares its body and answer schemas; the body is
 * parsed before the handler runs (400 with every failing field path, never the values) and the
 * answer is checked before it is sent. The same declarations produce the OpenAPI description.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { describeIssues } from '../../shared/util/errors';
import type { DeviceContext } from '../accounts/accounts';
import { ApiError, unauthorized } from './api-error';

type Auth = 'none' | 'device' | 'admin';

interface RouteBase<B extends z.ZodType, R extends z.ZodType> {
  method: 'GET' | 'POST';
  url: string;
  /** Further paths answering the same way (kept for clients written against older names). */
  aliases?: readonly string[];
  summary: string;
  /** `z.undefined()` for a GET. */
  body: B;
  response: R;
  /** Other answers this route gives, for the OpenAPI description. */
  errors: readonly number[];
  bodyLimit?: number;
}

export type RouteSpec<B extends z.ZodType, R extends z.ZodType> = RouteBase<B, R> &
  (
    | {
        auth: 'none';
        handler: (body: z.output<B>, client: ClientInfo) => Promise<z.input<R>>;
      }
    | {
        auth: 'device' | 'admin';
        handler: (body: z.output<B>, device: DeviceContext) => Promise<z.input<R>>;
      }
  );

/** Who calls a route without a token: the address (behind a proxy, as `trustProxy` allows). */
export interface ClientInfo {
  ip: string;
}

/** What the OpenAPI generator needs from every route. */
export interface RouteDescription {
  method: 'GET' | 'POST';
  url: string;
  summary: string;
  auth: Auth;
  body: z.ZodType;
  response: z.ZodType;
  errors: readonly number[];
}

export interface RouteContext {
  authenticate: (token: string) => Promise<DeviceContext | null>;
  log: (event: string, details: Record<string, string | number>) => void;
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{16,200})$/;

async function resolveDevice(
  request: FastifyRequest,
  auth: 'device' | 'admin',
  ctx: RouteContext,
): Promise<DeviceContext> {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? BEARER.exec(header) : null;
  const device = match?.[1] ? await ctx.authenticate(match[1]) : null;
  if (!device) throw unauthorized();
  if (auth === 'admin' && device.role !== 'admin') {
    throw new ApiError(403, 'forbidden', 'this route needs an administrator device');
  }
  return device;
}

export function parseBody<B extends z.ZodType>(schema: B, body: unknown): z.output<B> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issues = describeIssues(result.error).map((issue) => ({
      path: issue.path === '(root)' ? 'body' : issue.path,
      message: issue.message,
    }));
    throw new ApiError(
      400,
      'invalid-request',
      `invalid request: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      { issues },
    );
  }
  return result.data;
}

export function registerRoute<B extends z.ZodType, R extends z.ZodType>(
  app: FastifyInstance,
  spec: RouteSpec<B, R>,
  ctx: RouteContext,
  described: RouteDescription[],
): void {
  const handle = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    let answer: z.input<R>;
    if (spec.auth === 'none') {
      answer = await spec.handler(parseBody(spec.body, request.body), { ip: request.ip });
    } else {
      const device = await resolveDevice(request, spec.auth, ctx);
      answer = await spec.handler(parseBody(spec.body, request.body), device);
    }
    const checked = spec.response.safeParse(answer);
    if (!checked.success) {
      ctx.log('answer failed its schema', {
        route: spec.url,
        paths: describeIssues(checked.error)
          .map((i) => i.path)
          .slice(0, 10)
          .join(', '),
      });
      throw new ApiError(500, 'internal', 'internal error');
    }
    await reply.code(200).type('application/json').send(JSON.stringify(checked.data));
  };
  for (const url of [spec.url, ...(spec.aliases ?? [])]) {
    app.route({
      method: spec.method,
      url,
      handler: handle,
      ...(spec.bodyLimit === undefined ? {} : { bodyLimit: spec.bodyLimit }),
    });
  }
  described.push({
    method: spec.method,
    url: spec.url,
    summary: spec.summary,
    auth: spec.auth,
    body: spec.body,
    response: spec.response,
    errors: spec.errors,
  });
}
