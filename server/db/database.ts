/**
 * The server's one database interface (ARCHITECTURE decision 7): PostgreSQL through pg.Pool, or
 * PGlite in process. Everything above it is written once against `Database`.
 */

export type Row = Record<string, unknown>;

export interface QueryResult<R extends Row> {
  rows: R[];
  /** Rows inserted, updated or deleted by the statement (0 for a SELECT on PGlite). */
  rowCount: number;
}

export interface Queryable {
  /** One statement with `$1`-style parameters. Pass JSON as `JSON.stringify(value)` and `$n::jsonb`. */
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** A script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export type DatabaseEngine = 'postgres' | 'pglite';

export interface Database extends Queryable {
  readonly engine: DatabaseEngine;
  /**
   * Runs `fn` in one transaction (READ COMMITTED), committed when it resolves, rolled back when it
   * throws. Use only `tx` inside: on PGlite, a call on the database itself would wait forever.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** PostgreSQL error codes after which the whole transaction may simply run again. */
const RETRYABLE_CODES = new Set(['40001', '40P01']);

export function isRetryableError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    RETRYABLE_CODES.has(error.code)
  );
}

/** Runs a transaction again after a serialisation failure or a deadlock (it rolled back). */
export async function transactionWithRetry<T>(
  db: Database,
  fn: (tx: Queryable) => Promise<T>,
  attempts = 5,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(fn);
    } catch (error) {
      if (attempt >= attempts || !isRetryableError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
