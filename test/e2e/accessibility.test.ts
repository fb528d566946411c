/**
 * axe-core on every screen (issue 3): agenda, the new-interview dialog, the interview page (with
 * errors and an override shown), the contract, the beneficiary's view and the closed interview.
 * No serious or critical violation is allowed.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  addDays,
  appForTests,
  browserToday,
  decide,
  fillAttendance,
  fillEmployment,
  giveEvaluationNotice,
  hasText,
  openApp,
  signOnPaper,
  startNewInterview,
  uniqueDb,
  visible,
  waitSaved,
} from './app';
import { seriousAxeViolations } from './harness';

const app = appForTests();

async function expectNoSeriousViolation(page: Page, screen: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect(violations, `${screen}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

describe('accessibility of every screen (axe-core)', () => {
  it('has no serious or critical violation from the agenda to the closed interview', async () => {
    const { page } = app;
    await openApp(page, app.urlFor(uniqueDb('axe'), { demo: true }));
    await visible(page.getByRole('button', { name: /^Démarrer l’entretien de / }).first());
    await expectNoSeriousViolation(page, 'agenda (demo people)');

    // The new-interview dialog, empty then with its French errors.
    await page.getByRole('button', { name: 'Nouvel entretien' }).click();
    const dialog = page.getByRole('dialog', { name: /Nouvel entretien/ });
    await visible(dialog);
    await expectNoSeriousViolation(page, 'new-interview dialog');
    await dialog.getByRole('button', { name: 'Vérifier et démarrer' }).click();
    await visible(dialog.getByText('Nom : à remplir', { exact: true }));
    await expectNoSeriousViolation(page, 'new-interview dialog with errors');
    await dialog.getByRole('button', { name: 'Annuler' }).click();

    const today = await browserToday(page);
    await startNewInterview(page, {
      lastName: 'Fictif-Accessible',
      firstName: 'Maël',
      birthDate: '1984-09-30',
      rsaRightsOpenedOn: addDays(today, -20),
    });
    await expectNoSeriousViolation(page, 'interview page (empty)');

    await fillAttendance(page, {
      pe: 'Camille Conseil',
      cd: 'Morgan Social',
      cdRole: 'Travailleur social du Département',
    });
    await page.getByRole('textbox', { name: 'Courriel', exact: true }).fill('mael@');
    await fillEmployment(page, {
      situation: "En recherche d'emploi",
      lastJobDate: addDays(today, -500),
      availability: 'Disponible à court terme',
      motivationWork: 'Oui',
      motivationSupport: 'En partie',
      autonomy: 'Autonome',
    });
    await page
      .getByRole('region', { name: 'Santé', exact: true })
      .getByRole('checkbox')
      .first()
      .check();
    await visible(page.getByText('Suggestion du référentiel').first());
    await expectNoSeriousViolation(page, 'interview page (answers, an error, a suggestion)');
    await page.getByRole('textbox', { name: 'Courriel', exact: true }).fill('mael@example.org');
    await page
      .getByRole('radiogroup', { name: 'Niveau du frein — Santé', exact: true })
      .getByRole('radio', { name: 'Frein léger', exact: true })
      .check();

    // An override with its warning and the justification field.
    const panel = page.getByRole('complementary', { name: 'Orientation' });
    await panel
      .getByRole('combobox', { name: 'Dominante retenue', exact: true })
      .selectOption({ label: 'Dominante remobilisation' });
    await visible(panel.getByRole('textbox', { name: 'Justification de la dérogation' }));
    await expectNoSeriousViolation(page, 'interview page (override)');
    await panel.getByRole('combobox', { name: 'Dominante retenue', exact: true }).selectOption('');

    await giveEvaluationNotice(page);
    await decide(page, {
      opinion: 'Dominante équilibre social et professionnel',
      structure: /^Appel à projets — parcours IAE/,
      hours: 20,
    });
    await waitSaved(page);

    await page.getByRole('link', { name: 'Contrat', exact: true }).click();
    await visible(page.getByRole('button', { name: 'Exporter en PDF' }));
    await expectNoSeriousViolation(page, 'contract');

    await page.getByRole('link', { name: 'Vue pour la personne' }).click();
    await visible(page.getByRole('heading', { name: 'Votre contrat d’engagement' }));
    await expectNoSeriousViolation(page, 'beneficiary view');
    for (const label of ['Maël Fictif-Accessible', 'Camille Conseil', 'Morgan Social']) {
      await signOnPaper(page, label);
    }
    await waitSaved(page);
    await expectNoSeriousViolation(page, 'beneficiary view (signed)');

    await page.getByRole('link', { name: 'Retour à l’entretien' }).click();
    await visible(page.getByText('Tout est prêt pour la clôture.'));
    await expectNoSeriousViolation(page, 'closing (ready)');
    await page.getByRole('button', { name: 'Clôturer l’entretien' }).click();
    await hasText(page.getByRole('heading', { level: 2, name: 'Entretien clôturé' }), 'clôturé');
    await waitSaved(page);
    await expectNoSeriousViolation(page, 'closed interview (read-only)');
  });
});
