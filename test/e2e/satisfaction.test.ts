/**
 * The satisfaction questions at the end of the interview (issue 13), in the real renderer: the
 * person answers on the screen turned to them and the professionals answer theirs, with the
 * keyboard only (Tab, Space, Enter: the page counts pointer events, there must be none); axe-core
 * on every state; the answers survive a reload, are read-only once the interview is closed, and
 * are counted in the dashboard's satisfaction figures. The people are generated fakes.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  appForTests,
  browserToday,
  computedDominante,
  decide,
  fillAttendance,
  fillEmployment,
  giveEvaluationNotice,
  hasAttribute,
  hasText,
  hidden,
  interviewHeading,
  openApp,
  reopenInterview,
  signOnPaper,
  startNewInterview,
  uniqueDb,
  visible,
  waitSaved,
  type Person,
} from './app';
import { seriousAxeViolations } from './harness';
import { countPointerEvents, describeFocus, hasFocus, pointerEvents, press, tabTo } from './keys';

const app = appForTests();

const PROS = {
  pe: 'Camille Avis-Fictif',
  cd: 'Dominique Retour-Fictif',
  cdRole: 'Travailleur social du Département',
} as const;

async function expectNoSeriousViolation(page: Page, state: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect(violations, `${state}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

async function expectFocusOn(page: Page, target: Locator): Promise<void> {
  await expect
    .poll(async () => ((await hasFocus(target)) ? 'focused' : await describeFocus(page)))
    .toBe('focused');
}

/**
 * An interview of `person` with everything closing needs (present, employment, evaluation notice,
 * decision, the three signatures on paper): the setup, done with the mouse helpers; the
 * satisfaction questions are left to the keyboard.
 */
async function interviewReadyToClose(page: Page, person: Person): Promise<void> {
  const today = await browserToday(page);
  await startNewInterview(page, person);
  await fillAttendance(page, PROS);
  await fillEmployment(page, {
    situation: "En recherche d'emploi",
    lastJobDate: addDays(today, -90),
    availability: 'Disponible immédiatement',
    motivationWork: 'Oui',
    motivationSupport: 'Oui',
    autonomy: 'Autonome',
  });
  await hasText(computedDominante(page), 'Dominante emploi');
  await giveEvaluationNotice(page);
  await decide(page, {
    opinion: 'Dominante emploi',
    structure: /^Coach emploi du Département/,
    hours: 18,
  });
  await waitSaved(page);
  await page.getByRole('link', { name: 'Contrat', exact: true }).click();
  await visible(page.getByRole('button', { name: 'Exporter en PDF' }));
  for (const label of [`${person.firstName} ${person.lastName}`, PROS.pe, PROS.cd]) {
    await signOnPaper(page, label);
  }
  await waitSaved(page);
  await page.getByRole('link', { name: 'Retour à l’entretien' }).click();
  await visible(page.getByText('Tout est prêt pour la clôture.'));
}

const personScreen = (page: Page) =>
  page.getByRole('dialog', { name: 'Votre avis sur ce rendez-vous' });
const questionHeading = (page: Page, text: RegExp) =>
  personScreen(page).getByRole('heading', { level: 3, name: text });
const answer = (scope: Locator, name: string) => scope.getByRole('button', { name, exact: true });
const proGroup = (page: Page, who: 'Conseiller France Travail' | 'Professionnel du Département') =>
  page.getByRole('group', { name: new RegExp(`bien orienter la personne \\? ${who} :`) });
const beneficiaryState = (page: Page) => page.getByTestId('satisfaction-beneficiary-state');

/** From the page, the keyboard to the section navigator's « Clôture » (focus on its title). */
async function goToClosing(page: Page): Promise<void> {
  await press(
    page,
    page
      .getByRole('navigation', { name: 'Sections de l’entretien' })
      .getByRole('button', { name: 'Clôture' }),
  );
  await expectFocusOn(page, page.getByRole('heading', { name: 'Clôture', exact: true }));
}

/** The satisfaction rows of the dashboard: [question, answered, skipped, not asked, average]. */
async function dashboardSatisfaction(page: Page): Promise<string[][]> {
  const table = page.getByTestId('satisfaction-table');
  await visible(table);
  return table
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [...row.children].map((cell) => (cell.textContent ?? '').trim())),
    );
}

async function openDashboardByKeyboard(page: Page): Promise<void> {
  await press(page, page.getByRole('link', { name: 'Tableau de bord' }), true);
  await visible(page.getByRole('heading', { level: 1, name: 'Tableau de bord' }));
}

describe('the satisfaction questions', () => {
  it('are answered with the keyboard, survive a reload, turn read-only when closed and count in the dashboard', async () => {
    const { page } = app;
    await openApp(page, app.urlFor(uniqueDb('satisfaction')));
    const today = await browserToday(page);
    const person: Person = {
      lastName: 'Fictif-Satisfait',
      firstName: 'Noé',
      birthDate: '1988-02-11',
      rsaRightsOpenedOn: addDays(today, -25),
    };
    const name = `${person.firstName} ${person.lastName}`;
    await interviewReadyToClose(page, person);
    await countPointerEvents(page);

    await goToClosing(page);
    await hasText(beneficiaryState(page), /écouté\(e\) \? — pas encore posée/);
    await expectNoSeriousViolation(page, 'closing, no answer yet');
    const turn = page.getByRole('button', { name: 'Tourner l’écran vers la personne' });
    await press(page, turn);

    // The screen for the person is named by its visible title; the focus is on the question.
    const screen = personScreen(page);
    await visible(screen);
    const q1 = questionHeading(page, /écouté\(e\) \?$/);
    await expectFocusOn(page, q1);
    await visible(screen.getByText('Question 1 sur 3'));
    await expectNoSeriousViolation(page, 'person’s screen, question 1');
    // Tab goes from the question to its first answer; Enter answers.
    await page.keyboard.press('Tab');
    expect(await hasFocus(answer(screen, 'Pas du tout'))).toBe(true);
    await press(page, answer(screen, 'Tout à fait'));

    const q2 = questionHeading(page, /bien compris/);
    await expectFocusOn(page, q2);
    await visible(screen.getByText('Question 2 sur 3'));
    await expectNoSeriousViolation(page, 'person’s screen, question 2');
    // Back to the first question: its answer is shown pressed; then on again.
    await press(page, screen.getByRole('button', { name: '← Question précédente' }));
    await expectFocusOn(page, q1);
    await hasAttribute(answer(screen, 'Tout à fait'), 'aria-pressed', 'true');
    expect(await answer(screen, 'Plutôt oui').getAttribute('aria-pressed')).toBe('false');
    await press(page, answer(screen, 'Tout à fait'));
    await expectFocusOn(page, q2);
    // « Passer » with Space.
    await tabTo(page, answer(screen, 'Passer'));
    await page.keyboard.press('Space');

    const q3 = questionHeading(page, /va vous aider/);
    await expectFocusOn(page, q3);
    await press(page, answer(screen, 'Plutôt non'));
    const thanks = screen.getByRole('heading', { level: 3, name: 'Merci pour vos réponses.' });
    await expectFocusOn(page, thanks);
    await expectNoSeriousViolation(page, 'person’s screen, thanks');
    await press(page, screen.getByRole('button', { name: 'Rendre l’écran aux professionnels' }));
    await hidden(screen);
    // The focus is back on the button that opened the screen.
    await expectFocusOn(page, turn);
    await hasText(beneficiaryState(page), /écouté\(e\) \? — Tout à fait/);
    await hasText(beneficiaryState(page), /maintenant \? — passée/);
    await hasText(beneficiaryState(page), /aider \? — Plutôt non/);

    // Each professional answers theirs.
    const pe = proGroup(page, 'Conseiller France Travail');
    await press(page, answer(pe, 'Plutôt oui'));
    await hasAttribute(answer(pe, 'Plutôt oui'), 'aria-pressed', 'true');
    const cd = proGroup(page, 'Professionnel du Département');
    await tabTo(page, answer(cd, 'Passer'));
    await page.keyboard.press('Space');
    await hasAttribute(answer(cd, 'Passer'), 'aria-pressed', 'true');
    await visible(page.getByText('Conseiller France Travail : Plutôt oui'));
    await visible(page.getByText('Professionnel du Département : passée'));
    await expectNoSeriousViolation(page, 'closing, answered');
    await waitSaved(page);
    expect(await pointerEvents(page)).toBe(0);

    // A reload brings every answer back.
    await reopenInterview(page, name);
    await visible(interviewHeading(page, name));
    await hasText(beneficiaryState(page), /écouté\(e\) \? — Tout à fait/);
    await hasText(beneficiaryState(page), /maintenant \? — passée/);
    await hasText(beneficiaryState(page), /aider \? — Plutôt non/);
    await hasAttribute(
      answer(proGroup(page, 'Conseiller France Travail'), 'Plutôt oui'),
      'aria-pressed',
      'true',
    );
    await hasAttribute(
      answer(proGroup(page, 'Professionnel du Département'), 'Passer'),
      'aria-pressed',
      'true',
    );

    // Closed: the answers are shown, nothing can change them.
    await countPointerEvents(page);
    await goToClosing(page);
    await press(page, page.getByRole('button', { name: 'Clôturer l’entretien' }));
    await visible(page.getByRole('heading', { name: 'Entretien clôturé' }));
    await waitSaved(page);
    await reopenInterview(page, name);
    await visible(page.getByRole('heading', { name: 'Entretien clôturé' }));
    await hasText(beneficiaryState(page), /écouté\(e\) \? — Tout à fait/);
    await hasText(beneficiaryState(page), /aider \? — Plutôt non/);
    await visible(page.getByText('Conseiller France Travail : Plutôt oui'));
    expect(await turn.count()).toBe(0);
    for (const button of await page
      .getByRole('group', { name: /bien orienter la personne/ })
      .getByRole('button')
      .all()) {
      expect(await button.isDisabled()).toBe(true);
    }
    await hasAttribute(
      answer(proGroup(page, 'Conseiller France Travail'), 'Plutôt oui'),
      'aria-pressed',
      'true',
    );
    await expectNoSeriousViolation(page, 'closed interview, answers read-only');

    // The dashboard counts them: one interview held, every question once.
    await countPointerEvents(page);
    await openDashboardByKeyboard(page);
    await hasText(page.getByTestId('kpi-held'), /^1$/);
    expect(await dashboardSatisfaction(page)).toEqual([
      ['Aujourd’hui, vous êtes-vous senti(e) écouté(e) ?', '1', '0', '0', '4'],
      ['Avez-vous bien compris ce qui va se passer pour vous maintenant ?', '0', '1', '0', '—'],
      ['Pensez-vous que ce rendez-vous va vous aider ?', '1', '0', '0', '2'],
      ['Conseiller France Travail : bonne orientation ?', '1', '0', '0', '3'],
      ['Professionnel du Département : bonne orientation ?', '0', '1', '0', '—'],
    ]);
    await visible(page.getByText('Questions posées à la fin de 1 entretien(s) réalisé(s).'));
    expect(await pointerEvents(page)).toBe(0);
  });

  it('lets the person and the professionals pass every question, counted as skipped', async () => {
    const { page } = app;
    await openApp(page, app.urlFor(uniqueDb('satisfaction-skip')));
    const today = await browserToday(page);
    await interviewReadyToClose(page, {
      lastName: 'Fictif-Passe',
      firstName: 'Lou',
      birthDate: '1992-07-23',
      rsaRightsOpenedOn: addDays(today, -12),
    });
    await countPointerEvents(page);
    await goToClosing(page);
    await press(page, page.getByRole('button', { name: 'Tourner l’écran vers la personne' }));
    const screen = personScreen(page);
    for (const question of [/écouté\(e\) \?$/, /bien compris/, /va vous aider/]) {
      await expectFocusOn(page, questionHeading(page, question));
      // « Passer » is the last choice of the group: Tab to it, then Space.
      await tabTo(page, answer(screen, 'Passer'));
      await page.keyboard.press('Space');
    }
    await expectFocusOn(
      page,
      screen.getByRole('heading', { level: 3, name: 'Merci pour vos réponses.' }),
    );
    await press(page, screen.getByRole('button', { name: 'Rendre l’écran aux professionnels' }));
    await hidden(screen);
    for (const who of ['Conseiller France Travail', 'Professionnel du Département'] as const) {
      await press(page, answer(proGroup(page, who), 'Passer'));
      await visible(page.getByText(`${who} : passée`));
    }
    await hasText(beneficiaryState(page), /écouté\(e\) \? — passée/);
    await hasText(beneficiaryState(page), /maintenant \? — passée/);
    await hasText(beneficiaryState(page), /aider \? — passée/);
    await press(page, page.getByRole('button', { name: 'Clôturer l’entretien' }));
    await visible(page.getByRole('heading', { name: 'Entretien clôturé' }));
    await waitSaved(page);

    await openDashboardByKeyboard(page);
    await hasText(page.getByTestId('kpi-held'), /^1$/);
    expect(await dashboardSatisfaction(page)).toEqual([
      ['Aujourd’hui, vous êtes-vous senti(e) écouté(e) ?', '0', '1', '0', '—'],
      ['Avez-vous bien compris ce qui va se passer pour vous maintenant ?', '0', '1', '0', '—'],
      ['Pensez-vous que ce rendez-vous va vous aider ?', '0', '1', '0', '—'],
      ['Conseiller France Travail : bonne orientation ?', '0', '1', '0', '—'],
      ['Professionnel du Département : bonne orientation ?', '0', '1', '0', '—'],
    ]);
    expect(await pointerEvents(page)).toBe(0);
  });
});
