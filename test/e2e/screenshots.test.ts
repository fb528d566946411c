/**
 * Refreshes the screenshots of docs/screenshots/ (user guide and README) from the built app with
 * its fake demo people. Skipped unless asked:
 * `SCREENSHOTS=1 npx vitest run --project e2e test/e2e/screenshots.test.ts`.
 */
import { join } from 'node:path';
import { describe, it } from 'vitest';
import {
  addDays,
  appForTests,
  browserToday,
  decide,
  drawSignature,
  fillAttendance,
  fillEmployment,
  giveEvaluationNotice,
  openApp,
  radioIn,
  signOnPaper,
  startNewInterview,
  uniqueDb,
  visible,
  waitSaved,
  type AppSession,
} from './app';
import { REPO } from './harness';

const OUT = join(REPO, 'docs/screenshots');
const shot = (app: AppSession, name: string, fullPage = false) =>
  app.page.screenshot({ path: join(OUT, `${name}.png`), fullPage });

describe.skipIf(process.env.SCREENSHOTS !== '1')('documentation screenshots', () => {
  const app = appForTests({ viewport: { width: 1440, height: 900 } });

  it('takes a picture of every screen', async () => {
    const { page } = app;
    await openApp(page, app.urlFor(uniqueDb('screens'), { demo: true }));
    await visible(page.getByRole('button', { name: /^Démarrer l’entretien de / }).first());
    await shot(app, 'agenda');

    const today = await browserToday(page);
    await startNewInterview(page, {
      lastName: 'Exemple',
      firstName: 'Claude',
      birthDate: '1986-04-17',
      rsaRightsOpenedOn: addDays(today, -40),
    });
    await fillAttendance(page, {
      pe: 'Camille Fictive',
      cd: 'Dominique Démo',
      cdRole: 'Travailleur social du Département',
    });
    // An address typed without its INSEE code: the services panel finds the commune (demo table).
    await page
      .getByRole('textbox', { name: 'Adresse (numéro et rue)', exact: true })
      .fill('1 rue Fictive');
    await page.getByRole('textbox', { name: 'Code postal', exact: true }).fill('59200');
    await page.getByRole('textbox', { name: 'Commune', exact: true }).fill('Tourcoing');
    await fillEmployment(page, {
      situation: "En recherche d'emploi",
      lastJobDate: addDays(today, -300),
      availability: 'Disponible immédiatement',
      motivationWork: 'Oui',
      motivationSupport: 'En partie',
      autonomy: 'Autonome',
    });
    const mobility = page.getByRole('region', { name: 'Mobilité', exact: true });
    await mobility.getByRole('checkbox').first().check();
    await radioIn(page, 'Niveau du frein — Mobilité', 'Frein léger').check();
    await page
      .getByRole('textbox', { name: 'Synthèse du diagnostic', exact: true })
      .fill('Projet d’aide à domicile ; permis B en cours ; garde d’enfant trouvée le matin.');
    await giveEvaluationNotice(page);
    await decide(page, {
      opinion: 'Dominante équilibre social et professionnel',
      structure: /^Binôme conseiller France Travail/,
      hours: 15,
    });
    await waitSaved(page);
    await page
      .getByRole('navigation', { name: 'Sections de l’entretien' })
      .getByRole('button', { name: 'Emploi et motivation' })
      .click();
    await shot(app, 'interview');

    const panel = page.getByRole('complementary', { name: 'Orientation' });
    await panel
      .getByRole('combobox', { name: 'Dominante retenue', exact: true })
      .selectOption({ label: 'Dominante remobilisation' });
    await panel.getByRole('textbox', { name: 'Justification de la dérogation' }).fill('Trop court');
    await panel.getByRole('heading', { name: 'Décision' }).scrollIntoViewIfNeeded();
    await shot(app, 'interview-override');
    await panel.getByRole('combobox', { name: 'Dominante retenue', exact: true }).selectOption('');
    await waitSaved(page);

    await page.getByRole('link', { name: 'Contrat', exact: true }).click();
    await visible(page.getByRole('button', { name: 'Exporter en PDF' }));
    await shot(app, 'contract');
    await page.getByRole('button', { name: 'Modifier les actions et les dates' }).click();
    await page
      .getByRole('button', { name: /^Ajouter une action avec Démo — Garage solidaire/ })
      .click();
    await page.getByRole('heading', { name: 'Services locaux proposés' }).scrollIntoViewIfNeeded();
    await waitSaved(page);
    await shot(app, 'services');
    await drawSignature(page, 'beneficiary', 'Claude Exemple');
    await drawSignature(page, 'peAdvisor', 'Camille Fictive');
    await signOnPaper(page, 'Dominique Démo');
    await waitSaved(page);
    await page.getByRole('heading', { name: 'Signatures' }).scrollIntoViewIfNeeded();
    await shot(app, 'signatures');

    await page.getByRole('link', { name: 'Vue pour la personne' }).click();
    await visible(page.getByRole('heading', { name: 'Votre contrat d’engagement' }));
    await shot(app, 'contract-beneficiary-view');

    await page.getByRole('link', { name: 'Retour à l’entretien' }).click();
    await visible(page.getByText('Tout est prêt pour la clôture.'));
    // The satisfaction questions, on the screen turned to the person.
    await page.getByRole('button', { name: 'Tourner l’écran vers la personne' }).click();
    const person = page.getByRole('dialog', { name: 'Votre avis sur ce rendez-vous' });
    await visible(person.getByText('Question 1 sur 3'));
    // Once the dialog has faded in.
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.MuiDialog-container')].every(
        (e) => getComputedStyle(e).opacity === '1',
      ),
    );
    await shot(app, 'satisfaction');
    for (const answer of ['Tout à fait', 'Plutôt oui', 'Passer']) {
      await person.getByRole('button', { name: answer, exact: true }).click();
    }
    await person.getByRole('button', { name: 'Rendre l’écran aux professionnels' }).click();
    await page
      .getByRole('group', { name: /Conseiller France Travail :/ })
      .getByRole('button', { name: 'Tout à fait', exact: true })
      .click();
    await page
      .getByRole('group', { name: /Professionnel du Département :/ })
      .getByRole('button', { name: 'Plutôt oui', exact: true })
      .click();
    await page.getByRole('button', { name: 'Clôturer l’entretien' }).click();
    await visible(page.getByRole('heading', { name: 'Entretien clôturé' }));
    await waitSaved(page);
    await shot(app, 'closed');

    // The dashboard over the demo history and this interview.
    await page.getByRole('link', { name: 'Tableau de bord' }).click();
    await visible(page.getByTestId('kpi-held'));
    await shot(app, 'dashboard');
    await page.getByRole('heading', { name: 'Satisfaction', exact: true }).scrollIntoViewIfNeeded();
    await shot(app, 'dashboard-satisfaction');
  });
});
