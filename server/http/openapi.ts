/** The OpenAPI 3.1 description of the server, generated from the routes' zod schemas. */
import { z } from 'zod';
import { interviewExportJsonSchema } from '../../shared/interop/interview-export';
import { ErrorResponseSchema, SYNC_PROTOCOL_VERSION } from '../../shared/sync/messages';
import type { RouteDescription } from './routes';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: `error.issues` lists every failing field path',
  401: 'Missing, unknown or revoked token (no detail is given)',
  403: 'The token is valid but its role may not use this route',
  409: 'Refused: see `error.code` (mutation-gap with `expectedMutationId`, mutation-id-reused, referential-conflict)',
  413: 'Body too large',
  415: 'Body is not application/json',
  429: 'Too many failed attempts from this address: wait for the Retry-After header (seconds)',
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  });
  return rest;
}

/** The interview export's JSON Schema as an OpenAPI component (the dialect is the document's). */
function exportSchemaComponent(): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = interviewExportJsonSchema();
  return rest;
}

export function buildOpenApi(routes: readonly RouteDescription[], version: string): unknown {
  const errorSchema = jsonSchema(ErrorResponseSchema, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const responses: Record<string, unknown> = {
      '200': {
        description: 'OK',
        content: { 'application/json': { schema: jsonSchema(route.response, 'output') } },
      },
    };
    for (const status of route.errors) {
      responses[String(status)] = {
        description: ERROR_DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/json': { schema: errorSchema } },
      };
    }
    paths[route.url] = {
      ...paths[route.url],
      [route.method.toLowerCase()]: {
        summary: route.summary,
        ...(route.auth === 'none' ? { security: [] } : {}),
        ...(route.auth === 'admin' ? { description: 'Needs the token of an admin device.' } : {}),
        ...(route.method === 'POST'
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
              },
            }
          : {}),
        responses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'codiag sync server',
      version,
      description: `Sync protocol version ${SYNC_PROTOCOL_VERSION}; see docs/sync-protocol.md.`,
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    components: {
      securitySchemes: { deviceToken: { type: 'http', scheme: 'bearer' } },
      // Not a route's body: the file `codiag export-interviews` writes (docs/interop.md).
      schemas: { InterviewExport: exportSchemaComponent() },
    },
    security: [{ deviceToken: [] }],
    paths,
  };
}
