/**
 * The decisions of the desktop smoke test (`npm run smoke:electron`, electron/tools/smoke.ts),
 * apart from running anything: which Electron binary, which tools it needs, the command line, and
 * what the exported PDF must say. No `electron` import and no process started here, so each
 * decision is unit-tested (test/electron/smoke.test.ts).
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fakeBeneficiary, seededRandom } from '../../shared/demo/fake-people';
import { type IsoDate, addDays } from '../../shared/util/dates';
import { SMOKE_EXPORT_DIR_ENV } from '../main/smoke-export';

export const SKIP_LINE =
  'smoke:electron: skipped — no Electron binary (set CODIAG_ELECTRON, run npm run package, or install electron with network access)';

export const ELECTRON_ENV = 'CODIAG_ELECTRON';

type Env = Readonly<Record<string, string | undefined>>;

export type BinarySource = 'CODIAG_ELECTRON' | 'release' | 'electron-package';

export type Discovery =
  | {
      kind: 'found';
      binary: string;
      source: BinarySource;
      /** A packaged app (its app.asar beside it) rather than a bare Electron given the repo. */
      packaged: boolean;
    }
  | { kind: 'none' }
  | { kind: 'invalid'; message: string };

export interface DiscoveryInput {
  env: Env;
  repoRoot: string;
  platform: NodeJS.Platform;
  /** What `require('electron')` answers: the path of its binary, or null when it throws. */
  electronPackagePath: () => string | null;
  isExecutable?: (file: string) => boolean;
}

/** A regular file this process may execute. */
export function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where `electron-builder --dir` (or the first step of `npm run package`) leaves the app. */
export function releaseBinaryCandidates(repoRoot: string, platform: NodeJS.Platform): string[] {
  const release = path.join(repoRoot, 'release');
  switch (platform) {
    case 'win32':
      return [path.join(release, 'win-unpacked', 'codiag.exe')];
    case 'darwin':
      return ['mac', 'mac-arm64', 'mac-universal'].map((dir) =>
        path.join(release, dir, 'codiag.app', 'Contents', 'MacOS', 'codiag'),
      );
    default:
      return ['linux-unpacked', 'linux-arm64-unpacked'].map((dir) =>
        path.join(release, dir, 'codiag'),
      );
  }
}

/** electron-builder puts app.asar in `resources/` beside the binary (`../Resources` on macOS). */
export function isPackagedApp(binary: string, exists: (file: string) => boolean = existsSync) {
  const dir = path.dirname(binary);
  return (
    exists(path.join(dir, 'resources', 'app.asar')) ||
    exists(path.join(dir, '..', 'Resources', 'app.asar'))
  );
}

/** In order: CODIAG_ELECTRON, this repository's `release/` folder, the `electron` package. */
export function findElectronBinary(input: DiscoveryInput): Discovery {
  const isExecutable = input.isExecutable ?? isExecutableFile;
  const fromEnv = input.env[ELECTRON_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    const binary = path.resolve(fromEnv);
    if (!isExecutable(binary)) {
      return { kind: 'invalid', message: `${ELECTRON_ENV}=${fromEnv} is not an executable file` };
    }
    return { kind: 'found', binary, source: 'CODIAG_ELECTRON', packaged: isPackagedApp(binary) };
  }
  const released = releaseBinaryCandidates(input.repoRoot, input.platform).find(isExecutable);
  if (released !== undefined) {
    return { kind: 'found', binary: released, source: 'release', packaged: true };
  }
  const installed = input.electronPackagePath();
  if (installed !== null && isExecutable(installed)) {
    return { kind: 'found', binary: installed, source: 'electron-package', packaged: false };
  }
  return { kind: 'none' };
}

export interface Tool {
  command: string;
  /** The Debian / Ubuntu package that provides it. */
  aptPackage: string;
}

/** Xvfb gives Electron a display nobody sees (Linux only); pdftotext reads the PDF back. */
export function requiredTools(platform: NodeJS.Platform): Tool[] {
  const pdftotext = { command: 'pdftotext', aptPackage: 'poppler-utils' };
  return platform === 'linux'
    ? [{ command: 'xvfb-run', aptPackage: 'xvfb' }, pdftotext]
    : [pdftotext];
}

export function findOnPath(
  command: string,
  env: Env,
  platform: NodeJS.Platform,
  isExecutable: (file: string) => boolean = isExecutableFile,
): string | null {
  const delimiter = platform === 'win32' ? ';' : ':';
  const extensions = platform === 'win32' ? ['.exe', '.cmd', '.bat', ''] : [''];
  for (const dir of (env.PATH ?? env.Path ?? '').split(delimiter)) {
    if (dir === '') continue;
    for (const extension of extensions) {
      const candidate = path.join(dir, `${command}${extension}`);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

export function missingTools(
  env: Env,
  platform: NodeJS.Platform,
  isExecutable: (file: string) => boolean = isExecutableFile,
): Tool[] {
  return requiredTools(platform).filter(
    (tool) => findOnPath(tool.command, env, platform, isExecutable) === null,
  );
}

export function missingToolsLine(missing: readonly Tool[]): string {
  const commands = missing.map((tool) => tool.command).join(' and ');
  const packages = missing.map((tool) => tool.aptPackage).join(' ');
  return `smoke:electron: failed — ${commands} not found on PATH (install: sudo apt-get install ${packages})`;
}

export interface LaunchInput {
  binary: string;
  packaged: boolean;
  repoRoot: string;
  userDataDir: string;
  exportDir: string;
  port: number;
  isRoot: boolean;
  platform: NodeJS.Platform;
  env: Env;
}

export interface LaunchPlan {
  command: string;
  args: string[];
  env: Record<string, string>;
}

/** Xvfb's screen: at least the window's 1280 × 860. */
const XVFB_SCREEN = '-screen 0 1366x900x24';

/**
 * The command line: under `xvfb-run -a` on Linux, a fresh profile, the DevTools endpoint on a
 * loopback port, the basic password store (never the user's keyring, which could prompt on a
 * display nobody sees), `--no-sandbox` only as root (Chromium refuses to start otherwise), and the
 * repository as the app when the binary is a bare Electron.
 */
export function buildLaunchPlan(input: LaunchInput): LaunchPlan {
  const appArgs = [
    `--user-data-dir=${input.userDataDir}`,
    `--remote-debugging-port=${input.port}`,
    '--password-store=basic',
    '--disable-gpu',
    ...(input.isRoot ? ['--no-sandbox'] : []),
    ...(input.packaged ? [] : [input.repoRoot]),
  ];
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(input.env)) {
    if (value !== undefined) env[key] = value;
  }
  // Would turn a bare Electron into plain Node.js.
  delete env.ELECTRON_RUN_AS_NODE;
  env[SMOKE_EXPORT_DIR_ENV] = input.exportDir;
  return input.platform === 'linux'
    ? { command: 'xvfb-run', args: ['-a', '-s', XVFB_SCREEN, input.binary, ...appArgs], env }
    : { command: input.binary, args: appArgs, env };
}

export interface SmokePerson {
  lastName: string;
  firstName: string;
  birthDate: IsoDate;
  rsaRightsOpenedOn: IsoDate;
}

/** One of the generated, obviously fake people (shared/demo), with rights opened two months ago. */
export function smokePerson(today: IsoDate): SmokePerson {
  const person = fakeBeneficiary(seededRandom(13), 0, today);
  return {
    lastName: person.lastName,
    firstName: person.firstName,
    birthDate: person.birthDate,
    rsaRightsOpenedOn: addDays(today, -60),
  };
}

export const CONTRACT_TITLE = 'Contrat d’engagement réciproque — contrat préalable';

/** What the exported contract must say, whatever the line breaks. */
export function expectedPdfTexts(person: SmokePerson): string[] {
  return [
    CONTRACT_TITLE,
    `Bénéficiaire : ${person.firstName} ${person.lastName}`,
    'Dominante emploi',
  ];
}

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

export function missingTexts(pdfText: string, expected: readonly string[]): string[] {
  const text = squash(pdfText);
  return expected.filter((wanted) => !text.includes(squash(wanted)));
}

export interface SmokeOptions {
  help: boolean;
  build: boolean;
}

export function parseSmokeArgs(argv: readonly string[]): SmokeOptions | { error: string } {
  const options: SmokeOptions = { help: false, build: true };
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg === '--no-build') options.build = false;
    else return { error: `unknown option ${arg}` };
  }
  return options;
}

export const USAGE = `Usage: npm run smoke:electron [-- --no-build]

Launches the desktop app under Xvfb, creates the personal code, starts an interview of a fake
person, exports the contract as PDF and checks its text with pdftotext.

The Electron binary, the first found of:
  ${ELECTRON_ENV}=PATH            an executable: a packaged codiag, or a bare Electron
  release/linux-unpacked/codiag   what \`npm run package\` leaves (before the installers)
  node_modules/electron           the binary \`npm ci\` downloads, run with this repository

Options:
  --no-build   with a bare Electron, use out/ as it is instead of running
               \`npm run build\` and \`npm run build:electron\` first
  -h, --help   this text

Needs xvfb-run and pdftotext on Linux (sudo apt-get install xvfb poppler-utils).

Exit codes: 0 passed, or skipped when there is no Electron binary (one line says so);
1 failed; 2 bad option.
`;
