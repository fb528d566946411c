/**
 * The département's real server for the end-to-end tests: `server/main.ts` on PGlite in a
 * temporary folder, the `codiag` admin CLI on the same folder (before the server starts: PGlite
 * lets one process open it), and a laptop enrolled from the sync page.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { visible } from './app';
import { REPO } from './harness';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface TestServer {
  dataDir: string;
  /** `codiag ARGS` on the server's data folder, whatever its exit code. */
  cli: (args: string[]) => CliResult;
  /** `codiag enroll`: the one-time code of a new device of `territory`. */
  enrolmentCode: (name: string, role: string, territory: string) => string;
  /** Starts `server/main.ts` on a free port; returns its URL. */
  start: () => Promise<string>;
  url: () => string;
  stop: () => Promise<void>;
}

export function testServer(): TestServer {
  const dataDir = mkdtempSync(join(tmpdir(), 'codiag-e2e-server-'));
  const env = { ...process.env, CODIAG_DATA_DIR: dataDir };
  let child: ChildProcess | null = null;
  let url = '';
  const cli = (args: string[]): CliResult => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', ...args], {
      cwd: REPO,
      env,
      encoding: 'utf8',
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  };
  return {
    dataDir,
    cli,
    enrolmentCode: (name, role, territory) => {
      const run = cli(['enroll', '--name', name, '--role', role, '--territory', territory]);
      const code = /enrolment code: (\S+)/.exec(run.stdout)?.[1];
      if (run.status !== 0 || !code) {
        throw new Error(`codiag enroll exited ${String(run.status)}: ${run.stderr}`);
      }
      return code;
    },
    start: async () => {
      const started = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        cwd: REPO,
        env: { ...env, PORT: '0', LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      child = started;
      url = await new Promise<string>((resolve, reject) => {
        let out = '';
        started.stdout?.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(out);
          if (match?.[1]) resolve(match[1]);
        });
        started.once('exit', (code) => reject(new Error(`server exited (${String(code)})`)));
      });
      return url;
    },
    url: () => url,
    stop: async () => {
      if (child && child.exitCode === null) {
        const exited = new Promise((done) => child?.once('exit', done));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((done) => setTimeout(done, 5_000))]);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Enrols the laptop from the sync page (« Synchroniser » in the header). */
export async function enrolLaptop(
  page: Page,
  serverUrl: string,
  code: string,
  deviceName: string,
): Promise<void> {
  await page.getByRole('button', { name: 'Synchroniser', exact: true }).click();
  await visible(page.getByRole('heading', { level: 1, name: 'Synchronisation' }));
  await page.getByLabel('Adresse du serveur du département').fill(serverUrl);
  await page.getByLabel('Code d’enrôlement').fill(code);
  await page.getByLabel('Nom du poste').fill(deviceName);
  await page.getByRole('button', { name: 'Enrôler ce poste' }).click();
  const outcome = page
    .getByRole('status')
    .filter({ hasText: /Poste enrôlé|refusé|injoignable|illisible|invalide/ });
  await visible(outcome);
  expect(await outcome.textContent()).toMatch(/Poste enrôlé : vous pouvez synchroniser\./);
}
