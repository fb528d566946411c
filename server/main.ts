/**
 * `npm run server`: the sync server on 127.0.0.1 (TLS is the reverse proxy's job, see README),
 * port from PORT (default 8787), PostgreSQL from DATABASE_URL or PGlite in CODIAG_DATA_DIR, the
 * trusted reverse proxies from CODIAG_TRUST_PROXY (loopback by default, see http/trust-proxy.ts).
 */
import { buildServer } from './app';
import { databaseConfigFromEnv, openMigratedDatabase } from './db/open-database';
import { trustProxyFromEnv } from './http/trust-proxy';

const DEFAULT_PORT = 8787;

function portFromEnv(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return DEFAULT_PORT;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT: expected an integer from 0 to 65535, got ${JSON.stringify(text)}`);
  }
  return port;
}

async function main(): Promise<void> {
  const port = portFromEnv(process.env.PORT);
  const trustProxy = trustProxyFromEnv(process.env.CODIAG_TRUST_PROXY);
  const config = databaseConfigFromEnv();
  const db = await openMigratedDatabase(config);
  const app = await buildServer({
    db,
    logger: { level: process.env.LOG_LEVEL?.trim() || 'info' },
    trustProxy,
  });
  const stop = async (signal: string): Promise<void> => {
    app.log.info({ signal }, 'stopping');
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', (signal) => void stop(signal));
  process.once('SIGTERM', (signal) => void stop(signal));
  const address = await app.listen({ host: '127.0.0.1', port });
  process.stdout.write(`codiag server listening on ${address} (${config.description})\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `codiag server: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
