/**
 * What the desktop smoke test does while the app runs: connect over the DevTools protocol with
 * playwright-core (never a downloaded browser), find the app's page, create the personal code (or
 * unlock), run an interview of a fake person to a decided orientation, ask for the contract's PDF,
 * and wait for the file. The accessible names are the ones the end-to-end tests use
 * (test/e2e/app.ts); test/e2e/electron-smoke.test.ts runs this against Debian's Chromium.
 */
import { readFile, readdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { type IsoDate, addDays } from '../../shared/util/dates';
import { CONTRACT_TITLE, type SmokePerson, smokePerson } from './smoke-plan';

/** How long one step may wait for the page. */
export const STEP_TIMEOUT_MS = 30_000;

/** The personal code the smoke test creates in its throwaway profile. */
export const SMOKE_PIN = '482913';

const PROS = { pe: 'Camille Conseil', cd: 'Dominique Coach' } as const;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Polls `probe` until it answers something other than null, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null> | T | null,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(200);
  }
}

/** The exported file once complete (a PDF starts with %PDF- and ends with %%EOF). */
export function waitForPdf(
  dir: string,
  timeoutMs: number,
): Promise<{ file: string; bytes: number }> {
  return waitFor(
    `a complete PDF in ${dir}`,
    async () => {
      const name = (await readdir(dir)).find((entry) => entry.toLowerCase().endsWith('.pdf'));
      if (name === undefined) return null;
      const content = await readFile(path.join(dir, name));
      const complete =
        content.subarray(0, 5).toString('latin1') === '%PDF-' &&
        content.subarray(-1024).toString('latin1').includes('%%EOF');
      return complete ? { file: path.join(dir, name), bytes: content.length } : null;
    },
    timeoutMs,
  );
}

/** Waits for the DevTools endpoint on the loopback port, then connects to it. */
export async function connectToApp(port: number, timeoutMs: number): Promise<Browser> {
  const endpoint = `http://127.0.0.1:${port}`;
  await waitFor(
    `the DevTools endpoint ${endpoint}`,
    async () => {
      try {
        const answer = await fetch(`${endpoint}/json/version`, {
          signal: AbortSignal.timeout(2_000),
        });
        return answer.ok ? true : null;
      } catch {
        return null;
      }
    },
    timeoutMs,
  );
  return chromium.connectOverCDP(endpoint, { timeout: timeoutMs });
}

/** The first page whose address `isApp` accepts (the app window, not a DevTools target). */
export function findAppPage(
  browser: Browser,
  isApp: (url: string) => boolean,
  timeoutMs: number,
): Promise<Page> {
  return waitFor(
    'the app window',
    () =>
      browser
        .contexts()
        .flatMap((context) => context.pages())
        .find((page) => isApp(page.url())) ?? null,
    timeoutMs,
  );
}

/** The date in the page's own clock and time zone, as the app computes "today". */
export const pageToday = (page: Page): Promise<IsoDate> =>
  page.evaluate(() => {
    const d = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  });

/** First start: creates the personal code; later starts: unlocks. Returns on the agenda. */
export async function unlock(page: Page): Promise<void> {
  const agenda = page.getByRole('heading', { level: 1, name: /^Agenda du/ });
  const setup = page.getByRole('heading', { name: 'Protéger les données de cet ordinateur' });
  const locked = page.getByRole('heading', { name: 'Session verrouillée' });
  const code = page.getByRole('textbox', { name: 'Code personnel', exact: true });
  for (let round = 0; round < 3; round++) {
    await agenda.or(setup).or(locked).first().waitFor({ state: 'visible' });
    if (await setup.isVisible()) {
      await code.fill(SMOKE_PIN);
      await page
        .getByRole('textbox', { name: 'Confirmer le code personnel', exact: true })
        .fill(SMOKE_PIN);
      await page.getByRole('button', { name: 'Créer le code' }).click();
      await setup.waitFor({ state: 'hidden' });
    } else if (await locked.isVisible()) {
      await code.fill(SMOKE_PIN);
      await page.getByRole('button', { name: 'Déverrouiller' }).click();
      await locked.waitFor({ state: 'hidden' });
    } else {
      return;
    }
  }
  await agenda.waitFor({ state: 'visible' });
}

const radioIn = (page: Page, group: string, option: string) =>
  page
    .getByRole('radiogroup', { name: group, exact: true })
    .getByRole('radio', { name: option, exact: true });

/**
 * From the app's first screen to the contract's « Exporter en PDF », clicked: a new interview of
 * a fake person, present, looking for work and available (dominante emploi), decided by both
 * professionals. Returns the person, whose name the PDF must carry.
 */
export async function exportContract(
  page: Page,
  log: (step: string) => void = () => undefined,
): Promise<SmokePerson> {
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  await unlock(page);
  log('unlocked');

  const today = await pageToday(page);
  const person = smokePerson(today);
  const name = `${person.firstName} ${person.lastName}`;
  await page.getByRole('button', { name: 'Nouvel entretien' }).click();
  const dialog = page.getByRole('dialog', { name: /Nouvel entretien/ });
  await dialog.getByRole('textbox', { name: 'Nom', exact: true }).fill(person.lastName);
  await dialog.getByRole('textbox', { name: 'Prénom', exact: true }).fill(person.firstName);
  await dialog
    .getByRole('textbox', { name: 'Date de naissance', exact: true })
    .fill(person.birthDate);
  await dialog
    .getByRole('textbox', { name: 'Date d’ouverture des droits RSA', exact: true })
    .fill(person.rsaRightsOpenedOn);
  await dialog.getByRole('button', { name: 'Vérifier et démarrer' }).click();
  await page
    .getByRole('heading', { level: 1, name: `Co-diagnostic — ${name}` })
    .waitFor({ state: 'visible' });
  log(`interview of ${name} opened`);

  await page
    .getByRole('textbox', { name: 'Conseiller France Travail (nom)', exact: true })
    .fill(PROS.pe);
  await page
    .getByRole('textbox', { name: 'Professionnel du Département (nom)', exact: true })
    .fill(PROS.cd);
  await page
    .getByRole('combobox', { name: 'Fonction du professionnel du Département', exact: true })
    .selectOption({ label: 'Coach emploi du Département' });
  await radioIn(page, 'La personne convoquée est', 'Présent(e)').check();
  await page
    .getByRole('combobox', { name: 'Situation professionnelle', exact: true })
    .selectOption({ label: "En recherche d'emploi" });
  await page
    .getByRole('textbox', { name: 'Date du dernier emploi', exact: true })
    .fill(addDays(today, -90));
  await radioIn(page, "Disponibilité vers l'emploi", 'Disponible immédiatement').check();
  await radioIn(page, 'Motivation à travailler', 'Oui').check();
  await radioIn(page, 'Motivation à être accompagné', 'Oui').check();
  await radioIn(
    page,
    "Autonomie dans les démarches (administratives, recherche d'emploi)",
    'Autonome',
  ).check();
  await page
    .getByRole('textbox', { name: 'Synthèse du diagnostic', exact: true })
    .fill('Synthèse de l’essai de fumée.');
  await page
    .getByRole('checkbox', { name: /informée de la transmission de données au ministère/ })
    .check();

  const panel = page.getByRole('complementary', { name: 'Orientation' });
  for (const who of ['Avis du conseiller France Travail', 'Avis du professionnel du Département']) {
    await panel
      .getByRole('combobox', { name: who, exact: true })
      .selectOption({ label: 'Dominante emploi' });
  }
  await panel.getByRole('radio', { name: /^Coach emploi du Département/ }).check();
  await panel.getByRole('textbox', { name: 'Heures par semaine', exact: true }).fill('18');
  await page
    .getByTestId('decision-status')
    .getByText('Décision complète et enregistrée.')
    .waitFor({ state: 'visible' });
  log('orientation decided');

  await page.getByRole('link', { name: 'Contrat', exact: true }).click();
  await page.getByRole('heading', { name: CONTRACT_TITLE }).waitFor({ state: 'visible' });
  await page.getByRole('button', { name: 'Exporter en PDF' }).click();
  log('PDF export asked');
  return person;
}

/** A TCP port free on the loopback now, for the DevTools protocol. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
