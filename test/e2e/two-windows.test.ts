/**
 * One window edits an interview at a time (issue 3: nothing typed is lost). Two tabs on the same
 * interview would each save their copy over the other's; the second one opens read-only and takes
 * the interview over with « Modifier dans cette fenêtre »: the first saves what was pending, steps
 * down, and the second continues from there.
 */
import { describe, expect, it } from 'vitest';
import {
  addDays,
  appForTests,
  browserToday,
  fillAttendance,
  hasValue,
  hidden,
  openApp,
  reopenInterview,
  startNewInterview,
  uniqueDb,
  visible,
  waitSaved,
} from './app';
import { seriousAxeViolations } from './harness';

const app = appForTests();

const SYNTHESIS = { name: 'Synthèse du diagnostic', exact: true } as const;

describe('the same interview in two windows', () => {
  it('opens read-only in the second, which takes it over with what the first had typed', async () => {
    const first = app.page;
    await openApp(first, app.urlFor(uniqueDb('two-windows')));
    const person = {
      lastName: 'Fictif-Deuxfenetres',
      firstName: 'Alix',
      birthDate: '1988-11-02',
      rsaRightsOpenedOn: addDays(await browserToday(first), -20),
    };
    const name = `${person.firstName} ${person.lastName}`;
    await startNewInterview(first, person);
    await fillAttendance(first, {
      pe: 'Camille Conseil',
      cd: 'Morgan Social',
      cdRole: 'Travailleur social du Département',
    });
    await first.getByRole('textbox', SYNTHESIS).click();
    await first.keyboard.type('Première fenêtre.');
    await waitSaved(first);
    const url = first.url();

    const second = await app.context.newPage();
    try {
      await reopenInterview(second, name, url);
      // Read-only, showing what was saved, and saying why.
      const notice = second.getByTestId('editing-elsewhere');
      await visible(notice);
      expect(await notice.innerText()).toContain('modifié dans une autre fenêtre');
      await hasValue(second.getByRole('textbox', SYNTHESIS), 'Première fenêtre.');
      expect(await second.getByRole('textbox', SYNTHESIS).isEditable()).toBe(false);
      expect(await seriousAxeViolations(second)).toEqual([]);

      // The first window keeps typing; what it types just before the take-over is not lost.
      await first.getByRole('textbox', SYNTHESIS).click();
      await first.keyboard.press('End');
      await first.keyboard.type(' Suite tapée juste avant.');
      await second.getByRole('button', { name: 'Modifier dans cette fenêtre' }).click();

      await hidden(notice);
      const taken = second.getByRole('textbox', SYNTHESIS);
      await hasValue(taken, 'Première fenêtre. Suite tapée juste avant.');
      expect(await taken.isEditable()).toBe(true);
      // The first window is now the read-only one.
      await visible(first.getByTestId('editing-elsewhere'));
      expect(await first.getByRole('textbox', SYNTHESIS).isEditable()).toBe(false);

      await taken.click();
      await second.keyboard.press('End');
      await second.keyboard.type(' Deuxième fenêtre.');
      await waitSaved(second);
    } finally {
      await second.close();
    }

    // The first window wrote nothing over it when the second went on, nor when it reloads.
    await reopenInterview(first, name);
    await hasValue(
      first.getByRole('textbox', SYNTHESIS),
      'Première fenêtre. Suite tapée juste avant. Deuxième fenêtre.',
    );
    // The second window has closed: the first edits again, without asking.
    await hidden(first.getByTestId('editing-elsewhere'));
    expect(await first.getByRole('textbox', SYNTHESIS).isEditable()).toBe(true);
  });
});
