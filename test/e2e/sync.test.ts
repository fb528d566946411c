/**
 * End to end in Chromium (issue 4): laptop A enrols, closes an interview while the server cannot
 * be reached, then syncs; the département's server has it; laptop B (another browser profile)
 * enrols and pulls it. The server is the real one (`server/main.ts`, PGlite in a temporary folder).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullResponseSchema, type Change } from '../../shared/sync/messages';
import {
  addDays,
  browserToday,
  fillAttendance,
  hasText,
  interviewHeading,
  openApp,
  passPinScreens,
  startApp,
  startNewInterview,
  uniqueDb,
  visible,
  waitSaved,
  type AppSession,
} from './app';
import { launchBrowser, removeProfile, REPO, type BrowserSession } from './harness';

const TERRITORY = '59-e2e-sync';
let dataDir: string;
let server: ChildProcess | null = null;
let serverUrl = '';
const codes: Record<'a' | 'b' | 'admin', string> = { a: '', b: '', admin: '' };
let app: AppSession;
let laptopB: BrowserSession | null = null;
let adminToken: string | null = null;

/** `codiag enroll` before the server starts: PGlite lets one process open the data folder. */
function enrolmentCode(name: string, role: string): string {
  const out = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/cli/main.ts',
      'enroll',
      '--name',
      name,
      '--role',
      role,
      '--territory',
      TERRITORY,
    ],
    { cwd: REPO, env: { ...process.env, CODIAG_DATA_DIR: dataDir }, encoding: 'utf8' },
  );
  const code = /enrolment code: (\S+)/.exec(out)?.[1];
  if (!code) throw new Error(`no enrolment code in: ${out}`);
  return code;
}

async function startServer(): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: REPO,
    env: { ...process.env, CODIAG_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  server = child;
  serverUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${String(code)})`)));
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'codiag-e2e-server-'));
  codes.a = enrolmentCode('Portable A Démo', 'pe-advisor');
  codes.b = enrolmentCode('Portable B Démo', 'cd-professional');
  codes.admin = enrolmentCode('Admin Démo', 'admin');
  await startServer();
  app = await startApp();
});

afterAll(async () => {
  await laptopB?.close();
  if (laptopB) removeProfile(laptopB.userDataDir);
  await app?.stop();
  server?.kill('SIGTERM');
  await new Promise((done) => setTimeout(done, 500));
  rmSync(dataDir, { recursive: true, force: true });
});

async function enrol(page: Page, code: string, deviceName: string): Promise<void> {
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

/** What the département's server holds, read by an admin device of the territory. */
async function serverInterviews(): Promise<Extract<Change, { entityType: 'interview' }>[]> {
  if (adminToken === null) {
    const enrolled = await fetch(`${serverUrl}/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: codes.admin, deviceName: 'Contrôle e2e' }),
    });
    const text = await enrolled.text();
    if (enrolled.status !== 200)
      throw new Error(`admin enrolment: HTTP ${enrolled.status} ${text}`);
    adminToken = (JSON.parse(text) as { token: string }).token;
  }
  const token = adminToken;
  const changes: Change[] = [];
  let cursor: string | null = null;
  for (;;) {
    const response = await fetch(`${serverUrl}/sync/pull`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ cursor, limit: 200 }),
    });
    const body: unknown = await response.json();
    if (response.status !== 200)
      throw new Error(`pull: HTTP ${response.status} ${JSON.stringify(body)}`);
    const page = PullResponseSchema.parse(body);
    changes.push(...page.changes);
    cursor = page.nextCursor;
    if (!page.hasMore) break;
  }
  return changes.filter((c) => c.entityType === 'interview');
}

describe('sync between two laptops', () => {
  it('an interview closed offline on laptop A is synced, on the server, then pulled by laptop B', async () => {
    const { page } = app;
    await openApp(page, app.urlFor(uniqueDb('sync-a')));
    await enrol(page, codes.a, 'Portable A');

    // The server cannot be reached while the interview is run and closed.
    const unreachable = `${serverUrl}/**`;
    await page.context().route(unreachable, (route) => route.abort('internetdisconnected'));
    await page.evaluate(() => {
      window.location.hash = '#/';
    });
    await visible(page.getByRole('heading', { level: 1, name: /^Agenda du/ }));
    const today = await browserToday(page);
    const person = {
      lastName: 'Fictif-Synchro',
      firstName: 'Camille',
      birthDate: '1990-04-12',
      rsaRightsOpenedOn: addDays(today, -30),
    };
    await startNewInterview(page, person);
    const name = `${person.firstName} ${person.lastName}`;
    await fillAttendance(
      page,
      { pe: 'Camille Conseil', cd: 'Dominique Coach', cdRole: 'Coach emploi du Département' },
      'Absent(e)',
    );
    await page
      .getByRole('checkbox', { name: 'L’avis de suspension est enregistré pour envoi' })
      .check();
    await page
      .getByRole('textbox', { name: 'Commentaire sur l’absence', exact: true })
      .fill('Pas de réponse au téléphone.');
    await page.getByRole('button', { name: 'Clôturer l’entretien' }).click();
    await visible(page.getByRole('heading', { name: 'Entretien clôturé' }));
    await waitSaved(page);

    await page.getByRole('button', { name: 'Synchroniser', exact: true }).click();
    await hasText(page.getByTestId('sync-waiting'), /^1 en attente/);
    await page.getByTestId('sync-waiting').click();
    await hasText(page.getByTestId('sync-attempt'), 'injoignable');
    expect(await serverInterviews()).toEqual([]);

    // Back online: « Synchroniser » hands it to the server.
    await page.context().unroute(unreachable);
    await page.getByRole('button', { name: 'Synchroniser', exact: true }).click();
    await hasText(page.getByTestId('sync-waiting'), /^0 en attente/);
    await hasText(page.getByTestId('sync-last'), /Dernière synchronisation : \d/);

    const onServer = await serverInterviews();
    expect(onServer).toHaveLength(1);
    const [stored] = onServer;
    expect(stored?.payload).toMatchObject({
      status: 'closed',
      identity: { lastName: person.lastName, firstName: person.firstName },
    });

    // Laptop B: another browser profile, enrolled for the same territory, pulls it.
    laptopB = await launchBrowser();
    const pageB = laptopB.page;
    await openApp(pageB, app.urlFor(uniqueDb('sync-b')));
    await enrol(pageB, codes.b, 'Portable B');
    await pageB.getByRole('button', { name: 'Synchroniser', exact: true }).click();
    await hasText(pageB.getByTestId('sync-page-last'), /réussie : \d/);
    await pageB.goto(`${pageB.url().split('#')[0]}#/interview/${stored?.entityId ?? ''}`);
    await passPinScreens(pageB, interviewHeading(pageB, name));
    await visible(interviewHeading(pageB, name));
    await visible(pageB.getByRole('heading', { name: 'Entretien clôturé' }));
  });
});
