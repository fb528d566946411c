/**
 * The professional's dashboard (issues 6 and 13) in the real renderer: reached from the header,
 * used with the keyboard only (the period list, the dates typed in, Tab through every table; the
 * page counts pointer events: there must be none), axe-core on each state (no interview, the demo
 * history, a period with no interview, an invalid period), and every figure shown equal to
 * `computeIndicators` over the same interviews — the demo history the renderer seeds, rebuilt
 * here by the same generators — the oracle. The people are generated fakes.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { computeIndicators, type IndicatorReport, type Period } from '../../shared/indicators';
import { NORD_2023 } from '../../shared/referential';
import { SATISFACTION_QUESTION_LABELS } from '../../shared/domain/satisfaction';
import { buildDemoHistory } from '../../renderer/storage/demo-history';
import { buildDemoInterviewsInProgress } from '../../renderer/storage/demo-seed';
import { periodOf, type PeriodPreset } from '../../renderer/features/dashboard/period';
import {
  formatDays,
  formatMonth,
  formatNumber,
  formatPercent,
  formatPoints,
} from '../../renderer/features/dashboard/format';
import {
  addDays,
  appForTests,
  browserToday,
  formatFrenchDate,
  hasText,
  hasValue,
  hidden,
  openApp,
  uniqueDb,
  visible,
} from './app';
import { seriousAxeViolations } from './harness';
import {
  chooseInList,
  countPointerEvents,
  describeFocus,
  pointerEvents,
  press,
  tabTo,
} from './keys';

const app = appForTests();

const TABLES = [
  'months-table',
  'split-stock-table',
  'split-flux-table',
  'split-all-table',
  'progression-table',
  'first-action-table',
  'satisfaction-table',
] as const;
type TableId = (typeof TABLES)[number];

interface Figures {
  kpis: Record<string, string>;
  tables: Record<TableId, string[][]>;
  satisfactionInterviews: number;
}

const KPI_IDS = [
  'held',
  'absences',
  'first-interview',
  'intensive',
  'first-action',
  'progression',
] as const;

/** What the dashboard should show for `report`, built from its fields (the oracle's side). */
function expectedFigures(r: IndicatorReport): Figures {
  const split = (s: IndicatorReport['split']['stock']) =>
    s.rows.map((row) => [
      row.label,
      String(row.count),
      formatPercent(row.share),
      formatPercent(row.target),
      formatPoints(row.gapPoints),
    ]);
  const question = (label: string, q: IndicatorReport['satisfaction']['professionals']['all']) => [
    label,
    String(q.answered),
    String(q.skipped),
    String(q.notAsked),
    formatNumber(q.average),
  ];
  const p = r.progression;
  const action = r.delayToFirstAction;
  const sat = r.satisfaction;
  return {
    kpis: {
      held: formatNumber(r.attendance.held),
      absences: formatNumber(r.attendance.absent + r.attendance.excused),
      'first-interview': formatDays(r.delayToFirstInterview.medianDays),
      intensive: formatPercent(r.intensiveSupport.share),
      'first-action': formatDays(action.medianDays),
      progression: `${p.towardEmploi} sur ${p.pairs}`,
    },
    tables: {
      'months-table': r.byMonth.map((m) => [
        formatMonth(m.month),
        String(m.held),
        String(m.inProgress),
        String(m.absent),
        String(m.excused),
      ]),
      'split-stock-table': split(r.split.stock),
      'split-flux-table': split(r.split.flux),
      'split-all-table': split(r.split.all),
      'progression-table': [
        ['Vers l’emploi', String(p.towardEmploi)],
        ['Même dominante', String(p.sameDominante)],
        ['Éloignement de l’emploi', String(p.awayFromEmploi)],
        ['Non comparable', String(p.notComparable)],
        ['Moins de freins (réponses hors colonne E)', String(p.fewerConstraints)],
        ['Plus de freins', String(p.moreConstraints)],
      ],
      'first-action-table': [
        ['Médiane', formatDays(action.medianDays)],
        ['Moyenne', formatDays(action.meanDays)],
        ['Plus court', formatDays(action.minDays)],
        ['Plus long', formatDays(action.maxDays)],
      ],
      'satisfaction-table': [
        question(SATISFACTION_QUESTION_LABELS.listened, sat.beneficiary.listened),
        question(SATISFACTION_QUESTION_LABELS.understood, sat.beneficiary.understood),
        question(SATISFACTION_QUESTION_LABELS.useful, sat.beneficiary.useful),
        question('Conseiller France Travail : bonne orientation ?', sat.professionals.peAdvisor),
        question(
          'Professionnel du Département : bonne orientation ?',
          sat.professionals.cdProfessional,
        ),
      ],
    },
    satisfactionInterviews: sat.interviews,
  };
}

/** What the dashboard shows (the renderer's side). */
async function shownFigures(page: Page): Promise<Figures> {
  await visible(page.getByTestId('kpi-held'));
  const kpis: Record<string, string> = {};
  for (const id of KPI_IDS) kpis[id] = (await page.getByTestId(`kpi-${id}`).textContent()) ?? '';
  const tables = {} as Record<TableId, string[][]>;
  for (const id of TABLES) {
    tables[id] = await page
      .getByTestId(id)
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => [...row.children].map((cell) => (cell.textContent ?? '').trim())),
      );
  }
  const sentence =
    (await page.getByText(/^Questions posées à la fin de \d+ entretien/).textContent()) ?? '';
  return {
    kpis,
    tables,
    satisfactionInterviews: Number(/fin de (\d+) entretien/.exec(sentence)?.[1] ?? NaN),
  };
}

async function expectNoSeriousViolation(page: Page, state: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect(violations, `${state}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

const periodText = (page: Page) => page.getByTestId('dashboard-period');

/** The period described as the page words it. */
function describe_(period: Period): string {
  if (period.from && period.to) {
    return `du ${formatFrenchDate(period.from)} au ${formatFrenchDate(period.to)}`;
  }
  if (period.from) return `depuis le ${formatFrenchDate(period.from)}`;
  if (period.to) return `jusqu’au ${formatFrenchDate(period.to)}`;
  return 'sur tout l’historique de cet ordinateur';
}

/** Waits for the figures of `period` and checks them against computeIndicators. */
async function expectFiguresOf(
  page: Page,
  records: Parameters<typeof computeIndicators>[0],
  period: Period,
): Promise<IndicatorReport> {
  await hasText(periodText(page), describe_(period));
  const report = computeIndicators(records, NORD_2023, { period });
  const expected = expectedFigures(report);
  await expect.poll(() => shownFigures(page)).toEqual(expected);
  return report;
}

const dateField = (page: Page, label: string) =>
  page.getByRole('textbox', { name: label, exact: true });

/**
 * The order of a date input's parts (day, month, year) follows the system's locale, not the
 * page's: `dd/mm/yyyy` on a French desktop, `mm/dd/yyyy` in this machine's C locale. Found once
 * by typing a date whose day and month differ.
 */
let dayFirst: boolean | null = null;

async function partsOrder(page: Page, label: string): Promise<boolean> {
  if (dayFirst === null) {
    await page.keyboard.type('01022001');
    const value = await dateField(page, label).inputValue();
    if (value !== '2001-02-01' && value !== '2001-01-02') {
      throw new Error(`cannot tell the order of a date input's parts: ${value}`);
    }
    dayFirst = value === '2001-02-01';
    // Back to the first part.
    for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowLeft');
  }
  return dayFirst;
}

/**
 * Tabs to a date field and types `date` in, part by part (each part moves on to the next when
 * full). The field is always entered forwards, on its first part: Shift+Tab from the next field
 * does not land on a part that takes digits, so `backwards` first goes back to the period list.
 */
async function typeDate(page: Page, label: string, date: string, backwards = false): Promise<void> {
  const field = await enterDateField(page, label, backwards);
  const [y, m, d] = [date.slice(0, 4), date.slice(5, 7), date.slice(8, 10)];
  await page.keyboard.type((await partsOrder(page, label)) ? `${d}${m}${y}` : `${m}${d}${y}`);
  await expect.poll(() => field.inputValue()).toBe(date);
}

async function enterDateField(page: Page, label: string, backwards: boolean) {
  if (backwards) await tabTo(page, periodList(page), true);
  const field = dateField(page, label);
  await tabTo(page, field);
  return field;
}

const periodList = (page: Page) => page.getByRole('combobox', { name: 'Période', exact: true });

async function openDashboardByKeyboard(page: Page): Promise<void> {
  await press(page, page.getByRole('link', { name: 'Tableau de bord' }));
  await visible(page.getByRole('heading', { level: 1, name: 'Tableau de bord' }));
}

describe('the dashboard', () => {
  it('with no interview: says so, shows zeros equal to the oracle, and passes axe-core', async () => {
    const { page } = app;
    await openApp(page, app.urlFor(uniqueDb('dashboard-empty')));
    await countPointerEvents(page);
    await openDashboardByKeyboard(page);
    await visible(page.getByText('Aucun entretien sur cet ordinateur pour l’instant.'));
    const today = await browserToday(page);
    const report = await expectFiguresOf(page, [], periodOf('year', today));
    expect(report.attendance.records).toBe(0);
    await visible(page.getByText('Aucun entretien sur la période.').first());
    await expectNoSeriousViolation(page, 'dashboard, no interview');
    expect(await pointerEvents(page)).toBe(0);
  });

  it('with the demo history: every period by keyboard, figures equal to computeIndicators', async () => {
    const { page } = app;
    await openApp(page, app.urlFor(uniqueDb('dashboard'), { demo: true }));
    const today = await browserToday(page);
    const now = new Date().toISOString();
    const records = [
      ...buildDemoHistory(today, now, NORD_2023),
      ...buildDemoInterviewsInProgress(today, now),
    ].map((interview) => ({ interview }));
    await countPointerEvents(page);
    await openDashboardByKeyboard(page);

    // This year (the default), with the charts and their text alternatives.
    const year = await expectFiguresOf(page, records, periodOf('year', today));
    expect(year.attendance.records).toBeGreaterThan(0);
    await visible(page.locator('[role="img"][aria-label]').first());
    await expectNoSeriousViolation(page, 'dashboard, this year');

    // Every table is reached with Tab, from the period list on, and named by its caption.
    await tabTo(page, periodList(page));
    const reached = new Set<string>();
    for (let i = 0; i < 60 && reached.size < TABLES.length; i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(
        () => document.activeElement?.querySelector('table')?.getAttribute('data-testid') ?? null,
      );
      if (id) reached.add(id);
    }
    expect([...reached].sort()).toEqual([...TABLES].sort());
    await visible(page.getByRole('region', { name: 'Réponses aux questions de satisfaction' }));

    // The other presets, chosen with the arrow keys.
    const presets: [PeriodPreset, string][] = [
      ['month', 'Ce mois-ci'],
      ['quarter', 'Ce trimestre'],
      ['last-12-months', 'Les 12 derniers mois'],
      ['all', 'Tout l’historique de cet ordinateur'],
    ];
    for (const [preset, label] of presets) {
      await chooseInList(page, 'Période', label);
      await expectFiguresOf(page, records, periodOf(preset, today));
    }
    const all = computeIndicators(records, NORD_2023, { period: periodOf('all', today) });
    expect(all.attendance.records).toBe(records.length);

    // Dates typed in: a year with no interview.
    await chooseInList(page, 'Période', 'Dates choisies');
    await typeDate(page, 'Du', '2001-01-01');
    await typeDate(page, 'Au (inclus)', '2001-12-31');
    const empty = await expectFiguresOf(page, records, { from: '2001-01-01', to: '2001-12-31' });
    expect(empty.attendance.records).toBe(0);
    await visible(page.getByText('Aucun entretien sur la période.').first());
    await expectNoSeriousViolation(page, 'dashboard, a period with no interview');

    // An invalid period: the end before the start. The error names the field, the figures
    // go, the dates stay.
    const start = addDays(today, -30);
    await typeDate(page, 'Du', start, true);
    await typeDate(page, 'Au (inclus)', addDays(today, -60));
    const endError = 'Au (inclus) : la date de fin est avant la date de début (« Du »)';
    await hasText(page.getByRole('alert'), endError);
    await hidden(page.getByTestId('kpi-held'));
    await hasText(page.getByTestId('period-error'), `Période à corriger : ${endError}`);
    expect(await dateField(page, 'Au (inclus)').getAttribute('aria-invalid')).toBe('true');
    await hasText(periodText(page), 'période à corriger');
    await expectNoSeriousViolation(page, 'dashboard, invalid period');
    // Another period and back: nothing typed is lost.
    await chooseInList(page, 'Période', 'Cette année');
    await expectFiguresOf(page, records, periodOf('year', today));
    await chooseInList(page, 'Période', 'Dates choisies');
    await hasValue(dateField(page, 'Du'), start);
    await hasValue(dateField(page, 'Au (inclus)'), addDays(today, -60));
    await hasText(page.getByRole('alert'), endError);
    // Corrected with the keyboard: the figures of the period are back.
    await typeDate(page, 'Au (inclus)', today);
    await expectFiguresOf(page, records, { from: start, to: today });

    // A date half typed (its first part wiped out) is an error, not an open bound.
    await enterDateField(page, 'Du', true);
    await page.keyboard.press('Backspace');
    await hasText(page.getByRole('alert'), 'Du : date incomplète (jour, mois et année attendus)');
    await hidden(page.getByTestId('kpi-held'));
    await expectNoSeriousViolation(page, 'dashboard, a date half typed');
    await page.keyboard.type(
      (await partsOrder(page, 'Du')) ? start.slice(8, 10) : start.slice(5, 7),
    );
    await expectFiguresOf(page, records, { from: start, to: today });
    expect(await pointerEvents(page), await describeFocus(page)).toBe(0);
  });
});
