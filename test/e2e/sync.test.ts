/**
 * End to end in Chromium (issue 4): laptop A enrols, closes an interview while the server cannot
 * be reached, then syncs; the département's server has it; laptop B (another browser profile)
 * enrols and pulls it. The server is the real one (`server/main.ts`, PGlite in a temporary folder).
 */
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
import { launchBrowser, removeProfile, type BrowserSession } from './harness';
import { enrolLaptop, testServer, type TestServer } from './server';

const TERRITORY = '59-e2e-sync';
let server: TestServer;
let serverUrl = '';
const codes: Record<'a' | 'b' | 'admin', string> = { a: '', b: '', admin: '' };
let app: AppSession;
let laptopB: BrowserSession | null = null;
let adminToken: string | null = null;

beforeAll(async () => {
  server = testServer();
  // `codiag enroll` before the server starts: PGlite lets one process open the data folder.
  codes.a = server.enrolmentCode('Portable A Démo', 'pe-advisor', TERRITORY);
  codes.b = server.enrolmentCode('Portable B Démo', 'cd-professional', TERRITORY);
  codes.admin = server.enrolmentCode('Admin Démo', 'admin', TERRITORY);
  serverUrl = await server.start();
  app = await startApp();
});

afterAll(async () => {
  await laptopB?.close();
  if (laptopB) removeProfile(laptopB.userDataDir);
  await app?.stop();
  await server?.stop();
});

const enrol = (page: Page, code: string, deviceName: string) =>
  enrolLaptop(page, serverUrl, code, deviceName);

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
