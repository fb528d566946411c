/**
 * The app as the end-to-end tests drive it: one browser and one server per test file, a fresh
 * database per test (`?db=`), the local-PIN screens handled when they appear, and the steps of an
 * interview written once with the accessible names a professional sees on screen.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { addDays, addMonths, formatFrenchDate } from '../../shared/util/dates';
import {
  launchBrowser,
  RENDERER_DIR,
  removeProfile,
  serveRenderer,
  type BrowserSession,
} from './harness';

/** The PIN the tests choose when the app asks for one (encryption at rest). */
export const PIN = '482913';

/** How long a step may wait for the page (this machine is shared and has 2 cores). */
const WAIT_MS = 20_000;

export interface AppSession extends BrowserSession {
  baseUrl: string;
  /** A URL of the app on a database of its own (`?db=`), demo people off unless asked. */
  urlFor: (db: string, options?: { demo?: boolean; hash?: string }) => string;
  /** Starts Chromium again on the same profile folder (after it was killed). */
  relaunch: () => Promise<void>;
  stop: () => Promise<void>;
}

let counter = 0;

/** A database name no other test (or run) uses. */
export function uniqueDb(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

/**
 * Serves a private copy of the built renderer: another engineer's `npm run build` empties
 * out/renderer, and the lazy chunks of a page already open would vanish under it.
 */
export async function serveSnapshot(): Promise<{
  url: string;
  close: () => Promise<void>;
}> {
  const copy = mkdtempSync(join(tmpdir(), 'codiag-renderer-'));
  // A build may be running right now: wait until a complete one is there.
  for (let attempt = 0; !isCompleteBuild(copy); attempt++) {
    if (attempt === 120) throw new Error(`${RENDERER_DIR} holds no complete build: npm run build`);
    if (attempt > 0) await new Promise((done) => setTimeout(done, 500));
    rmSync(copy, { recursive: true, force: true });
    if (existsSync(join(RENDERER_DIR, 'index.html'))) {
      cpSync(RENDERER_DIR, copy, { recursive: true });
    }
  }
  const server = await serveRenderer(copy);
  return {
    url: server.url,
    close: async () => {
      await server.close();
      rmSync(copy, { recursive: true, force: true });
    },
  };
}

/** index.html and every file it names are there. */
function isCompleteBuild(dir: string): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  const html = readFileSync(index, 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1] ?? '');
  return assets.every((asset) => existsSync(join(dir, asset)));
}

export function makeUrl(
  baseUrl: string,
  db: string,
  options: { demo?: boolean; hash?: string } = {},
): string {
  const query = new URLSearchParams({ db, demo: options.demo ? '1' : '0' });
  return `${baseUrl}?${query.toString()}${options.hash ?? ''}`;
}

/** Starts the server and the browser of a test file. */
export async function startApp(
  options: { viewport?: { width: number; height: number }; deviceScaleFactor?: number } = {},
): Promise<AppSession> {
  const server = await serveSnapshot();
  const session = await launchBrowser(undefined, options);
  session.page.setDefaultTimeout(WAIT_MS);
  await recordPrintCalls(session.page);
  const app: AppSession = {
    ...session,
    baseUrl: server.url,
    urlFor: (db, o) => makeUrl(server.url, db, o),
    relaunch: async () => {
      const next = await launchBrowser(session.userDataDir, options);
      next.page.setDefaultTimeout(WAIT_MS);
      await recordPrintCalls(next.page);
      Object.assign(app, {
        browser: next.browser,
        context: next.context,
        page: next.page,
        close: next.close,
      });
    },
    stop: async () => {
      await app.close();
      await server.close();
      removeProfile(session.userDataDir);
    },
  };
  return app;
}

/**
 * The app of a test file (or of a `describe`): started before its tests, stopped after them.
 * What it returns reads through to the running session, so `app.page` is the page of the browser
 * `relaunch` started last; it throws if read outside a test (before the app is started).
 */
export function appForTests(options: Parameters<typeof startApp>[0] = {}): AppSession {
  let app: AppSession | null = null;
  beforeAll(async () => {
    app = await startApp(options);
  });
  afterAll(async () => {
    await app?.stop();
  });
  return new Proxy({} as AppSession, {
    get: (_, key) => {
      if (!app) throw new Error('the app is started in beforeAll: read it inside a test');
      return Reflect.get(app, key) as unknown;
    },
  });
}

/**
 * `window.print()` opens no dialog in headless Chromium; count the calls so a test can check that
 * "Exporter en PDF" asked for printing, then print the page itself with `page.pdf()`.
 */
export async function recordPrintCalls(page: Page): Promise<void> {
  await page.context().addInitScript(() => {
    const w = window as unknown as { __printCalls: number };
    w.__printCalls = 0;
    window.print = () => {
      w.__printCalls += 1;
    };
  });
}

export const printCalls = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as { __printCalls: number }).__printCalls);

// ---------------------------------------------------------------------------------------------
// Waiting on states (playwright-core has no web-first assertions; these poll the page).

export async function visible(locator: Locator, timeout = WAIT_MS): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout });
}

export async function hidden(locator: Locator, timeout = WAIT_MS): Promise<void> {
  await locator.waitFor({ state: 'hidden', timeout });
}

export async function hasText(
  locator: Locator,
  text: string | RegExp,
  timeout = WAIT_MS,
): Promise<void> {
  await expect
    .poll(async () => (await locator.textContent()) ?? '', { timeout, interval: 50 })
    .toMatch(typeof text === 'string' ? new RegExp(escapeRegExp(text)) : text);
}

export async function hasAttribute(
  locator: Locator,
  name: string,
  value: string,
  timeout = WAIT_MS,
): Promise<void> {
  await expect.poll(() => locator.getAttribute(name), { timeout, interval: 25 }).toBe(value);
}

export async function hasValue(locator: Locator, value: string, timeout = WAIT_MS): Promise<void> {
  await expect.poll(() => locator.inputValue(), { timeout, interval: 50 }).toBe(value);
}

export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// ---------------------------------------------------------------------------------------------
// Opening the app, whatever screen the local PIN puts in front of it.

const agendaHeading = (page: Page) => page.getByRole('heading', { level: 1, name: /^Agenda du/ });
const setupHeading = (page: Page) =>
  page.getByRole('heading', { name: 'Protéger les données de cet ordinateur' });
const lockedHeading = (page: Page) => page.getByRole('heading', { name: 'Session verrouillée' });

/**
 * Answers the PIN screen if one is shown (first run: create the code; later: unlock), then waits
 * for `ready`. Works before and after encryption at rest exists.
 */
export async function passPinScreens(page: Page, ready: Locator): Promise<void> {
  const setup = setupHeading(page);
  const locked = lockedHeading(page);
  for (let round = 0; round < 3; round++) {
    await visible(ready.or(setup).or(locked).first());
    if (await setup.isVisible()) {
      await page.getByRole('textbox', { name: 'Code personnel', exact: true }).fill(PIN);
      await page
        .getByRole('textbox', { name: 'Confirmer le code personnel', exact: true })
        .fill(PIN);
      await page.getByRole('button', { name: 'Créer le code' }).click();
      await hidden(setup);
    } else if (await locked.isVisible()) {
      await page.getByRole('textbox', { name: 'Code personnel', exact: true }).fill(PIN);
      await page.getByRole('button', { name: 'Déverrouiller' }).click();
      await hidden(locked);
    } else {
      return;
    }
  }
  await visible(ready);
}

/** Navigates to `url`, passes the PIN screens if any, and waits for the agenda. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await passPinScreens(page, agendaHeading(page));
  await visible(agendaHeading(page));
}

/** Reloads the page (or navigates) and waits for the interview of `name` to be back. */
export async function reopenInterview(page: Page, name: string, url?: string): Promise<void> {
  if (url) await page.goto(url);
  else await page.reload();
  await passPinScreens(page, interviewHeading(page, name));
}

/**
 * Kills the Chromium of this profile with SIGKILL, as a crash or a power cut would: no unload
 * handler runs, nothing is flushed. Only the processes started on this profile folder are killed.
 */
export async function killBrowser(app: AppSession): Promise<void> {
  const pids = chromiumPids(app.userDataDir);
  if (pids.length === 0) throw new Error(`no Chromium process found for ${app.userDataDir}`);
  const closed = new Promise<void>((done) => app.context.once('close', () => done()));
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone with its parent.
    }
  }
  await closed;
}

/** The pids of the Chromium processes whose command line names this profile folder. */
export function chromiumPids(userDataDir: string): number[] {
  let out = '';
  try {
    out = execFileSync('pgrep', ['-f', `user-data-dir=${userDataDir}`], { encoding: 'utf8' });
  } catch {
    return []; // pgrep exits with 1 when nothing matches
  }
  return out
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((pid) => Number.isInteger(pid) && pid > 0 && pid !== process.pid);
}

// ---------------------------------------------------------------------------------------------
// Dates as the browser sees them (Europe/Paris), for the expected texts.

export async function browserToday(page: Page): Promise<string> {
  return page.evaluate(() => {
    const d = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  });
}

export { addDays, addMonths, formatFrenchDate };

// ---------------------------------------------------------------------------------------------
// The interview, step by step.

export interface Person {
  lastName: string;
  firstName: string;
  birthDate: string;
  rsaRightsOpenedOn: string;
}

export const interviewHeading = (page: Page, name: string) =>
  page.getByRole('heading', { level: 1, name: `Co-diagnostic — ${name}` });

/** "Nouvel entretien" from the agenda: fills the dialog and waits for the interview page. */
export async function startNewInterview(page: Page, person: Person): Promise<void> {
  await page.getByRole('button', { name: 'Nouvel entretien' }).click();
  const dialog = page.getByRole('dialog', { name: /Nouvel entretien/ });
  await visible(dialog);
  await dialog.getByRole('textbox', { name: 'Nom', exact: true }).fill(person.lastName);
  await dialog.getByRole('textbox', { name: 'Prénom', exact: true }).fill(person.firstName);
  await dialog
    .getByRole('textbox', { name: 'Date de naissance', exact: true })
    .fill(person.birthDate);
  await dialog
    .getByRole('textbox', { name: 'Date d’ouverture des droits RSA', exact: true })
    .fill(person.rsaRightsOpenedOn);
  await dialog.getByRole('button', { name: 'Vérifier et démarrer' }).click();
  await visible(interviewHeading(page, `${person.firstName} ${person.lastName}`));
}

export const radioIn = (page: Page, group: string, option: string) =>
  page
    .getByRole('radiogroup', { name: group, exact: true })
    .getByRole('radio', { name: option, exact: true });

export interface Professionals {
  pe: string;
  cd: string;
  cdRole: 'Travailleur social du Département' | 'Coach emploi du Département';
}

export async function fillAttendance(
  page: Page,
  pros: Professionals,
  presence: 'Présent(e)' | 'Absent(e)' | 'Excusé(e)' = 'Présent(e)',
): Promise<void> {
  await page
    .getByRole('textbox', { name: 'Conseiller France Travail (nom)', exact: true })
    .fill(pros.pe);
  await page
    .getByRole('textbox', { name: 'Professionnel du Département (nom)', exact: true })
    .fill(pros.cd);
  await page
    .getByRole('combobox', { name: 'Fonction du professionnel du Département', exact: true })
    .selectOption({ label: pros.cdRole });
  await radioIn(page, 'La personne convoquée est', presence).check();
}

export interface EmploymentAnswers {
  situation: string;
  lastJobDate: string | 'never';
  availability: 'Disponible immédiatement' | 'Disponible à court terme' | 'Pas disponible';
  motivationWork: 'Oui' | 'En partie' | 'Non';
  motivationSupport: 'Oui' | 'En partie' | 'Non';
  autonomy: 'Autonome' | 'Partiellement autonome' | 'Pas autonome';
}

export async function fillEmployment(page: Page, a: EmploymentAnswers): Promise<void> {
  await page
    .getByRole('combobox', { name: 'Situation professionnelle', exact: true })
    .selectOption({
      label: a.situation,
    });
  if (a.lastJobDate === 'never') {
    await page.getByRole('checkbox', { name: 'N’a jamais travaillé' }).check();
  } else {
    await page
      .getByRole('textbox', { name: 'Date du dernier emploi', exact: true })
      .fill(a.lastJobDate);
  }
  await radioIn(page, "Disponibilité vers l'emploi", a.availability).check();
  await radioIn(page, 'Motivation à travailler', a.motivationWork).check();
  await radioIn(page, 'Motivation à être accompagné', a.motivationSupport).check();
  await radioIn(
    page,
    "Autonomie dans les démarches (administratives, recherche d'emploi)",
    a.autonomy,
  ).check();
}

export async function giveEvaluationNotice(page: Page): Promise<void> {
  await page
    .getByRole('checkbox', { name: /informée de la transmission de données au ministère/ })
    .check();
}

export const computedDominante = (page: Page) => page.getByTestId('computed-dominante');
export const decisionStatus = (page: Page) => page.getByTestId('decision-status');
export const saveStatus = (page: Page) => page.getByTestId('save-status');

export async function waitSaved(page: Page): Promise<void> {
  await hasAttribute(saveStatus(page), 'data-state', 'saved');
}

export interface DecisionAnswers {
  opinion: string;
  structure: RegExp;
  hours: number;
}

export async function decide(page: Page, d: DecisionAnswers): Promise<void> {
  const panel = page.getByRole('complementary', { name: 'Orientation' });
  await panel
    .getByRole('combobox', { name: 'Avis du conseiller France Travail', exact: true })
    .selectOption({ label: d.opinion });
  await panel
    .getByRole('combobox', { name: 'Avis du professionnel du Département', exact: true })
    .selectOption({ label: d.opinion });
  await panel.getByRole('radio', { name: d.structure }).check();
  await panel
    .getByRole('textbox', { name: 'Heures par semaine', exact: true })
    .fill(String(d.hours));
  await hasText(decisionStatus(page), 'Décision complète et enregistrée.');
}

/** Draws a stroke in a signature pad with the mouse, then validates it. */
export async function drawSignature(page: Page, who: string, label: string): Promise<void> {
  const pad = page.getByTestId(`sign-${who}-pad`);
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error(`signature pad ${who} is not visible`);
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 20, y);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(box.x + 20 + i * 20, y + (i % 2 === 0 ? -25 : 25));
  }
  await page.mouse.up();
  await page.getByRole('button', { name: `Valider la signature — ${label}` }).click();
  await visible(page.getByRole('img', { name: `Signature de ${label}` }));
}

export async function signOnPaper(page: Page, label: string): Promise<void> {
  await page.getByRole('button', { name: `Signé sur papier — ${label}` }).click();
  await visible(page.getByRole('button', { name: `Effacer la signature — ${label}` }));
}

/** Prints the current page as Chromium's print would (print stylesheet, A4) and returns its text. */
export async function pdfText(page: Page): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'codiag-pdf-'));
  try {
    const file = join(dir, 'contrat.pdf');
    await page.emulateMedia({ media: 'print' });
    writeFileSync(file, await page.pdf({ format: 'A4', printBackground: true }));
    await page.emulateMedia({ media: 'screen' });
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Collapses whitespace (pdftotext breaks lines and pads columns). */
export const squash = (text: string): string => text.replace(/\s+/g, ' ');
