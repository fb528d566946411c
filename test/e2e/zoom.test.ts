/**
 * 200 % zoom (issue 3): a 1366 × 900 screen zoomed to 200 % is a 683 × 450 CSS-pixel viewport
 * with two device pixels per CSS pixel. The interview must not scroll sideways, and the
 * orientation panel must stay reachable and usable.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  appForTests,
  browserToday,
  computedDominante,
  decide,
  fillAttendance,
  fillEmployment,
  hasText,
  openApp,
  startNewInterview,
  uniqueDb,
  visible,
  waitSaved,
} from './app';

const app = appForTests({ viewport: { width: 683, height: 450 }, deviceScaleFactor: 2 });

/** How far the page and its main landmark scroll sideways (0: not at all). */
function sidewaysOverflow(page: Page): Promise<{ page: number; main: number }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const main = document.querySelector('main');
    return {
      page: root.scrollWidth - root.clientWidth,
      main: main ? main.scrollWidth - main.clientWidth : -1,
    };
  });
}

describe('the interview at 200 % zoom', () => {
  it('does not scroll sideways and keeps the orientation panel reachable', async () => {
    const { page } = app;
    expect(await page.evaluate(() => [window.innerWidth, window.devicePixelRatio])).toEqual([
      683, 2,
    ]);
    await openApp(page, app.urlFor(uniqueDb('zoom')));
    expect(await sidewaysOverflow(page)).toEqual({ page: 0, main: 0 });

    const today = await browserToday(page);
    await startNewInterview(page, {
      lastName: 'Fictif-Loupe',
      firstName: 'Inès',
      birthDate: '1987-02-11',
      rsaRightsOpenedOn: addDays(today, -30),
    });
    expect(await sidewaysOverflow(page)).toEqual({ page: 0, main: 0 });

    await fillAttendance(page, {
      pe: 'Camille Conseil',
      cd: 'Dominique Coach',
      cdRole: 'Coach emploi du Département',
    });
    await fillEmployment(page, {
      situation: 'En emploi',
      lastJobDate: addDays(today, -10),
      availability: 'Disponible immédiatement',
      motivationWork: 'Oui',
      motivationSupport: 'Oui',
      autonomy: 'Autonome',
    });
    await page
      .getByRole('radiogroup', { name: 'Temps de travail', exact: true })
      .getByRole('radio', { name: 'Temps partiel' })
      .check();
    expect(await sidewaysOverflow(page)).toEqual({ page: 0, main: 0 });

    // The section navigator takes them to the panel, which is in view and usable.
    await page
      .getByRole('navigation', { name: 'Sections de l’entretien' })
      .getByRole('button', { name: 'Orientation' })
      .click();
    const title = page.getByRole('heading', { level: 2, name: 'Orientation' });
    await expect.poll(() => title.evaluate((el) => el === document.activeElement)).toBe(true);
    const box = await title.boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= 450).toBe(true);
    // The save state and the last change stay in view wherever the page is scrolled.
    const lastChange = await page.getByTestId('last-change').boundingBox();
    expect(lastChange && lastChange.y >= 0 && lastChange.y + lastChange.height <= 450).toBe(true);
    await hasText(computedDominante(page), 'Dominante emploi');
    await decide(page, {
      opinion: 'Dominante emploi',
      structure: /^Conseiller France Travail/,
      hours: 20,
    });
    await waitSaved(page);
    expect(await sidewaysOverflow(page)).toEqual({ page: 0, main: 0 });

    // The contract too.
    await page.getByRole('link', { name: 'Contrat', exact: true }).click();
    await visible(page.getByRole('button', { name: 'Exporter en PDF' }));
    expect(await sidewaysOverflow(page)).toEqual({ page: 0, main: 0 });
  });
});
