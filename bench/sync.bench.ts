/**
 * The sync server under a département's evening (issue 4): 200 simulated laptops each push a day's
 * work (10 interviews, 30 mutations each) at the same time against PostgreSQL, then pull; compared
 * in the same run with the raw INSERT rate of that PostgreSQL, so the figure is a ratio. The server
 * runs as its own process (`server/main.ts`), as in production. Needs BENCH_DATABASE_URL or
 * TEST_DATABASE_URL (a throwaway database is created and dropped).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { fakeInterview, seededRandom } from '../shared/demo/fake-people';
import type { Mutation } from '../shared/sync/messages';
import { enrolDevice, issueEnrolmentCode, upsertProfessional } from '../server/accounts/accounts';
import { migrate } from '../server/db/migrations';
import { openPostgresDatabase } from '../server/db/postgres';
import { formatRate } from './harness';

const LAPTOPS = 200;
const INTERVIEWS_PER_LAPTOP = 10;
const MUTATIONS_PER_INTERVIEW = 30;
const BATCH = 100;
const TERRITORIES = 10;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** One laptop's day: each interview written 30 times (a draft growing field by field), in order. */
function dayOfWork(laptop: number): Mutation[] {
  const random = seededRandom(laptop + 1);
  const mutations: Mutation[] = [];
  for (let i = 0; i < INTERVIEWS_PER_LAPTOP; i++) {
    const interview = fakeInterview(random, laptop * 100 + i, '2026-03-02', '2026-03-02T09:00:00Z');
    const id = `itw-bench-${laptop}-${i}`;
    for (let step = 0; step < MUTATIONS_PER_INTERVIEW; step++) {
      mutations.push({
        mutationId: mutations.length + 1,
        entityType: 'interview',
        entityId: id,
        baseRevision: null,
        schemaVersion: 1,
        payload: {
          ...interview,
          id,
          synthesis: `Synthèse, étape ${step + 1} : ${'texte saisi pendant l’entretien. '.repeat(step)}`,
          updatedAt: `2026-03-02T${String(9 + Math.floor(step / 6)).padStart(2, '0')}:${String((step * 10) % 60).padStart(2, '0')}:00Z`,
        },
      });
    }
  }
  return mutations;
}

/** Starts the server as a child process on a free port; resolves with its URL and a stop. */
async function startServerProcess(
  databaseUrl: string,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: new URL('../', import.meta.url).pathname,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`bench: server exited (${code})`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function rawInsertCeiling(url: string, bodies: string[][]): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  await pool.query(
    'CREATE TABLE raw_insert (device int, id int, payload jsonb, PRIMARY KEY (device, id))',
  );
  const rows = bodies.flatMap((batches) => batches.length);
  const total = rows.reduce((a, b) => a + b, 0) * BATCH;
  const start = performance.now();
  await Promise.all(
    bodies.map(async (batches, device) => {
      for (const body of batches) {
        const mutations = (JSON.parse(body) as { mutations: Mutation[] }).mutations;
        await pool.query(
          `INSERT INTO raw_insert SELECT $1, (m->>'mutationId')::int, m->'payload'
           FROM jsonb_array_elements($2::jsonb) AS m`,
          [device, JSON.stringify(mutations)],
        );
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const { rows: counted } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM raw_insert');
  await pool.end();
  const inserted = Number(counted[0]?.n ?? 0);
  if (inserted !== total) throw new Error(`raw insert: ${inserted} rows instead of ${total}`);
  return inserted / seconds;
}

export async function runSyncBench(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL?.trim() || process.env.TEST_DATABASE_URL?.trim();
  console.log('\n### Sync server (PostgreSQL)\n');
  if (!url) {
    console.log(
      'skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL to measure',
    );
    return;
  }
  const name = `codiag_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const benchUrl = new URL(url);
  benchUrl.pathname = `/${name}`;
  const db = await openPostgresDatabase({ connectionString: benchUrl.href, maxConnections: 4 });
  let server: { url: string; stop: () => Promise<void> } | null = null;
  try {
    await migrate(db);
    server = await startServerProcess(benchUrl.href);
    const base = server.url;
    const tokens: string[] = [];
    for (let laptop = 0; laptop < LAPTOPS; laptop++) {
      const id = await upsertProfessional(db, {
        name: `Conseiller Bench ${laptop}`,
        role: 'pe-advisor',
        territory: `bench-${laptop % TERRITORIES}`,
      });
      const { code } = await issueEnrolmentCode(db, id, new Date());
      const enrolled = await enrolDevice(db, { code, deviceName: `Poste ${laptop}` }, new Date());
      if (!enrolled) throw new Error('bench: enrolment failed');
      tokens.push(enrolled.token);
    }
    // Bodies are serialised before the clock starts: the laptops' work is not the server's.
    const bodies = tokens.map((_, laptop) => {
      const day = dayOfWork(laptop);
      const batches: string[] = [];
      for (let i = 0; i < day.length; i += BATCH) {
        batches.push(JSON.stringify({ mutations: day.slice(i, i + BATCH) }));
      }
      return batches;
    });
    const totalMutations = LAPTOPS * INTERVIEWS_PER_LAPTOP * MUTATIONS_PER_INTERVIEW;
    const bytes = bodies.flat().reduce((sum, body) => sum + Buffer.byteLength(body), 0);

    const latencies: number[] = [];
    let applied = 0;
    const pushStart = performance.now();
    await Promise.all(
      tokens.map(async (token, laptop) => {
        for (const body of bodies[laptop] ?? []) {
          const t0 = performance.now();
          const response = await fetch(`${base}/sync/push`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body,
          });
          const answer = (await response.json()) as { results?: { status: string }[] };
          latencies.push(performance.now() - t0);
          if (response.status !== 200) throw new Error(`bench: push HTTP ${response.status}`);
          applied += answer.results?.filter((r) => r.status === 'applied').length ?? 0;
        }
      }),
    );
    const pushSeconds = (performance.now() - pushStart) / 1000;
    if (applied !== totalMutations) {
      throw new Error(`bench: ${applied} applied of ${totalMutations}`);
    }

    const pullLatencies: number[] = [];
    let pulled = 0;
    const pullStart = performance.now();
    await Promise.all(
      tokens.map(async (token) => {
        let cursor: string | null = null;
        for (;;) {
          const t0 = performance.now();
          const response = await fetch(`${base}/sync/pull`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ cursor, limit: 200 }),
          });
          const page = (await response.json()) as {
            changes: unknown[];
            nextCursor: string;
            hasMore: boolean;
          };
          pullLatencies.push(performance.now() - t0);
          pulled += page.changes.length;
          cursor = page.nextCursor;
          if (!page.hasMore) break;
        }
      }),
    );
    const pullSeconds = (performance.now() - pullStart) / 1000;
    await server.stop();
    server = null;

    const ceiling = await rawInsertCeiling(benchUrl.href, bodies);
    const rate = totalMutations / pushSeconds;
    console.log(
      `${LAPTOPS} laptops × ${INTERVIEWS_PER_LAPTOP} interviews × ${MUTATIONS_PER_INTERVIEW} mutations = ${totalMutations} mutations in ${bodies.flat().length} batches of ${BATCH} (${(bytes / 1024 / 1024).toFixed(0)} MiB), all laptops at once, the server in its own Node process, the laptops in another, PostgreSQL on the same machine.\n`,
    );
    console.log('| measure | value |');
    console.log('|---|---:|');
    console.log(`| push: total time | ${pushSeconds.toFixed(1)} s |`);
    console.log(`| push: mutations per second | ${formatRate(rate)} |`);
    console.log(
      `| push: p50 / p95 latency per batch | ${percentile(latencies, 50).toFixed(0)} / ${percentile(latencies, 95).toFixed(0)} ms |`,
    );
    console.log(
      `| raw INSERT of the same rows (20 connections, ${BATCH} rows per statement) | ${formatRate(ceiling)} rows/s |`,
    );
    console.log(`| ratio push / raw INSERT | ${((rate / ceiling) * 100).toFixed(0)} % |`);
    console.log(
      `| pull: ${pulled} changes by ${LAPTOPS} laptops, total time | ${pullSeconds.toFixed(1)} s |`,
    );
    console.log(
      `| pull: p95 latency per page of 200 | ${percentile(pullLatencies, 95).toFixed(0)} ms |`,
    );
  } finally {
    await server?.stop();
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
