/**
 * Opens the server's database from the environment: PostgreSQL when `DATABASE_URL` is set,
 * otherwise PGlite in `CODIAG_DATA_DIR` (default ./data/server); then applies the migrations.
 */
import { resolve } from 'node:path';
import type { Database } from './database';
import { migrate } from './migrations';
import { openPgliteDatabase } from './pglite';
import { openPostgresDatabase } from './postgres';

export const DEFAULT_DATA_DIR = 'data/server';

export interface DatabaseConfig {
  /** Where the data lives, without credentials (safe to print). */
  description: string;
  open: () => Promise<Database>;
}

export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    let where = 'PostgreSQL';
    try {
      const parsed = new URL(url);
      where = `PostgreSQL on ${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
    } catch {
      throw new Error('DATABASE_URL: expected a postgres:// URL');
    }
    return {
      description: where,
      open: () => openPostgresDatabase({ connectionString: url, maxConnections: 20 }),
    };
  }
  const dataDir = resolve(env.CODIAG_DATA_DIR?.trim() || DEFAULT_DATA_DIR);
  return {
    description: `PGlite in ${dataDir}`,
    open: () => openPgliteDatabase({ dataDir }),
  };
}

/** Opens and migrates; closes again if the migration fails. */
export async function openMigratedDatabase(config: DatabaseConfig): Promise<Database> {
  const db = await config.open();
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
