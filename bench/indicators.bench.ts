/**
 * The steering indicators on the server over 100 000 interviews (issue 6): generated interviews of
 * fake people written straight into the records table (as pushes would leave them), then the three
 * steps of `codiag indicators` / `POST /admin/indicators` timed apart: the database read (SQL and
 * transfer), the parse with the interview schema, the computation by shared/indicators; and the
 * whole. On PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set (a throwaway schema,
 * dropped afterwards), otherwise on PGlite in memory.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { computeIndicators } from '../shared/indicators/compute-indicators';
import { NORD_2023 } from '../shared/referential';
import { demoInterviews } from '../server/cli/demo-interviews';
import type { Database } from '../server/db/database';
import { migrate } from '../server/db/migrations';
import { openPgliteDatabase } from '../server/db/pglite';
import { openPostgresDatabase } from '../server/db/postgres';
import {
  parseStoredInterviews,
  queryStoredInterviews,
} from '../server/indicators/stored-interviews';
import { serverIndicators } from '../server/indicators/server-indicators';
import { writeRecords } from '../server/sync/records';
import { formatRate } from './harness';

/** 100 000 by default; BENCH_INDICATORS_COUNT for a quicker look. */
const INTERVIEWS = Number(process.env.BENCH_INDICATORS_COUNT ?? 100_000);
const TERRITORIES = ['59-armentieres', '59-lille', '59-roubaix', '59-tourcoing', '59-valenciennes'];
const YEAR = { from: '2025-01-01', to: '2025-12-31' };
const QUARTER = { from: '2025-10-01', to: '2025-12-31' };
const RUNS = 3;

interface Timing {
  step: string;
  ms: number[];
  interviews: number;
}

/** Progress on standard error, so that a long run shows where it is. */
function progress(text: string): void {
  process.stderr.write(`  indicators bench: ${text}\n`);
}

/** Timed runs; a warm-up first only for pure code (a database read warms nothing but caches). */
async function time(
  runs: number,
  fn: () => Promise<unknown> | unknown,
  warmUp: boolean,
): Promise<number[]> {
  if (warmUp) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return ms.sort((a, b) => a - b);
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

/** Generates the interviews and writes them, in a function so that the set can be freed after. */
async function generateInto(db: Database): Promise<{ generatedMs: number; loadedMs: number }> {
  let start = performance.now();
  const set = demoInterviews({
    count: INTERVIEWS,
    seed: 2025,
    from: YEAR.from,
    days: 365,
    territories: TERRITORIES,
    prefix: 'bench',
  });
  const generatedMs = performance.now() - start;
  progress(`generated ${set.length} interviews in ${Math.round(generatedMs)} ms`);
  start = performance.now();
  for (let i = 0; i < set.length; i += 2000) {
    await db.transaction((tx) =>
      writeRecords(
        tx,
        set.slice(i, i + 2000).map((d) => ({
          entityType: 'interview',
          entityId: d.interview.id,
          territory: d.territory,
          revision: 1,
          payload: d.interview,
        })),
      ),
    );
  }
  const loadedMs = performance.now() - start;
  await db.exec('ANALYZE records');
  progress(`written in ${Math.round(loadedMs)} ms`);
  return { generatedMs, loadedMs };
}

export async function runIndicatorsBench(): Promise<void> {
  const { db, label, dispose } = await openBenchDatabase();
  try {
    await migrate(db);
    const { generatedMs, loadedMs } = await generateInto(db);

    const timings: Timing[] = [];
    for (const [name, period] of [
      ['year', YEAR],
      ['quarter', QUARTER],
    ] as const) {
      const query = { period };
      const raw = await queryStoredInterviews(db, query);
      const records = parseStoredInterviews(raw);
      const n = raw.rows.length;
      progress(`${name}: ${n} interviews read`);
      timings.push({
        step: `${name}: database read (SQL + transfer)`,
        ms: await time(RUNS, () => queryStoredInterviews(db, query), false),
        interviews: n,
      });
      timings.push({
        step: `${name}: parse (InterviewSchema)`,
        ms: await time(RUNS, () => parseStoredInterviews(raw), true),
        interviews: n,
      });
      timings.push({
        step: `${name}: compute (${TERRITORIES.length} territories)`,
        ms: await time(
          RUNS,
          () =>
            TERRITORIES.map((territory) =>
              computeIndicators(records, NORD_2023, { period, territory }),
            ),
          true,
        ),
        interviews: n,
      });
      timings.push({
        step: `${name}: whole (serverIndicators)`,
        ms: await time(RUNS, () => serverIndicators(db, period), false),
        interviews: n,
      });
    }

    console.log(`\n### Indicators over ${formatRate(INTERVIEWS)} interviews — ${label}\n`);
    console.log(
      `Generated in ${(generatedMs / 1000).toFixed(1)} s; written into records in ${(loadedMs / 1000).toFixed(1)} s ` +
        `(${formatRate((INTERVIEWS / loadedMs) * 1000)} rows/s, chunks of 2 000). ` +
        `Median of ${RUNS} runs (pure steps after a warm-up).\n`,
    );
    console.log('| step | interviews read | median ms | min ms | max ms | interviews/s (median) |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const t of timings) {
      const median = t.ms[Math.floor(t.ms.length / 2)] as number;
      console.log(
        `| ${t.step} | ${formatRate(t.interviews)} | ${formatRate(median)} | ${formatRate(t.ms[0] as number)} | ${formatRate(t.ms.at(-1) as number)} | ${formatRate((t.interviews / median) * 1000)} |`,
      );
    }
  } finally {
    await dispose();
  }
}
