/**
 * A server on a test database, with helpers to enrol devices and to push and pull as a laptop
 * would. Only generated fake people (shared/demo/fake-people.ts) go through it.
 */
import type { FastifyInstance } from 'fastify';
import { fakeInterview, seededRandom } from '../../../shared/demo/fake-people';
import type { Interview } from '../../../shared/domain/interview';
import type { UpgradeTable } from '../../../shared/sync/decide-mutation';
import {
  PullResponseSchema,
  PushResponseSchema,
  type AccountRole,
  type Mutation,
  type PullResponse,
  type PushResponse,
} from '../../../shared/sync/messages';
import { issueEnrolmentCode, upsertProfessional } from '../../../server/accounts/accounts';
import { buildServer } from '../../../server/app';
import type { Database } from '../../../server/db/database';
import type { Send } from './sim-laptop';

export interface Harness {
  db: Database;
  app: FastifyInstance;
  /** A new professional (unique name) with one enrolled device; returns its token. */
  enrol: (role: AccountRole, territory: string) => Promise<EnrolledDevice>;
}

export interface EnrolledDevice {
  token: string;
  deviceId: string;
  territory: string;
}

let counter = 0;

export async function startHarness(
  db: Database,
  options: {
    upgrades?: UpgradeTable;
    now?: () => Date;
    logger?: Parameters<typeof buildServer>[0]['logger'];
  } = {},
): Promise<Harness> {
  const app = await buildServer({ db, ...options, logger: options.logger ?? false });
  return {
    db,
    app,
    enrol: async (role, territory) => {
      counter += 1;
      const id = await upsertProfessional(db, {
        name: `Professionnel Démo ${counter} ${Math.random().toString(36).slice(2, 8)}`,
        role,
        territory,
      });
      const { code } = await issueEnrolmentCode(db, id, new Date());
      const response = await app.inject({
        method: 'POST',
        url: '/enrol',
        payload: { code, deviceName: `Poste ${counter}` },
      });
      if (response.statusCode !== 200) throw new Error(`enrol: HTTP ${response.statusCode}`);
      const body = response.json<{ token: string; deviceId: string }>();
      return { token: body.token, deviceId: body.deviceId, territory };
    },
  };
}

export async function push(
  app: FastifyInstance,
  token: string,
  mutations: Mutation[],
): Promise<{
  status: number;
  body: PushResponse | { error: { code: string; expectedMutationId?: number } };
}> {
  const response = await app.inject({
    method: 'POST',
    url: '/sync/push',
    headers: { authorization: `Bearer ${token}` },
    payload: { mutations },
  });
  const json: unknown = response.json();
  if (response.statusCode === 200) return { status: 200, body: PushResponseSchema.parse(json) };
  return { status: response.statusCode, body: json as { error: { code: string } } };
}

export async function pushOk(
  app: FastifyInstance,
  token: string,
  mutations: Mutation[],
): Promise<PushResponse> {
  const { status, body } = await push(app, token, mutations);
  if (status !== 200) throw new Error(`push: HTTP ${status} ${JSON.stringify(body)}`);
  return PushResponseSchema.parse(body);
}

export async function pull(
  app: FastifyInstance,
  token: string,
  cursor: string | null,
  limit = 200,
): Promise<PullResponse> {
  const response = await app.inject({
    method: 'POST',
    url: '/sync/pull',
    headers: { authorization: `Bearer ${token}` },
    payload: { cursor, limit },
  });
  if (response.statusCode !== 200) {
    throw new Error(`pull: HTTP ${response.statusCode} ${response.body}`);
  }
  return PullResponseSchema.parse(response.json());
}

/** Pulls every page from a cursor; returns the changes and the final cursor. */
export async function pullAll(
  app: FastifyInstance,
  token: string,
  cursor: string | null = null,
  limit = 200,
): Promise<{ changes: PullResponse['changes']; cursor: string; pages: number }> {
  const changes: PullResponse['changes'] = [];
  let current = cursor;
  let pages = 0;
  for (;;) {
    const page = await pull(app, token, current, limit);
    pages += 1;
    if (page.reset) changes.length = 0;
    changes.push(...page.changes);
    current = page.nextCursor;
    if (!page.hasMore) return { changes, cursor: page.nextCursor, pages };
  }
}

/** A fake interview with an id unique to the test. */
export function testInterview(seed: number, id: string): Interview {
  const interview = fakeInterview(seededRandom(seed), seed, '2026-03-02', '2026-03-02T09:00:00Z');
  return { ...interview, id };
}

export function interviewMutation(
  mutationId: number,
  interview: Interview,
  baseRevision: number | null,
): Mutation {
  return {
    mutationId,
    entityType: 'interview',
    entityId: interview.id,
    baseRevision,
    schemaVersion: 1,
    payload: interview,
  };
}

/** A unique territory code per test, so tests sharing a database never see each other's data. */
export function uniqueTerritory(prefix = 't'): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 7)}`;
}

/** A laptop transport through `inject` (the whole Fastify pipeline, no socket). */
export function injectSend(app: FastifyInstance): Send {
  return async (path, token, body) => {
    const response = await app.inject({
      method: 'POST',
      url: path,
      headers: { authorization: `Bearer ${token}` },
      payload: body as object,
    });
    return { status: response.statusCode, json: response.json() };
  };
}

/** A laptop transport over a real socket. */
export function fetchSend(baseUrl: string): Send {
  return async (path, token, body) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: await response.json() };
  };
}
