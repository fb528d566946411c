/**
 * Tests of the desktop smoke test (`npm run smoke:electron`): how it finds an Electron binary and
 * the tools it needs, the command line it builds, what it checks in the PDF, the smoke-only export
 * folder of the main process, and the script itself run as a child process (skip and failure
 * lines). Launching a real Electron is not possible here; the window driving is run against
 * Debian's Chromium by test/e2e/electron-smoke.test.ts.
 */
import { execFile } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createIpcHandlers, type HandlerPorts } from '../../electron/main/ipc-handlers';
import {
  createSmokeSaveDialog,
  smokeExportDir,
  smokeExportPath,
} from '../../electron/main/smoke-export';
import { createSyncCredentialStore } from '../../electron/main/sync-credentials';
import { waitFor, waitForPdf } from '../../electron/tools/smoke-drive';
import {
  CONTRACT_TITLE,
  SKIP_LINE,
  buildLaunchPlan,
  expectedPdfTexts,
  findElectronBinary,
  findOnPath,
  isExecutableFile,
  missingTexts,
  missingTools,
  missingToolsLine,
  parseSmokeArgs,
  releaseBinaryCandidates,
  smokePerson,
} from '../../electron/tools/smoke-plan';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const temps: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'codiag-smoke-test-'));
  temps.push(dir);
  return dir;
}

function fakeExecutable(file: string, mode = 0o755): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, '#!/bin/sh\necho "fake, not run by these tests" >&2\nexit 3\n');
  chmodSync(file, mode);
  return file;
}

afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('findElectronBinary', () => {
  /** A repository with a release build and an installed electron package, both executable. */
  function layout() {
    const root = tempDir();
    const released = fakeExecutable(path.join(root, 'release', 'linux-unpacked', 'codiag'));
    const installed = fakeExecutable(
      path.join(root, 'node_modules', 'electron', 'dist', 'electron'),
    );
    const own = fakeExecutable(path.join(root, 'elsewhere', 'electron'));
    return { root, released, installed, own };
  }

  it('prefers CODIAG_ELECTRON, then release/, then the electron package', () => {
    const { root, released, installed, own } = layout();
    const find = (env: Record<string, string>, withRelease = true) => {
      if (!withRelease) rmSync(path.join(root, 'release'), { recursive: true, force: true });
      return findElectronBinary({
        env,
        repoRoot: root,
        platform: 'linux',
        electronPackagePath: () => installed,
      });
    };
    expect(find({ CODIAG_ELECTRON: own })).toEqual({
      kind: 'found',
      binary: own,
      source: 'CODIAG_ELECTRON',
      packaged: false,
    });
    expect(find({})).toEqual({
      kind: 'found',
      binary: released,
      source: 'release',
      packaged: true,
    });
    expect(find({}, false)).toEqual({
      kind: 'found',
      binary: installed,
      source: 'electron-package',
      packaged: false,
    });
  });

  it('finds nothing when the package has no binary, or one that does not exist', () => {
    const root = tempDir();
    const input = { env: {}, repoRoot: root, platform: 'linux' as const };
    expect(findElectronBinary({ ...input, electronPackagePath: () => null })).toEqual({
      kind: 'none',
    });
    const ghost = path.join(root, 'node_modules', 'electron', 'dist', 'electron');
    expect(findElectronBinary({ ...input, electronPackagePath: () => ghost })).toEqual({
      kind: 'none',
    });
  });

  it('skips files it may not execute and folders named like the binary', () => {
    const root = tempDir();
    fakeExecutable(path.join(root, 'release', 'linux-unpacked', 'codiag'), 0o644);
    mkdirSync(path.join(root, 'release', 'linux-arm64-unpacked', 'codiag'), { recursive: true });
    const notExecutable = fakeExecutable(path.join(root, 'dist', 'electron'), 0o644);
    expect(
      findElectronBinary({
        env: {},
        repoRoot: root,
        platform: 'linux',
        electronPackagePath: () => notExecutable,
      }),
    ).toEqual({ kind: 'none' });
  });

  it('refuses a CODIAG_ELECTRON that is missing or not executable, rather than look further', () => {
    const { root, installed } = layout();
    const notExecutable = fakeExecutable(path.join(root, 'plain-file'), 0o644);
    for (const value of [path.join(root, 'missing'), notExecutable, root]) {
      const found = findElectronBinary({
        env: { CODIAG_ELECTRON: value },
        repoRoot: root,
        platform: 'linux',
        electronPackagePath: () => installed,
      });
      expect(found).toEqual({
        kind: 'invalid',
        message: `CODIAG_ELECTRON=${value} is not an executable file`,
      });
    }
  });

  it('tells a packaged CODIAG_ELECTRON (app.asar beside it) from a bare Electron', () => {
    const root = tempDir();
    const packaged = fakeExecutable(path.join(root, 'opt', 'codiag', 'codiag'));
    mkdirSync(path.join(root, 'opt', 'codiag', 'resources'));
    writeFileSync(path.join(root, 'opt', 'codiag', 'resources', 'app.asar'), '');
    const found = findElectronBinary({
      env: { CODIAG_ELECTRON: packaged },
      repoRoot: root,
      platform: 'linux',
      electronPackagePath: () => null,
    });
    expect(found).toMatchObject({ kind: 'found', packaged: true });
  });

  it('looks where electron-builder leaves the app on each system', () => {
    expect(releaseBinaryCandidates('/r', 'linux')).toEqual([
      '/r/release/linux-unpacked/codiag',
      '/r/release/linux-arm64-unpacked/codiag',
    ]);
    expect(releaseBinaryCandidates('/r', 'win32')).toEqual([
      path.join('/r', 'release', 'win-unpacked', 'codiag.exe'),
    ]);
    expect(releaseBinaryCandidates('/r', 'darwin')[0]).toBe(
      '/r/release/mac/codiag.app/Contents/MacOS/codiag',
    );
  });
});

describe('the tools it needs', () => {
  it('finds a command on PATH only where an executable file has that name', () => {
    const dir = tempDir();
    const other = tempDir();
    fakeExecutable(path.join(dir, 'pdftotext'));
    fakeExecutable(path.join(other, 'xvfb-run'), 0o644);
    const env = { PATH: `${other}::${dir}` };
    expect(findOnPath('pdftotext', env, 'linux')).toBe(path.join(dir, 'pdftotext'));
    expect(findOnPath('xvfb-run', env, 'linux')).toBeNull();
    expect(findOnPath('pdftotext', {}, 'linux')).toBeNull();
  });

  it('needs xvfb-run and pdftotext on Linux, pdftotext elsewhere, and says what to install', () => {
    const empty = { PATH: tempDir() };
    expect(missingTools(empty, 'linux').map((tool) => tool.command)).toEqual([
      'xvfb-run',
      'pdftotext',
    ]);
    expect(missingToolsLine(missingTools(empty, 'linux'))).toBe(
      'smoke:electron: failed — xvfb-run and pdftotext not found on PATH (install: sudo apt-get install xvfb poppler-utils)',
    );
    expect(missingTools(empty, 'darwin').map((tool) => tool.command)).toEqual(['pdftotext']);

    const dir = tempDir();
    fakeExecutable(path.join(dir, 'xvfb-run'));
    fakeExecutable(path.join(dir, 'pdftotext'));
    expect(missingTools({ PATH: dir }, 'linux')).toEqual([]);
  });

  it('checks the file itself: a regular, executable file', () => {
    const dir = tempDir();
    expect(isExecutableFile(fakeExecutable(path.join(dir, 'yes')))).toBe(true);
    // Even for root: X_OK needs an execute bit.
    expect(isExecutableFile(fakeExecutable(path.join(dir, 'no'), 0o600))).toBe(false);
    expect(isExecutableFile(dir)).toBe(false);
    expect(isExecutableFile(path.join(dir, 'absent'))).toBe(false);
  });
});

describe('buildLaunchPlan', () => {
  const base = {
    binary: '/opt/codiag/codiag',
    packaged: true,
    repoRoot: '/src/codiag',
    userDataDir: '/tmp/profile-1',
    exportDir: '/tmp/export-1',
    port: 41234,
    isRoot: false,
    platform: 'linux' as const,
    env: { PATH: '/usr/bin', HOME: '/home/x', ELECTRON_RUN_AS_NODE: '1', UNSET: undefined },
  };

  it('runs the packaged app under xvfb-run -a with a fresh profile and a DevTools port', () => {
    const plan = buildLaunchPlan(base);
    expect(plan.command).toBe('xvfb-run');
    expect(plan.args).toEqual([
      '-a',
      '-s',
      '-screen 0 1366x900x24',
      '/opt/codiag/codiag',
      '--user-data-dir=/tmp/profile-1',
      '--remote-debugging-port=41234',
      '--password-store=basic',
      '--disable-gpu',
    ]);
    expect(plan.env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/x',
      CODIAG_SMOKE_EXPORT_DIR: '/tmp/export-1',
    });
  });

  it('adds --no-sandbox only as root, and the repository as the app of a bare Electron', () => {
    const asRoot = buildLaunchPlan({ ...base, isRoot: true });
    expect(asRoot.args).toContain('--no-sandbox');
    expect(buildLaunchPlan(base).args).not.toContain('--no-sandbox');
    const bare = buildLaunchPlan({
      ...base,
      packaged: false,
      binary: '/nm/electron/dist/electron',
    });
    expect(bare.args.at(-1)).toBe('/src/codiag');
    expect(bare.args[3]).toBe('/nm/electron/dist/electron');
  });

  it('runs the binary itself where there is no Xvfb', () => {
    const plan = buildLaunchPlan({ ...base, platform: 'darwin' });
    expect(plan.command).toBe('/opt/codiag/codiag');
    expect(plan.args[0]).toBe('--user-data-dir=/tmp/profile-1');
  });
});

describe('what the PDF must say', () => {
  it('is the contract of a generated, obviously fake person', () => {
    const person = smokePerson('2026-05-04');
    expect(person).toEqual(smokePerson('2026-05-04'));
    expect(person.lastName).toMatch(/^(Fictif|Exemple|Démo|Essai|Spécimen|Factice|Témoin|Modèle)-/);
    expect(person.rsaRightsOpenedOn).toBe('2026-03-05');
    expect(expectedPdfTexts(person)).toEqual([
      CONTRACT_TITLE,
      `Bénéficiaire : ${person.firstName} ${person.lastName}`,
      'Dominante emploi',
    ]);
  });

  it('matches across pdftotext line breaks and column padding, and names what is missing', () => {
    const text = `  Contrat d’engagement réciproque —\n   contrat préalable\n\nBénéficiaire :   Alix\nFictif-1, né(e) le …\n`;
    expect(
      missingTexts(text, [CONTRACT_TITLE, 'Bénéficiaire : Alix Fictif-1', 'Dominante emploi']),
    ).toEqual(['Dominante emploi']);
    expect(missingTexts('', [CONTRACT_TITLE])).toEqual([CONTRACT_TITLE]);
  });
});

describe('waiting for the exported PDF', () => {
  it('waits until the file is complete, ignoring other files', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'notes.txt'), '%PDF- %%EOF');
    const file = path.join(dir, 'contrat.pdf');
    writeFileSync(file, '%PDF-1.7\n1 0 obj');
    const waiting = waitForPdf(dir, 5_000);
    let done = false;
    void waiting.then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(done).toBe(false);
    writeFileSync(file, '%PDF-1.7\n1 0 obj\ntrailer\n%%EOF\n');
    expect(await waiting).toEqual({ file, bytes: 31 });
  });

  it('gives up after its time limit, saying what it waited for', async () => {
    const dir = tempDir();
    await expect(waitForPdf(dir, 300)).rejects.toThrow(
      `timed out after 300 ms waiting for a complete PDF in ${dir}`,
    );
    await expect(waitFor('nothing', () => null, 100)).rejects.toThrow(/waiting for nothing$/);
  });
});

describe('parseSmokeArgs', () => {
  it('knows --help, -h and --no-build, and refuses anything else', () => {
    expect(parseSmokeArgs([])).toEqual({ help: false, build: true });
    expect(parseSmokeArgs(['-h'])).toEqual({ help: true, build: true });
    expect(parseSmokeArgs(['--help', '--no-build'])).toEqual({ help: true, build: false });
    expect(parseSmokeArgs(['--keep'])).toEqual({ error: 'unknown option --keep' });
  });
});

describe('the smoke export folder (CODIAG_SMOKE_EXPORT_DIR)', () => {
  it('is off when unset or empty, and refuses a relative path', () => {
    expect(smokeExportDir({})).toBeNull();
    expect(smokeExportDir({ CODIAG_SMOKE_EXPORT_DIR: '' })).toBeNull();
    expect(createSmokeSaveDialog({})).toBeNull();
    expect(() => smokeExportDir({ CODIAG_SMOKE_EXPORT_DIR: 'exports' })).toThrow(
      'CODIAG_SMOKE_EXPORT_DIR must be an absolute path',
    );
    expect(smokeExportDir({ CODIAG_SMOKE_EXPORT_DIR: '/tmp/a/../b/' })).toBe('/tmp/b');
  });

  it('makes every export fail, writing nothing, when the folder is relative', async () => {
    const dialog = createSmokeSaveDialog({ CODIAG_SMOKE_EXPORT_DIR: 'exports' });
    expect(dialog).not.toBeNull();
    await expect(dialog?.({ defaultPath: '/d/contrat.pdf' })).rejects.toThrow(
      'CODIAG_SMOKE_EXPORT_DIR must be an absolute path',
    );
  });

  it.each([
    ['/home/x/Documents/contrat-Fictif-1-2026-05-04.pdf', 'contrat-Fictif-1-2026-05-04.pdf'],
    ['/home/x/Documents/contrat-Démo-1 mai.PDF', 'contrat-Démo-1_mai.pdf'],
    ['../../../etc/cron.d/evil', 'evil.pdf'],
    ['C:\\Users\\x\\..\\..\\Windows\\evil.pdf', 'evil.pdf'],
    ['/home/x/..', 'contrat.pdf'],
    ['/home/x/.bashrc', 'bashrc.pdf'],
    ['/home/x/a;rm -rf $HOME`.pdf', 'a_rm_-rf_HOME_.pdf'],
    ['', 'contrat.pdf'],
    [undefined, 'contrat.pdf'],
  ])('puts %j in the folder as %j', (proposed, name) => {
    expect(smokeExportPath('/tmp/smoke-export', proposed)).toBe(`/tmp/smoke-export/${name}`);
  });

  it('keeps long names short', () => {
    const target = smokeExportPath('/tmp/e', `/d/${'x'.repeat(500)}.pdf`);
    expect(path.basename(target)).toBe(`${'x'.repeat(120)}.pdf`);
  });

  /** The real pdf:export handler, its dialog replaced as main.ts does, writing to disk. */
  function exportHandler(env: Record<string, string>, documentsDir: string) {
    const dialog = createSmokeSaveDialog(env);
    if (dialog === null) throw new Error('the smoke dialog should be on');
    const ports = {
      windowOf: () => ({
        printToPdf: async () => new Uint8Array(Buffer.from('%PDF-1.7 smoke %%EOF')),
        print: async () => ({ success: true, failureReason: '' }),
        showSaveDialog: dialog,
      }),
      documentsDir: () => documentsDir,
      writeFile: (file: string, data: Uint8Array) => writeFile(file, data),
      credentials: createSyncCredentialStore({
        file: { read: async () => null, write: async () => undefined },
        cipher: () => null,
        logger: { warn: () => undefined },
      }),
    } as unknown as HandlerPorts<null>;
    return (suggestedFileName: string) =>
      createIpcHandlers(ports)['pdf:export']({ suggestedFileName }, null);
  }

  it('makes pdf:export write only into the folder, without a dialog', async () => {
    const exportDir = tempDir();
    const documentsDir = tempDir();
    const exportPdf = exportHandler({ CODIAG_SMOKE_EXPORT_DIR: exportDir }, documentsDir);
    const answer = await exportPdf('contrat-Fictif-1-2026-05-04.pdf');
    const expected = path.join(exportDir, 'contrat-Fictif-1-2026-05-04.pdf');
    expect(answer).toEqual({ status: 'saved', path: expected });
    expect(await readFile(expected, 'utf8')).toBe('%PDF-1.7 smoke %%EOF');
    expect(readdirSync(documentsDir)).toEqual([]);
    expect(readdirSync(exportDir)).toEqual(['contrat-Fictif-1-2026-05-04.pdf']);
  });

  it('makes pdf:export fail without writing when the folder is relative', async () => {
    const documentsDir = tempDir();
    const exportPdf = exportHandler({ CODIAG_SMOKE_EXPORT_DIR: 'exports' }, documentsDir);
    await expect(exportPdf('contrat.pdf')).rejects.toThrow('must be an absolute path');
    expect(readdirSync(documentsDir)).toEqual([]);
    expect(existsSync(path.join(repoRoot, 'exports'))).toBe(false);
  });
});

describe('npm run smoke:electron, run as a child process', () => {
  const script = path.join(repoRoot, 'electron', 'tools', 'smoke.ts');

  function runSmoke(env: Record<string, string>, args: string[] = []) {
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', script, ...args],
        { cwd: repoRoot, env: { HOME: os.homedir(), ...env }, timeout: 60_000 },
        (error, stdout, stderr) =>
          resolve({ code: error ? (error.code as number | null) : 0, stdout, stderr }),
      );
    });
  }

  /** Electron's own override: the electron package then answers a path that does not exist. */
  const noInstalledElectron = () => ({ ELECTRON_OVERRIDE_DIST_PATH: tempDir() });
  const hasReleaseBuild = releaseBinaryCandidates(repoRoot, process.platform).some(existsSync);

  it.skipIf(hasReleaseBuild)(
    'skips with exactly one line and exit code 0 when there is no Electron binary',
    async () => {
      const result = await runSmoke({ PATH: process.env.PATH ?? '', ...noInstalledElectron() });
      expect(result).toEqual({ code: 0, stdout: `${SKIP_LINE}\n`, stderr: '' });
    },
  );

  it.runIf(process.platform === 'linux')(
    'fails with exit code 1, naming xvfb, when a binary is there but xvfb-run is not',
    async () => {
      const tools = tempDir();
      fakeExecutable(path.join(tools, 'pdftotext'));
      const binary = fakeExecutable(path.join(tempDir(), 'electron'));
      const result = await runSmoke({ PATH: tools, CODIAG_ELECTRON: binary });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        'smoke:electron: failed — xvfb-run not found on PATH (install: sudo apt-get install xvfb)\n',
      );
    },
  );

  it.runIf(process.platform === 'linux')(
    'fails naming poppler-utils when pdftotext is missing',
    async () => {
      const tools = tempDir();
      fakeExecutable(path.join(tools, 'xvfb-run'));
      const binary = fakeExecutable(path.join(tempDir(), 'electron'));
      const result = await runSmoke({ PATH: tools, CODIAG_ELECTRON: binary });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/pdftotext not found on PATH .*apt-get install poppler-utils/);
    },
  );

  it('fails with exit code 1 when CODIAG_ELECTRON names no executable', async () => {
    const missing = path.join(tempDir(), 'no-such-electron');
    const result = await runSmoke({ PATH: process.env.PATH ?? '', CODIAG_ELECTRON: missing });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `smoke:electron: failed — CODIAG_ELECTRON=${missing} is not an executable file\n`,
    );
  });

  it('answers --help with its usage, and exit code 2 to an unknown option', async () => {
    const env = { PATH: process.env.PATH ?? '' };
    const help = await runSmoke(env, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run smoke:electron/);
    expect(help.stdout).toContain('CODIAG_ELECTRON');
    const wrong = await runSmoke(env, ['--keep']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^smoke:electron: unknown option --keep\n/);
  });
});
