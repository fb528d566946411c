/**
 * Desktop smoke test (`npm run smoke:electron`, `--help`): where an Electron binary is present,
 * launches the app under Xvfb with a throwaway profile, drives its window over the DevTools
 * protocol (electron/tools/smoke-drive.ts) to export a fake person's contract as PDF into a
 * temporary folder (CODIAG_SMOKE_EXPORT_DIR, electron/main/smoke-export.ts), and reads the PDF
 * back with pdftotext. Without a binary it prints one line and exits 0. The decisions are in
 * smoke-plan.ts; this file runs the processes and cleans up after them.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { isAppUrl } from '../main/app-origin';
import {
  STEP_TIMEOUT_MS,
  connectToApp,
  exportContract,
  findAppPage,
  freePort,
  waitForPdf,
} from './smoke-drive';
import {
  type Discovery,
  SKIP_LINE,
  USAGE,
  buildLaunchPlan,
  expectedPdfTexts,
  findElectronBinary,
  missingTexts,
  missingTools,
  missingToolsLine,
  parseSmokeArgs,
} from './smoke-plan';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

/** Starting Electron (and Xvfb) on a slow machine, and each wait after it. */
const START_TIMEOUT_MS = 60_000;
const EXIT_TIMEOUT_MS = 10_000;
/** The last part of the app's output, shown when the smoke test fails. */
const OUTPUT_TAIL_CHARS = 4_000;

const say = (line: string) => console.log(`smoke:electron: ${line}`);
const timeout = (ms: number) => new Promise((done) => setTimeout(done, ms).unref());

class SmokeFailure extends Error {}

/** `require('electron')` is the binary's path, and throws when the package has no binary. */
function electronPackagePath(): string | null {
  try {
    const answer: unknown = require('electron');
    return typeof answer === 'string' ? answer : null;
  } catch {
    return null;
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: repoRoot,
      env,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new SmokeFailure(`${command} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

/** A bare Electron runs this repository's out/: built now unless --no-build. */
async function prepareUnpackagedApp(build: boolean): Promise<void> {
  if (build) {
    say('building the renderer and the Electron bundles (--no-build to skip)');
    // Vitest or a shell may have set NODE_ENV: the smoke test checks the production build.
    await run('npm', ['run', '-s', 'build'], { ...process.env, NODE_ENV: 'production' });
    await run('npm', ['run', '-s', 'build:electron'], process.env);
  }
  const needed = ['out/electron/main.cjs', 'out/electron/preload.cjs', 'out/renderer/index.html'];
  const absent = needed.filter((file) => !existsSync(path.join(repoRoot, file)));
  if (absent.length > 0) {
    throw new SmokeFailure(
      `${absent.join(', ')} missing: run npm run build && npm run build:electron`,
    );
  }
}

function pdfToText(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'pdftotext',
      ['-layout', file, '-'],
      { encoding: 'utf8', timeout: STEP_TIMEOUT_MS },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
}

/** The launched app: its exit as a promise that rejects (to race against each step), and a stop. */
function launch(command: string, args: string[], env: Record<string, string>) {
  // Its own process group, so that stopping it reaches Xvfb and every Electron process.
  const child: ChildProcess = spawn(command, args, {
    env,
    detached: process.platform !== 'win32',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const early = new Promise<never>((_, reject) => {
    child.once('error', (error) =>
      reject(new SmokeFailure(`cannot start ${command}: ${error.message}`)),
    );
    child.once('exit', (code, signal) =>
      reject(new SmokeFailure(`the app exited before the end (${signal ?? `code ${code}`})`)),
    );
  });
  early.catch(() => undefined);

  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      if (process.platform === 'win32') child.kill(signal);
      else process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  return {
    output: () => output,
    step: <T>(promise: Promise<T>): Promise<T> => Promise.race([promise, early]),
    /**
     * Lets a window that was closed quit the app (`quitting`), then SIGTERM and, whatever
     * happened, SIGKILL to its whole process group.
     */
    stop: async (quitting: boolean) => {
      if (child.exitCode === null && child.signalCode === null) {
        if (quitting) await Promise.race([exited, timeout(EXIT_TIMEOUT_MS)]);
        signalGroup('SIGTERM');
        await Promise.race([exited, timeout(EXIT_TIMEOUT_MS)]);
      }
      signalGroup('SIGKILL');
    },
  };
}

async function smoke(found: Extract<Discovery, { kind: 'found' }>, build: boolean) {
  const missing = missingTools(process.env, process.platform);
  if (missing.length > 0) throw new SmokeFailure(missingToolsLine(missing));
  say(
    `using ${found.binary} (${found.source}${found.packaged ? ', packaged' : ', bare Electron'})`,
  );
  if (!found.packaged) await prepareUnpackagedApp(build);

  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'codiag-smoke-profile-'));
  const exportDir = await mkdtemp(path.join(os.tmpdir(), 'codiag-smoke-export-'));
  let app: ReturnType<typeof launch> | null = null;
  let browser: Browser | null = null;
  let quitting = false;
  try {
    const port = await freePort();
    const plan = buildLaunchPlan({
      binary: found.binary,
      packaged: found.packaged,
      repoRoot,
      userDataDir,
      exportDir,
      port,
      isRoot: process.getuid?.() === 0,
      platform: process.platform,
      env: process.env,
    });
    app = launch(plan.command, plan.args, plan.env);
    const started = app;
    try {
      browser = await started.step(connectToApp(port, START_TIMEOUT_MS));
      const page = await started.step(findAppPage(browser, isAppUrl, START_TIMEOUT_MS));
      say('connected to the app window');
      const person = await started.step(exportContract(page, say));
      const pdf = await started.step(waitForPdf(exportDir, STEP_TIMEOUT_MS));
      const absent = missingTexts(await pdfToText(pdf.file), expectedPdfTexts(person));
      if (absent.length > 0) {
        throw new SmokeFailure(
          `the PDF does not contain: ${absent.map((t) => `« ${t} »`).join(', ')}`,
        );
      }
      say(
        `PDF ${path.basename(pdf.file)} (${pdf.bytes} bytes) holds the contract of ${person.firstName} ${person.lastName}`,
      );
      // Closing the window quits the app (after the close guard's flush).
      quitting = true;
      await Promise.race([page.close(), timeout(EXIT_TIMEOUT_MS)]);
    } catch (error) {
      const tail = started.output().trim();
      if (tail !== '') console.error(`--- the app's output (end) ---\n${tail}\n---`);
      throw error;
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await app?.stop(quitting);
    await rm(userDataDir, { recursive: true, force: true });
    await rm(exportDir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const options = parseSmokeArgs(process.argv.slice(2));
  if ('error' in options) {
    console.error(`smoke:electron: ${options.error}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const found = findElectronBinary({
    env: process.env,
    repoRoot,
    platform: process.platform,
    electronPackagePath,
  });
  if (found.kind === 'none') {
    console.log(SKIP_LINE);
    return 0;
  }
  try {
    if (found.kind === 'invalid') throw new SmokeFailure(found.message);
    await smoke(found, options.build);
    say('passed');
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(
      message.startsWith('smoke:electron: ') ? message : `smoke:electron: failed — ${message}`,
    );
    return 1;
  }
}

// Exits even if a connection to a hung app is still open.
process.exit(await main());
