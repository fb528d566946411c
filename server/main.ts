/**
 * `npm run server`: the sync server on 127.0.0.1 (TLS is the reverse proxy's job, see README),
 * port from PORT (default 8787), PostgreSQL from DATABASE_URL or PGlite in CODIAG_DATA_DIR, the
 * trusted reverse proxies from CODIAG_TRUST_PROXY (loopback by default, see http/trust-proxy.ts).
 * `--help` says so; any other argument exits with code 2.
 */
import { buildServer } from './app';
import {
  commandSpec,
  EXIT_DONE,
  EXIT_FAILURE,
  EXIT_BAD_INPUT,
  parseProgramArguments,
} from './cli/command-spec';
import { databaseConfigFromEnv, openMigratedDatabase } from './db/open-database';
import { trustProxyFromEnv } from './http/trust-proxy';

const DEFAULT_PORT = 8787;

/** `npm run server -- --help`: the server takes no argument, only its environment. */
const SERVER_SPEC = commandSpec({
  name: 'server',
  summary: 'the département’s sync server, on 127.0.0.1 behind the TLS reverse proxy',
  description: [
    'Starts the sync server that the laptops push to and pull from (docs/sync-protocol.md). It ' +
      'listens on 127.0.0.1 only: put a TLS reverse proxy in front (README, "Server"). At start it ' +
      'applies the database migrations. GET /health answers when it is up; GET /openapi.json ' +
      'describes every route. It stops on SIGINT or SIGTERM.',
    'It takes no argument: everything comes from the environment below.',
  ],
  arguments: [],
  options: {},
  environment: [
    { name: 'PORT', description: `the port to listen on, 0 to 65535 (default ${DEFAULT_PORT})` },
    {
      name: 'DATABASE_URL',
      description:
        'postgres://USER:PASSWORD@HOST:PORT/DATABASE for PostgreSQL (production); when unset, PGlite',
    },
    {
      name: 'CODIAG_DATA_DIR',
      description: 'the PGlite data folder when DATABASE_URL is unset (default ./data/server)',
    },
    {
      name: 'CODIAG_TRUST_PROXY',
      description:
        'the reverse proxies whose X-Forwarded-For is believed: a comma-separated list of ' +
        'addresses or CIDR ranges (or loopback, linklocal, uniquelocal), or none (default loopback)',
    },
    {
      name: 'LOG_LEVEL',
      description: 'fatal, error, warn, info, debug or trace (default info); never request bodies',
    },
  ],
  examples: [
    { command: 'npm run server', comment: 'PGlite in ./data/server, on http://127.0.0.1:8787' },
    {
      command: 'PORT=9000 CODIAG_DATA_DIR=/srv/codiag npm run server',
      comment: 'another port and data folder',
    },
    {
      command:
        'DATABASE_URL=postgres://codiag:secret@db.example.internal:5432/codiag npm run server',
      comment: 'PostgreSQL for production',
    },
  ],
  exitCodes: [
    { ...EXIT_DONE, meaning: 'stopped by SIGINT or SIGTERM' },
    {
      ...EXIT_FAILURE,
      meaning: 'could not start: a bad variable, the database or the port; the message says which',
    },
    { ...EXIT_BAD_INPUT, meaning: 'an argument was given (it takes none besides --help)' },
  ],
});

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

const parsed = parseProgramArguments(SERVER_SPEC, 'npm run server', process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
if ('exitCode' in parsed) {
  process.exitCode = parsed.exitCode;
} else {
  main().catch((error: unknown) => {
    process.stderr.write(
      `codiag server: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
