/**
 * A whole interview without the mouse (issue 3): Tab and Shift+Tab to move, Space and the arrow
 * keys for checkboxes, radios and lists, Enter for links and buttons; the signatures "on paper".
 * The page counts real pointer events: there must be none.
 */
import type { Locator, Page } from 'playwright-core';
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

const app = appForTests();

const MAX_PRESSES = 400;

const hasFocus = (target: Locator) =>
  target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement));

/**
 * How many Tab presses separate the focused element from `target`, as far as the page can tell
 * (links, buttons, fields, one stop per radio group), or null when the focus is nowhere. Only used
 * to skip the per-press check on the long stretches: the last presses are always checked.
 */
function distance(target: Locator, backwards: boolean): Promise<number | null> {
  return target.evaluate((el, back) => {
    const selector =
      'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])';
    const seen = new Set<string>();
    const stops = [...document.querySelectorAll<HTMLElement>(selector)].filter((e) => {
      if (e.tabIndex < 0 || (e as HTMLInputElement).disabled || e.getClientRects().length === 0) {
        return false;
      }
      if (e instanceof HTMLInputElement && e.type === 'radio') {
        if (seen.has(e.name)) return false;
        seen.add(e.name);
      }
      return true;
    });
    const active = document.activeElement;
    const from = stops.findIndex((e) => e === active);
    const to = stops.findIndex((e) => e === el || el.contains(e));
    if (from < 0 || to < 0) return null;
    return back ? from - to : to - from;
  }, backwards);
}

/** Presses Tab (or Shift+Tab) until the focus is on (or inside) `target`. */
async function tabTo(page: Page, target: Locator, backwards = false): Promise<void> {
  const key = backwards ? 'Shift+Tab' : 'Tab';
  const far = (await distance(target, backwards)) ?? 0;
  for (let i = 0; i < far - 3; i++) await page.keyboard.press(key);
  for (let i = 0; i < MAX_PRESSES; i++) {
    if (await hasFocus(target)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${target.toString()} cannot be reached with the keyboard`);
}

async function typeInto(page: Page, name: string, text: string): Promise<void> {
  await tabTo(page, page.getByRole('textbox', { name, exact: true }));
  await page.keyboard.type(text);
}

/** A native list: focus it, then the arrow keys until the wanted choice is shown. */
async function chooseInList(page: Page, name: string, choice: string): Promise<void> {
  const select = page.getByRole('combobox', { name, exact: true }).first();
  await tabTo(page, select);
  const current = () =>
    select.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.text ?? '');
  // Back to the first choice, then down to the wanted one.
  await page.keyboard.press('Home');
  for (let i = 0; i < 40 && (await current()) !== choice; i++) {
    await page.keyboard.press('ArrowDown');
  }
  expect(await current()).toBe(choice);
}

/** A radio group: Tab into it, then the arrow keys (which select) or Space on the wanted one. */
async function chooseRadio(page: Page, group: string, option: string | RegExp): Promise<void> {
  const radios = page.getByRole('radiogroup', { name: group, exact: true });
  const wanted = radios.getByRole('radio', { name: option, exact: typeof option === 'string' });
  await tabTo(page, radios);
  for (let i = 0; i < 10; i++) {
    if (await hasFocus(wanted)) {
      if (!(await wanted.isChecked())) await page.keyboard.press('Space');
      break;
    }
    await page.keyboard.press('ArrowDown');
  }
  expect(await wanted.isChecked()).toBe(true);
}

async function tick(page: Page, name: string | RegExp): Promise<void> {
  const box = page.getByRole('checkbox', { name, exact: typeof name === 'string' });
  await tabTo(page, box);
  await page.keyboard.press('Space');
  expect(await box.isChecked()).toBe(true);
}

async function press(page: Page, target: Locator, backwards = false): Promise<void> {
  await tabTo(page, target, backwards);
  await page.keyboard.press('Enter');
}

describe('keyboard only', () => {
  it('runs a whole interview, from a convocation to the closing, without the mouse', async () => {
    const { page } = app;
    await openApp(page, app.urlFor(uniqueDb('keyboard'), { demo: true }));
    await page.evaluate(() => {
      const w = window as unknown as { __pointerEvents: number };
      w.__pointerEvents = 0;
      for (const type of ['pointerdown', 'mousedown', 'click']) {
        document.addEventListener(
          type,
          (event) => {
            // A click synthesised by Enter or Space has no pointer position; a real one has.
            if (event.isTrusted && (type !== 'click' || (event as MouseEvent).detail > 0)) {
              w.__pointerEvents += 1;
            }
          },
          true,
        );
      }
    });

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

    expect(
      await page.evaluate(() => (window as unknown as { __pointerEvents: number }).__pointerEvents),
    ).toBe(0);
  });
});
