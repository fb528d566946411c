/**
 * Keyboard-only driving for the end-to-end tests (issue 3, issue 13): Tab and Shift+Tab to move,
 * Space and the arrow keys for checkboxes, radios, lists and toggle buttons, Enter for links and
 * buttons. A counter of real pointer events proves a test never used the mouse.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

const MAX_PRESSES = 400;

export const hasFocus = (target: Locator): Promise<boolean> =>
  target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement));

/** What has the focus, for a failure message: its tag, role, id and text. */
export const describeFocus = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'nothing (the body)';
    const role = el.getAttribute('role');
    const text = (el.textContent ?? '').trim().slice(0, 60);
    return `<${el.tagName.toLowerCase()}${role ? ` role=${role}` : ''}${el.id ? ` id=${el.id}` : ''}> ${text}`;
  });

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
export async function tabTo(page: Page, target: Locator, backwards = false): Promise<void> {
  const key = backwards ? 'Shift+Tab' : 'Tab';
  const far = (await distance(target, backwards)) ?? 0;
  for (let i = 0; i < far - 3; i++) await page.keyboard.press(key);
  for (let i = 0; i < MAX_PRESSES; i++) {
    if (await hasFocus(target)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${target.toString()} cannot be reached with the keyboard`);
}

/** Tabs to a text field and types into it (after what it holds: select it first to replace). */
export async function typeInto(page: Page, name: string, text: string): Promise<void> {
  await tabTo(page, page.getByRole('textbox', { name, exact: true }));
  await page.keyboard.type(text);
}

/** A native list: focus it, then the arrow keys until the wanted choice is shown. */
export async function chooseInList(page: Page, name: string, choice: string): Promise<void> {
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
export async function chooseRadio(
  page: Page,
  group: string,
  option: string | RegExp,
): Promise<void> {
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

export async function tick(page: Page, name: string | RegExp): Promise<void> {
  const box = page.getByRole('checkbox', { name, exact: typeof name === 'string' });
  await tabTo(page, box);
  await page.keyboard.press('Space');
  expect(await box.isChecked()).toBe(true);
}

/** Tabs (Shift+Tab when `backwards`) to a link or button and presses Enter. */
export async function press(page: Page, target: Locator, backwards = false): Promise<void> {
  await tabTo(page, target, backwards);
  await page.keyboard.press('Enter');
}

/**
 * Counts the real pointer events of the page from now on (a click synthesised by Enter or Space
 * has no pointer position; a real one has). Read it with `pointerEvents`; a navigation resets it.
 */
export async function countPointerEvents(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __pointerEvents: number };
    w.__pointerEvents = 0;
    for (const type of ['pointerdown', 'mousedown', 'click']) {
      document.addEventListener(
        type,
        (event) => {
          if (event.isTrusted && (type !== 'click' || (event as MouseEvent).detail > 0)) {
            w.__pointerEvents += 1;
          }
        },
        true,
      );
    }
  });
}

export const pointerEvents = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as { __pointerEvents?: number }).__pointerEvents ?? -1);
