/**
 * The `Database` on PGlite, PostgreSQL compiled to WebAssembly and run in this process (the
 * zero-setup default, a data folder). PGlite has one connection: every query and transaction goes
 * through one queue, and a lock file keeps a second process off the same folder.
 */
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Database, QueryResult, Queryable, Row } from './database';

export interface PgliteOptions {
  /** A data folder, or undefined for a database in memory (tests). */
  dataDir?: string;
}

/** Serialises asynchronous jobs: each starts when the previous one has settled. */
class Queue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job, job);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

function wrap(target: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    async query<R extends Row = Row>(
      sql: string,
      params: readonly unknown[] = [],
    ): Promise<QueryResult<R>> {
      const result = await target.query<R>(sql, [...params]);
      return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
  };
}

const LOCK_FILE = 'codiag-server.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data folder for this process. A lock left by a process that no longer runs (killed)
 * is taken over; one held by a live process is an error that says which.
 */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new Error(
          `data folder ${dataDir} is in use by process ${holder} (the codiag server?): stop it first, or use PostgreSQL (DATABASE_URL) to share the database`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`data folder ${dataDir}: could not take the lock file ${path}`);
}

export async function openPgliteDatabase(options: PgliteOptions = {}): Promise<Database> {
  const unlock = options.dataDir === undefined ? () => undefined : lockDataDir(options.dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
      parsers: { [pgliteTypes.INT8]: (value: string) => Number(value) },
    });
  } catch (error) {
    unlock();
    throw error;
  }
  const queue = new Queue();
  const direct = wrap(pglite);
  let closed = false;
  return {
    engine: 'pglite',
    query: (sql, params) => queue.run(() => direct.query(sql, params)),
    exec: (sql) => queue.run(() => direct.exec(sql)),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) =>
      queue.run(() => pglite.transaction((tx) => fn(wrap(tx)))),
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await queue.run(() => pglite.close());
      unlock();
    },
  };
}
