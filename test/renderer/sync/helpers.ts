/**
 * Laptops against the real sync server: an in-process Fastify server on PGlite listening on a
 * loopback port, and laptops made of a fake IndexedDB, the fetch transport and the sync engine.
 * A laptop's `faults` let a test lose answers or cut the network.
 */
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { fakeInterview, seededRandom } from '../../../shared/demo/fake-people';
import type { Interview } from '../../../shared/domain';
import type { AccountRole } from '../../../shared/sync/messages';
import { issueEnrolmentCode, upsertProfessional } from '../../../server/accounts/accounts';
import { buildServer } from '../../../server/app';
import type { Database } from '../../../server/db/database';
import { migrate } from '../../../server/db/migrations';
import { openPgliteDatabase } from '../../../server/db/pglite';
import { createFetchTransport } from '../../../renderer/features/sync/fetch-transport';
import {
  createSyncEngine,
  type SyncEngine,
  type SyncEngineOptions,
} from '../../../renderer/features/sync/sync-engine';
import type { SyncTransport } from '../../../renderer/features/sync/transport';
import type { StorageContext } from '../../../renderer/storage';
import { freshFactory, open } from '../helpers';

export interface TestServer {
  db: Database;
  app: FastifyInstance;
  url: string;
  close: () => Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  const db = await openPgliteDatabase();
  await migrate(db);
  const app = await buildServer({ db, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    db,
    app,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

let counter = 0;

export function uniqueTerritory(): string {
  counter += 1;
  return `t-${counter}-${Math.random().toString(36).slice(2, 7)}`;
}

/** A new professional of `territory` and a one-time enrolment code for their laptop. */
export async function enrolmentCode(
  server: TestServer,
  territory: string,
  role: AccountRole = 'pe-advisor',
): Promise<string> {
  counter += 1;
  const id = await upsertProfessional(server.db, {
    name: `Professionnel Démo ${counter} ${Math.random().toString(36).slice(2, 6)}`,
    role,
    territory,
  });
  return (await issueEnrolmentCode(server.db, id, new Date())).code;
}

/** Faults a test switches on: each counter is consumed by the next matching calls. */
export interface Faults {
  /** Calls that fail before reaching the server (network down). */
  down: number;
  /** Push calls whose answer is lost after the server committed. */
  loseAnswers: number;
}

export interface Laptop {
  storage: StorageContext;
  engine: SyncEngine;
  transport: SyncTransport;
  faults: Faults;
  calls: string[];
  /** A new engine on the same database (the app restarted). */
  restart: (options?: Partial<SyncEngineOptions>) => SyncEngine;
}

export async function makeLaptop(
  server: TestServer,
  territory: string,
  options: Partial<SyncEngineOptions> & { now?: () => string } = {},
): Promise<Laptop> {
  const storage = await open(freshFactory());
  if (options.now) storage.now = options.now;
  const faults: Faults = { down: 0, loseAnswers: 0 };
  const calls: string[] = [];
  const transport = createFetchTransport({
    storage,
    fetch: async (url, init) => {
      calls.push(new URL(url).pathname);
      if (faults.down > 0) {
        faults.down -= 1;
        throw new TypeError('fetch failed');
      }
      const response = await fetch(url, init);
      if (faults.loseAnswers > 0 && url.endsWith('/sync/push')) {
        faults.loseAnswers -= 1;
        await response.arrayBuffer();
        throw new TypeError('connection reset after the commit');
      }
      return response;
    },
  });
  const enrolled = await transport.enrol({
    serverUrl: server.url,
    code: await enrolmentCode(server, territory),
    deviceName: `Portable ${counter}`,
  });
  if (!enrolled.ok) throw new Error(`enrolment failed: ${enrolled.message}`);
  const make = (extra: Partial<SyncEngineOptions> = {}) =>
    createSyncEngine({
      storage,
      transport,
      sleep: () => Promise.resolve(),
      random: () => 0.5,
      ...options,
      ...extra,
    });
  return { storage, engine: make(), transport, faults, calls, restart: make };
}

/** A fake interview with its own id (ids are global on the server: unique per test). */
export function interview(seed: number, overrides: Partial<Interview> = {}): Interview {
  counter += 1;
  const base = fakeInterview(seededRandom(seed), seed, '2026-03-02', '2026-03-02T09:00:00.000Z');
  return { ...base, id: `itw-${counter}-${Math.random().toString(36).slice(2, 8)}`, ...overrides };
}

export function closed(i: Interview): Interview {
  return { ...i, status: 'closed', closedAt: '2026-03-02T11:00:00.000Z' };
}

/** Every interview row the server holds for these ids, with its revision. */
export async function serverInterviews(
  server: TestServer,
  ids: readonly string[],
): Promise<{ entity_id: string; revision: number; payload: Interview }[]> {
  const { rows } = await server.db.query<{
    entity_id: string;
    revision: number;
    payload: Interview;
  }>(
    `SELECT entity_id, revision, payload FROM records
     WHERE entity_type = 'interview' AND entity_id = ANY($1::text[]) ORDER BY entity_id`,
    [ids],
  );
  return rows;
}

export async function serverMutationCount(
  server: TestServer,
  ids: readonly string[],
): Promise<number> {
  const { rows } = await server.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM mutations WHERE entity_id = ANY($1::text[])',
    [ids],
  );
  return rows[0]?.n ?? 0;
}
