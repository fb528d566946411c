/**
 * A whole interview without the mouse (issue 3): Tab and Shift+Tab to move, Space and the arrow
 * keys for checkboxes, radios and lists, Enter for links and buttons; the signatures "on paper".
 * The page counts real pointer events: there must be none.
 */
import { describe, expect, it } from 'vitest';
import {
  appForTests,
  computedDominante,
  decisionStatus,
  hasText,
  openApp,
  printCalls,
  uniqueDb,
  visible,
  waitSaved,
} from './app';
import {
  chooseInList,
  chooseRadio,
  countPointerEvents,
  hasFocus,
  pointerEvents,
  press,
  tick,
  typeInto,
} from './keys';

const app = appForTests();

describe('keyboard only', () => {
  it('runs a whole interview, from a convocation to the closing, without the mouse', async () => {
    const { page } = app;
    await openApp(page, app.urlFor(uniqueDb('keyboard'), { demo: true }));
    await countPointerEvents(page);

    // The first Tab offers the skip link.
    await page.keyboard.press('Tab');
    expect(await hasFocus(page.getByRole('link', { name: 'Aller au contenu principal' }))).toBe(
      true,
    );

    // Start the first convocation of the day.
    const start = page
      .getByRole('table', { name: 'Convocations du jour' })
      .getByRole('button')
      .first();
    await press(page, start);
    const heading = page.getByRole('heading', { level: 1, name: /^Co-diagnostic — / });
    await visible(heading);

    await typeInto(page, 'Conseiller France Travail (nom)', 'Camille Clavier');
    await typeInto(page, 'Professionnel du Département (nom)', 'Morgan Tabulation');
    await chooseInList(
      page,
      'Fonction du professionnel du Département',
      'Travailleur social du Département',
    );
    await chooseRadio(page, 'La personne convoquée est', 'Présent(e)');

    await chooseInList(page, 'Situation professionnelle', 'Maladie ou invalidité');
    await tick(page, 'N’a jamais travaillé');
    await chooseRadio(page, "Disponibilité vers l'emploi", 'Pas disponible');
    await chooseRadio(page, 'Motivation à travailler', 'En partie');
    await chooseRadio(page, 'Motivation à être accompagné', 'Oui');
    await chooseRadio(
      page,
      "Autonomie dans les démarches (administratives, recherche d'emploi)",
      'Partiellement autonome',
    );
    await typeInto(page, 'Synthèse du diagnostic', 'Soins en cours ; reprise progressive.');
    await tick(page, /informée de la transmission de données au ministère/);
    await hasText(computedDominante(page), 'Dominante remobilisation');

    await chooseInList(page, 'Avis du conseiller France Travail', 'Dominante remobilisation');
    await chooseRadio(page, 'Structure du référent unique', /^Travailleur social du Département/);
    await hasText(decisionStatus(page), 'Décision complète et enregistrée.');
    await waitSaved(page);

    // Back up (Shift+Tab) from the panel to the closing section's link to the contract.
    await press(page, page.getByRole('link', { name: 'Voir le contrat' }), true);
    await visible(page.getByRole('button', { name: 'Exporter en PDF' }));
    for (const who of ['beneficiary', 'peAdvisor', 'cdProfessional']) {
      await press(page, page.getByRole('button', { name: /^Signé sur papier — / }).first());
      await visible(page.getByTestId(`sign-${who}-signed`));
    }
    await waitSaved(page);
    await press(page, page.getByRole('button', { name: 'Exporter en PDF' }));
    await expect.poll(() => printCalls(page)).toBe(1);

    await press(page, page.getByRole('link', { name: 'Retour à l’entretien' }));
    await visible(heading);
    await visible(page.getByText('Tout est prêt pour la clôture.'));
    // The section navigator moves the focus to the closing section.
    await press(
      page,
      page
        .getByRole('navigation', { name: 'Sections de l’entretien' })
        .getByRole('button', { name: 'Clôture' }),
    );
    expect(await hasFocus(page.getByRole('heading', { name: 'Clôture', exact: true }))).toBe(true);
    await press(page, page.getByRole('button', { name: 'Clôturer l’entretien' }));
    await visible(page.getByRole('heading', { name: 'Entretien clôturé' }));
    await waitSaved(page);

    expect(await pointerEvents(page)).toBe(0);
  });
});
