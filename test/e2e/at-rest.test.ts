/**
 * Encryption at rest, end to end in Chromium (docs/security.md "Data at rest"): create the PIN,
 * start an interview for a demo person, type a note with a unique marker, wait for « Enregistré »,
 * close the browser, then search every file of the profile folder for the person's last name,
 * birth date and the marker (UTF-8, UTF-16LE, Latin-1, and inside Snappy streams): nothing may be
 * found. The control run does the same with the identity codec (a test build only) and MUST find
 * them, which proves the scan can see what it looks for. The release build is given the same
 * `?codec=identity` switch and must ignore it. Then: a note holding HTML or a script is shown as
 * text and never runs; « Verrouiller » hides everything and unlocking returns to the interview.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateForms, scanFolder, snappyAt, type ScanReport } from './disk-scan';
import {
  launchBrowser,
  removeProfile,
  RENDERER_DIR,
  REPO,
  serveRenderer,
  type BrowserSession,
} from './harness';

const PIN = '482913';
const WAIT = 30_000;

interface Served {
  url: string;
  close: () => Promise<void>;
}

/** Serves a private copy of a built renderer (another engineer's build may empty out/renderer). */
async function serveCopy(dir: string): Promise<Served & { dir: string }> {
  const copy = mkdtempSync(join(tmpdir(), 'codiag-at-rest-'));
  cpSync(dir, copy, { recursive: true });
  const server = await serveRenderer(copy);
  return {
    ...server,
    dir: copy,
    close: async () => {
      await server.close();
      rmSync(copy, { recursive: true, force: true });
    },
  };
}

async function createPin(page: Page): Promise<void> {
  await page
    .getByRole('heading', { name: 'Protéger les données de cet ordinateur' })
    .waitFor({ timeout: WAIT });
  await page.getByLabel('Code personnel', { exact: true }).fill(PIN);
  await page.getByLabel('Confirmer le code personnel', { exact: true }).fill(PIN);
  await page.getByRole('button', { name: 'Créer le code' }).click();
  await page.getByRole('heading', { level: 1, name: /^Agenda du/ }).waitFor({ timeout: WAIT });
}

async function unlock(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Session verrouillée' }).waitFor({ timeout: WAIT });
  await page.getByLabel('Code personnel', { exact: true }).fill(PIN);
  await page.getByRole('button', { name: 'Déverrouiller' }).click();
  await page.getByRole('heading', { name: 'Session verrouillée' }).waitFor({
    state: 'hidden',
    timeout: WAIT,
  });
}

async function waitSaved(page: Page): Promise<void> {
  await page.locator('[data-testid="save-status"][data-state="saved"]').waitFor({ timeout: WAIT });
  await expect
    .poll(() => page.getByTestId('save-status').textContent(), { timeout: WAIT })
    .toMatch(/^Enregistré/);
}

interface Person {
  lastName: string;
  birthDate: string;
}

/** Starts the interview of the first person convoked today; returns who it is. */
async function startFirstInterview(page: Page): Promise<Person> {
  const start = page.getByRole('button', { name: /^Démarrer l’entretien de / }).first();
  await start.waitFor({ timeout: WAIT });
  await start.click();
  await page.getByRole('heading', { level: 1, name: /^Co-diagnostic — / }).waitFor({
    timeout: WAIT,
  });
  await page.getByRole('radio', { name: 'Présent(e)' }).check();
  // The identity section's fields (ids from renderer/ui field-context: `f-<field>`).
  const lastName = await page.locator('#f-lastName').inputValue();
  const birthDate = await page.locator('#f-birthDate').inputValue();
  expect(lastName).toMatch(/-\d+$/);
  expect(birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  return { lastName, birthDate };
}

interface RunResult {
  person: Person;
  marker: string;
  report: ScanReport;
}

/** One full run: PIN, interview, note, saved, browser closed, profile scanned. */
async function runAndScan(baseUrl: string, query: string): Promise<RunResult> {
  const session: BrowserSession = await launchBrowser();
  try {
    const marker = `NOTE${Date.now().toString(36).toUpperCase()}ZQX`;
    await session.page.goto(`${baseUrl}?${query}`);
    await createPin(session.page);
    const person = await startFirstInterview(session.page);
    await session.page
      .getByLabel('Synthèse du diagnostic')
      .fill(`Hébergée chez sa sœur, suivi psychiatrique — ${marker}`);
    await waitSaved(session.page);
    await session.close();
    const report = scanFolder(session.userDataDir, [
      person.lastName,
      ...dateForms(person.birthDate),
      marker,
    ]);
    return { person, marker, report };
  } finally {
    await session.close();
    removeProfile(session.userDataDir);
  }
}

function describeReport(report: ScanReport): string {
  return `${report.files} files, ${Math.round(report.bytes / 1024)} KiB; ${report.snappyFiles} storage files searched inside ${report.snappyStreams} Snappy streams`;
}

describe('personal data at rest in the browser profile', () => {
  let release: Served;
  let control: Served;
  let controlBuild: string;

  beforeAll(async () => {
    release = await serveCopy(RENDERER_DIR);
    // The control build: the same renderer with the test switches compiled in.
    controlBuild = mkdtempSync(join(tmpdir(), 'codiag-control-build-'));
    execFileSync(
      'npx',
      [
        'vite',
        'build',
        '--config',
        'renderer/vite.config.ts',
        '--outDir',
        controlBuild,
        '--emptyOutDir',
        '--logLevel',
        'warn',
      ],
      {
        cwd: REPO,
        stdio: 'inherit',
        env: { ...process.env, NODE_ENV: 'production', VITE_CODIAG_TEST_SWITCHES: '1' },
      },
    );
    control = await serveRenderer(controlBuild);
  });

  afterAll(async () => {
    await release?.close();
    await control?.close();
    if (controlBuild) rmSync(controlBuild, { recursive: true, force: true });
  });

  it('the scanner decodes Snappy streams (a hand-made one)', () => {
    // Literal "abcdefgh-" (9 bytes) then a copy of 18 bytes at offset 9: "abcdefgh-" x 3.
    const stream = Buffer.from([27, 8 << 2, ...Buffer.from('abcdefgh-'), (17 << 2) | 2, 9, 0]);
    expect(snappyAt(Buffer.concat([Buffer.from([0xff, 0x00]), stream]), 2)?.toString()).toBe(
      'abcdefgh-'.repeat(3),
    );
  });

  it('control run (identity codec, test build): the scan finds the name, birth date and note', async () => {
    const { person, marker, report } = await runAndScan(
      control.url,
      'db=control&demo=1&codec=identity',
    );
    console.info(`control scan: ${describeReport(report)}`);
    for (const hit of report.hits) console.info(`  found ${JSON.stringify(hit)}`);
    const found = new Set(report.hits.map((h) => h.needle));
    expect(found).toContain(person.lastName);
    expect(found).toContain(person.birthDate);
    expect(found).toContain(marker);
  });

  it('release build (even asked for ?codec=identity): nothing personal anywhere in the profile', async () => {
    const { report } = await runAndScan(release.url, 'db=atrest&demo=1&codec=identity');
    console.info(`encrypted scan: ${describeReport(report)}`);
    expect(report.snappyFiles).toBeGreaterThan(0);
    expect(report.hits).toEqual([]);
  });

  it('shows a note holding HTML or a script as text, never runs it; locking hides the interview', async () => {
    const session = await launchBrowser();
    try {
      const { page } = session;
      await page.goto(`${release.url}?db=xss&demo=1`);
      await createPin(page);
      const person = await startFirstInterview(page);
      const hostile =
        'Note <img src=x onerror="window.__xss=1"> <script>window.__xss=2</script> <b>gras</b>';
      await page.getByLabel('Synthèse du diagnostic').fill(hostile);
      await waitSaved(page);
      await page.reload();
      await unlock(page);
      const synthesis = page.getByLabel('Synthèse du diagnostic');
      await synthesis.waitFor({ timeout: WAIT });
      expect(await synthesis.inputValue()).toBe(hostile);
      expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
      expect(await page.locator('img[src="x"], main script, main b').count()).toBe(0);

      // « Verrouiller »: the interview disappears from the page (and the title), then comes back.
      await page.getByRole('button', { name: 'Verrouiller' }).click();
      await page.getByRole('heading', { name: 'Session verrouillée' }).waitFor({ timeout: WAIT });
      expect(await page.locator('body').innerText()).not.toContain(person.lastName);
      expect(await page.title()).not.toContain(person.lastName);
      await page.getByLabel('Code personnel', { exact: true }).fill('000000');
      await page.getByRole('button', { name: 'Déverrouiller' }).click();
      await page.getByRole('alert').filter({ hasText: 'Code incorrect' }).waitFor({
        timeout: WAIT,
      });
      await unlock(page);
      await page.getByRole('heading', { level: 1, name: /^Co-diagnostic — / }).waitFor({
        timeout: WAIT,
      });
      expect(await page.getByLabel('Synthèse du diagnostic').inputValue()).toBe(hostile);
      expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    } finally {
      await session.close();
      removeProfile(session.userDataDir);
    }
  });
});
