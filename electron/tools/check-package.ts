/**
 * Offline packaging check (`npm run package:check`): builds electron-builder's `dir` target for
 * Linux against a stub Electron folder in a temporary copy of the project, then opens the resulting
 * app.asar and asserts what it holds (compiled bundles and renderer only, no sources, no
 * node_modules), that the fuses were flipped, and prints its size. The real `out/` is never written.
 */
import { spawn } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractFile, listPackage } from '@electron/asar';
import { z } from 'zod';
import { buildElectron } from './build-electron';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

/** Sentinel @electron/fuses looks for in the Electron binary, followed by version, length, wire. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** Fuse wire V1, in order (https://www.electronjs.org/docs/latest/tutorial/fuses). */
const FUSE_NAMES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;

type FuseName = (typeof FUSE_NAMES)[number];

/** Electron's defaults, as a fresh binary ships them: '1' enabled, '0' disabled. */
const STUB_INITIAL_WIRE = '10110001';

/** What electron-builder.yml must produce. Written here independently, on purpose. */
export const EXPECTED_FUSES: Readonly<Record<FuseName, boolean>> = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
};

export const REQUIRED_ASAR_ENTRIES = [
  '/package.json',
  '/out/electron/main.cjs',
  '/out/electron/preload.cjs',
  '/out/renderer/index.html',
] as const;

/** Above this, something unexpected (a node_modules tree, source maps) got into the archive. */
export const MAX_ASAR_BYTES = 40 * 1024 * 1024;

const PackagedManifestSchema = z.object({
  name: z.literal('codiag'),
  main: z.literal('out/electron/main.cjs'),
  version: z.string(),
});

export interface PackageCheckReport {
  asarPath: string;
  asarBytes: number;
  entries: string[];
  usedPlaceholderRenderer: boolean;
  fuses: Record<FuseName, boolean>;
  problems: string[];
}

/** A shell script standing in for Electron: enough for electron-builder to copy, rename, fuse. */
async function createStubElectron(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const header = Buffer.from(
    '#!/bin/sh\necho "stub Electron for packaging checks: not runnable" >&2\nexit 1\n# ',
  );
  const wire = Buffer.concat([
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, FUSE_NAMES.length]),
    Buffer.from(STUB_INITIAL_WIRE),
    Buffer.from('\n'),
  ]);
  const executable = path.join(dir, 'electron');
  await writeFile(executable, Buffer.concat([header, wire]));
  await chmod(executable, 0o755);
  await writeFile(path.join(dir, 'LICENSE'), 'stub\n');
  await writeFile(path.join(dir, 'version'), `${await electronVersion()}\n`);
}

async function electronVersion(): Promise<string> {
  const manifest = z
    .object({ version: z.string() })
    .parse(JSON.parse(await readFile(require.resolve('electron/package.json'), 'utf8')));
  return manifest.version;
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

function run(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else
        reject(new Error(`${path.basename(args[0] ?? command)} exited with ${code}:\n${output}`));
    });
  });
}

async function readFuses(binary: string): Promise<Record<FuseName, boolean>> {
  const content = await readFile(binary);
  const at = content.indexOf(FUSE_SENTINEL);
  if (at === -1) throw new Error(`no fuse sentinel in ${binary}`);
  const wireStart = at + FUSE_SENTINEL.length + 2;
  const entries = FUSE_NAMES.map((name, index) => [name, content[wireStart + index] === 0x31]);
  return z.record(z.enum(FUSE_NAMES), z.boolean()).parse(Object.fromEntries(entries));
}

export function findAsarProblems(entries: readonly string[], asarBytes: number): string[] {
  const problems: string[] = [];
  for (const required of REQUIRED_ASAR_ENTRIES) {
    if (!entries.includes(required)) problems.push(`missing ${required}`);
  }
  const sources = entries.filter((entry) => /\.(ts|tsx|mts|cts)$/.test(entry));
  if (sources.length > 0) problems.push(`TypeScript sources packaged: ${sources.join(', ')}`);
  const maps = entries.filter((entry) => entry.endsWith('.map'));
  if (maps.length > 0) problems.push(`source maps packaged: ${maps.join(', ')}`);
  if (entries.some((entry) => entry.startsWith('/node_modules/react'))) {
    problems.push('node_modules/react packaged (the renderer must be bundled by Vite)');
  }
  const modules = entries.filter((entry) => entry.includes('/node_modules/'));
  if (modules.length > 0)
    problems.push(`node_modules packaged: ${modules.slice(0, 5).join(', ')}…`);
  const unexpected = entries.filter(
    (entry) =>
      !entry.startsWith('/out/electron') &&
      !entry.startsWith('/out/renderer') &&
      entry !== '/out' &&
      entry !== '/package.json',
  );
  if (unexpected.length > 0) problems.push(`unexpected entries: ${unexpected.join(', ')}`);
  if (asarBytes > MAX_ASAR_BYTES)
    problems.push(`app.asar is ${asarBytes} bytes, over ${MAX_ASAR_BYTES}`);
  return problems;
}

export async function checkPackage(options: { keep?: boolean } = {}): Promise<PackageCheckReport> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'codiag-package-check-'));
  try {
    const stage = path.join(work, 'project');
    const stubDir = path.join(work, 'stub-electron');
    await mkdir(stage, { recursive: true });
    await cp(path.join(repoRoot, 'package.json'), path.join(stage, 'package.json'));
    await cp(path.join(repoRoot, 'electron-builder.yml'), path.join(stage, 'electron-builder.yml'));
    await buildElectron({ outDir: path.join(stage, 'out', 'electron'), autoUpdate: false });

    const realRenderer = path.join(repoRoot, 'out', 'renderer');
    const usedPlaceholderRenderer = !(await exists(path.join(realRenderer, 'index.html')));
    const stagedRenderer = path.join(stage, 'out', 'renderer');
    if (usedPlaceholderRenderer) {
      await mkdir(stagedRenderer, { recursive: true });
      await writeFile(
        path.join(stagedRenderer, 'index.html'),
        '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>codiag</title></head><body>placeholder</body></html>\n',
      );
    } else {
      await cp(realRenderer, stagedRenderer, { recursive: true });
    }

    await createStubElectron(stubDir);
    await run(
      process.execPath,
      [
        require.resolve('electron-builder/cli.js'),
        '--linux',
        'dir',
        '--x64',
        '--publish',
        'never',
        `-c.electronDist=${stubDir}`,
        `-c.electronVersion=${await electronVersion()}`,
      ],
      stage,
    );

    const appDir = path.join(stage, 'release', 'linux-unpacked');
    const asarPath = path.join(appDir, 'resources', 'app.asar');
    const asarBytes = (await stat(asarPath)).size;
    const entries = listPackage(asarPath, { isPack: false });
    const problems = findAsarProblems(entries, asarBytes);

    const manifest = PackagedManifestSchema.safeParse(
      JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')),
    );
    if (!manifest.success) problems.push(`packaged package.json: ${manifest.error.message}`);

    const fuses = await readFuses(path.join(appDir, 'codiag'));
    for (const name of FUSE_NAMES) {
      if (fuses[name] !== EXPECTED_FUSES[name]) {
        problems.push(`fuse ${name} is ${fuses[name]}, expected ${EXPECTED_FUSES[name]}`);
      }
    }

    const updateConfig = path.join(appDir, 'resources', 'app-update.yml');
    if (!(await exists(updateConfig))) problems.push('resources/app-update.yml missing');
    else if (!/provider: generic/.test(await readFile(updateConfig, 'utf8'))) {
      problems.push('app-update.yml does not use the generic provider');
    }

    return { asarPath, asarBytes, entries, usedPlaceholderRenderer, fuses, problems };
  } finally {
    if (options.keep !== true) await rm(work, { recursive: true, force: true });
  }
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  const keep = process.argv.includes('--keep');
  const report = await checkPackage({ keep });
  console.log(
    `app.asar (${keep ? report.asarPath : 'built in a temporary folder, now removed; --keep to keep it'}):`,
  );
  for (const entry of report.entries) console.log(`  ${entry}`);
  console.log(
    `size: ${report.asarBytes} bytes (${(report.asarBytes / 1024 / 1024).toFixed(2)} MiB)`,
  );
  console.log(`fuses: ${JSON.stringify(report.fuses)}`);
  if (report.usedPlaceholderRenderer) {
    console.log(
      'note: no out/renderer/index.html yet, a placeholder was packaged (temp copy only)',
    );
  }
  if (report.problems.length > 0) {
    console.error(`package check FAILED:\n  - ${report.problems.join('\n  - ')}`);
    process.exitCode = 1;
  } else {
    console.log('package check passed');
  }
}
