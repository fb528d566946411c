/**
 * The steering indicators on the server (issues 6 and 13): generated interviews of fake people
 * pushed into the records through writeRecords (so their facts and each person's history are kept
 * as a push keeps them), then the report `codiag indicators` / `POST /admin/indicators` answers
 * (serverIndicators: one query over `interview_facts`, laid out in JavaScript), timed for a year
 * and for its last quarter. 100 000 interviews by default; BENCH_INDICATORS_COUNT for another
 * size (1 000 000 for the growth), written by chunks of 100 000 of their own people over the same
 * year. On PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set (a throwaway schema,
 * dropped afterwards), otherwise on PGlite in memory.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { demoInterviews } from '../server/cli/demo-interviews';
import type { Database } from '../server/db/database';
import { migrate } from '../server/db/migrations';
import { openPgliteDatabase } from '../server/db/pglite';
import { openPostgresDatabase } from '../server/db/postgres';
import { serverIndicators } from '../server/indicators/server-indicators';
import { writeRecords } from '../server/sync/records';
import { formatRate } from './harness';

const INTERVIEWS = Number(process.env.BENCH_INDICATORS_COUNT ?? 100_000);
/** Interviews generated at once (the people of one chunk are seen again within it). */
const CHUNK = 100_000;
/** Interviews per writeRecords transaction, as large pushes would come. */
const WRITE_BATCH = 2000;
const TERRITORIES = ['59-armentieres', '59-lille', '59-roubaix', '59-tourcoing', '59-valenciennes'];
const YEAR = { from: '2025-01-01', to: '2025-12-31' };
const QUARTER = { from: '2025-10-01', to: '2025-12-31' };
const RUNS = 5;

/** Progress on standard error, so that a long run shows where it is. */
function progress(text: string): void {
  process.stderr.write(`  indicators bench: ${text}\n`);
}

async function openBenchDatabase(): Promise<{
  db: Database;
  label: string;
  dispose: () => Promise<void>;
}> {
  const url = process.env.BENCH_DATABASE_URL?.trim() || process.env.TEST_DATABASE_URL?.trim();
  if (!url) {
    const db = await openPgliteDatabase();
    return { db, label: 'PGlite (in memory)', dispose: () => db.close() };
  }
  const schema = `codiag_bench_${randomBytes(6).toString('hex')}`;
  const db = await openPostgresDatabase({ connectionString: url, schema, maxConnections: 4 });
  return {
    db,
    label: 'PostgreSQL',
    dispose: async () => {
      await db.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

/** Generates and writes the interviews chunk by chunk (a chunk is freed before the next). */
async function load(db: Database): Promise<{ generatedMs: number; writtenMs: number }> {
  let generatedMs = 0;
  let writtenMs = 0;
  for (let done = 0, chunk = 0; done < INTERVIEWS; chunk++) {
    const count = Math.min(CHUNK, INTERVIEWS - done);
    let start = performance.now();
    const set = demoInterviews({
      count,
      seed: 2025 + chunk,
      from: YEAR.from,
      days: 365,
      territories: TERRITORIES,
      prefix: `bench${chunk}`,
    });
    generatedMs += performance.now() - start;
    start = performance.now();
    for (let i = 0; i < set.length; i += WRITE_BATCH) {
      await db.transaction((tx) =>
        writeRecords(
          tx,
          set.slice(i, i + WRITE_BATCH).map((d) => ({
            entityType: 'interview',
            entityId: d.interview.id,
            territory: d.territory,
            revision: 1,
            payload: d.interview,
          })),
        ),
      );
    }
    writtenMs += performance.now() - start;
    done += count;
    progress(`${formatRate(done)} interviews written`);
  }
  // What autovacuum does on a live server after a bulk load: dead rows of the history updates
  // cleared, statistics for the planner.
  await db.exec(
    db.engine === 'postgres' ? 'VACUUM ANALYZE interview_facts' : 'ANALYZE interview_facts',
  );
  return { generatedMs, writtenMs };
}

async function timeReport(db: Database, period: { from: string; to: string }): Promise<number[]> {
  await serverIndicators(db, period); // warms the caches, as a server that has been running
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await serverIndicators(db, period);
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return ms.sort((a, b) => a - b);
}

export async function runIndicatorsBench(): Promise<void> {
  const { db, label, dispose } = await openBenchDatabase();
  try {
    await migrate(db);
    const { generatedMs, writtenMs } = await load(db);
    const size = await db.query<{ size: string }>(
      "SELECT pg_size_pretty(pg_total_relation_size('interview_facts')) AS size",
    );

    const rows: string[] = [];
    for (const [name, period] of [
      ['year', YEAR],
      ['quarter', QUARTER],
    ] as const) {
      const counted = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM interview_facts WHERE latest AND date BETWEEN $1 AND $2',
        [period.from, period.to],
      );
      const n = counted.rows[0]?.n ?? 0;
      progress(`${name}: ${formatRate(n)} interviews in the period`);
      const ms = await timeReport(db, period);
      const median = ms[Math.floor(ms.length / 2)] as number;
      rows.push(
        `| ${name}: report (serverIndicators, ${TERRITORIES.length} territories) | ${formatRate(n)} | ` +
          `**${formatRate(median)}** | ${formatRate(ms[0] as number)} | ${formatRate(ms.at(-1) as number)} | ` +
          `${formatRate((n / median) * 1000)} |`,
      );
    }

    console.log(`\n### Indicators over ${formatRate(INTERVIEWS)} interviews — ${label}\n`);
    console.log(
      `Generated in ${(generatedMs / 1000).toFixed(1)} s; written through writeRecords (facts and ` +
        `histories kept) in ${(writtenMs / 1000).toFixed(1)} s ` +
        `(${formatRate((INTERVIEWS / writtenMs) * 1000)} interviews/s, batches of ${formatRate(WRITE_BATCH)}); ` +
        `interview_facts ${size.rows[0]?.size ?? '?'}. Median of ${RUNS} runs after a warm-up.\n`,
    );
    console.log('| step | interviews in the period | median ms | min ms | max ms | interviews/s |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const row of rows) console.log(row);
  } finally {
    await dispose();
  }
}
