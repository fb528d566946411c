/**
 * Nothing typed is lost (issue 3, storage): a reload in the middle of typing, and Chromium killed
 * with SIGKILL right after a save, bring back every character.
 */
import { describe, expect, it } from 'vitest';
import {
  addDays,
  appForTests,
  browserToday,
  chromiumPids,
  fillAttendance,
  hasValue,
  interviewHeading,
  killBrowser,
  openApp,
  passPinScreens,
  reopenInterview,
  startNewInterview,
  uniqueDb,
  visible,
  waitSaved,
} from './app';

const app = appForTests();

const PROS = {
  pe: 'Camille Conseil',
  cd: 'Morgan Social',
  cdRole: 'Travailleur social du Département',
} as const;

/** Opens a new interview on its own database and returns its URL (hash route included). */
async function newInterview(lastName: string): Promise<{ url: string; name: string }> {
  const { page } = app;
  await openApp(page, app.urlFor(uniqueDb(`durable-${lastName}`)));
  const today = await browserToday(page);
  const person = {
    lastName,
    firstName: 'Sam',
    birthDate: '1990-03-08',
    rsaRightsOpenedOn: addDays(today, -30),
  };
  await startNewInterview(page, person);
  await fillAttendance(page, PROS);
  await waitSaved(page);
  return { url: page.url(), name: `${person.firstName} ${person.lastName}` };
}

describe('durability of what is typed', () => {
  it('keeps text typed less than 300 ms before a reload', async () => {
    const { url, name } = await newInterview('Fictif-Rechargement');
    const { page } = app;
    const synthesis = page.getByRole('textbox', { name: 'Synthèse du diagnostic', exact: true });
    const text = 'Souhaite reprendre une formation d’aide-soignante ; garde d’enfant à trouver.';
    await synthesis.click();
    await page.keyboard.type(text);
    const typedAt = Date.now();
    // No waiting for the save: the reload starts while the debounced save may still be pending.
    const reload = page.reload({ waitUntil: 'commit' });
    const elapsed = Date.now() - typedAt;
    await reload;
    expect(elapsed).toBeLessThan(300);

    // The reload is under way (committed): wait for the interview it brings back, without
    // reloading again (a second reload raced the first one's new document on a loaded machine).
    await passPinScreens(page, interviewHeading(page, name));
    expect(page.url()).toBe(url);
    await hasValue(synthesis, text);
    // Editable again: the lock of the page before the reload does not count as another window.
    expect(await synthesis.isEditable()).toBe(true);
    await waitSaved(page);
    // And it is in the database, not only in the session journal: a fresh tab reads it too.
    const other = await app.context.newPage();
    try {
      await reopenInterview(other, name, url);
      await hasValue(
        other.getByRole('textbox', { name: 'Synthèse du diagnostic', exact: true }),
        text,
      );
    } finally {
      await other.close();
    }
  });

  it('keeps a note when the browser process is killed right after it was saved', async () => {
    const { url, name } = await newInterview('Fictif-Panne');
    const { page } = app;
    const notes = page.getByRole('textbox', { name: 'Notes sur l’emploi', exact: true });
    const text = 'Cariste 5 ans, CACES 1 et 3 à renouveler. Cherche près de Roubaix.';
    await notes.click();
    await page.keyboard.type(text);
    await waitSaved(page);

    const dir = app.userDataDir;
    await killBrowser(app);
    await expect.poll(() => chromiumPids(dir), { timeout: 10_000 }).toEqual([]);

    await app.relaunch();
    await reopenInterview(app.page, name, url);
    await visible(interviewHeading(app.page, name));
    await hasValue(
      app.page.getByRole('textbox', { name: 'Notes sur l’emploi', exact: true }),
      text,
    );
    await hasValue(
      app.page.getByRole('textbox', { name: 'Conseiller France Travail (nom)', exact: true }),
      PROS.pe,
    );
  });
});
