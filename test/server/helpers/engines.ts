/**
 * The database engines every server test runs on: PGlite always (in memory), PostgreSQL when
 * TEST_DATABASE_URL is set (a fresh schema per suite, dropped afterwards).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../../../server/db/database';
import { migrate } from '../../../server/db/migrations';
import { openPgliteDatabase } from '../../../server/db/pglite';
import { openPostgresDatabase } from '../../../server/db/postgres';

export interface TestEngine {
  name: 'pglite' | 'postgres';
  /** A fresh, migrated database, and how to remove it. */
  open: () => Promise<{ db: Database; dispose: () => Promise<void> }>;
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

export function freshSchemaName(): string {
  return `codiag_test_${randomBytes(6).toString('hex')}`;
}

export async function dropSchema(connectionString: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

const pglite: TestEngine = {
  name: 'pglite',
  open: async () => {
    const db = await openPgliteDatabase();
    await migrate(db);
    return { db, dispose: () => db.close() };
  },
};

function postgres(url: string): TestEngine {
  return {
    name: 'postgres',
    open: async () => {
      const schema = freshSchemaName();
      const db = await openPostgresDatabase({ connectionString: url, schema, maxConnections: 8 });
      await migrate(db);
      return {
        db,
        dispose: async () => {
          await db.close();
          await dropSchema(url, schema);
        },
      };
    },
  };
}

export const ENGINES: readonly TestEngine[] = [
  pglite,
  ...(TEST_DATABASE_URL ? [postgres(TEST_DATABASE_URL)] : []),
];
