// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DashboardPage } from '../../../renderer/features/dashboard/DashboardPage';
import { saveInterview } from '../../../renderer/storage';
import { interviewOf } from '../../shared/indicators/helpers';
import { freshFactory, open } from '../helpers';
import { servicesFor, WithServices } from './services-harness';

afterEach(cleanup);

/**
 * Five people, by hand. A: flux, seen 10 days after the opening of rights, emploi, first action
 * 10 days later. B: flux, absent 22 days after, then équilibre (progressive hours), first action
 * 28 days later. C: stock, remobilisation in 2025 then emploi (one step toward employment).
 * D: stock, corrected: only version 2 (remobilisation, exempt) counts. E: stock, in progress.
 */
const INTERVIEWS = [
  interviewOf({
    id: 'a1',
    person: 'A',
    date: '2026-01-15',
    opened: '2026-01-05',
    dominante: 'emploi',
    dues: ['2026-01-25'],
    satisfaction: {
      beneficiary: { listened: 4, understood: 3, useful: 'skipped' },
      professionals: { peAdvisor: 4, cdProfessional: 3 },
    },
  }),
  interviewOf({
    id: 'b1',
    person: 'B',
    date: '2026-02-01',
    opened: '2026-01-10',
    attendance: 'absent',
  }),
  interviewOf({
    id: 'b2',
    person: 'B',
    date: '2026-02-20',
    opened: '2026-01-10',
    dominante: 'equilibre',
    hours: 'progressive',
    dues: ['2026-03-20'],
    satisfaction: {
      beneficiary: { listened: 2, understood: null, useful: 1 },
      professionals: { peAdvisor: 'skipped', cdProfessional: null },
    },
  }),
  interviewOf({
    id: 'c0',
    person: 'C',
    date: '2025-11-10',
    opened: '2020-01-01',
    cohort: 'stock',
    dominante: 'remobilisation',
    hours: 'reduced',
  }),
  interviewOf({
    id: 'c1',
    person: 'C',
    date: '2026-03-05',
    opened: '2020-01-01',
    cohort: 'stock',
    dominante: 'emploi',
  }),
  interviewOf({
    id: 'd1',
    person: 'D',
    date: '2026-03-10',
    opened: '2019-06-01',
    cohort: 'stock',
    dominante: 'emploi',
  }),
  interviewOf({
    id: 'd1-v2',
    person: 'D',
    date: '2026-03-10',
    opened: '2019-06-01',
    cohort: 'stock',
    dominante: 'remobilisation',
    hours: 'exempt',
    version: 2,
    previousVersionId: 'd1',
  }),
  interviewOf({
    id: 'e1',
    person: 'E',
    date: '2026-03-25',
    opened: '2018-01-01',
    cohort: 'stock',
    status: 'draft',
  }),
];

async function renderDashboard() {
  const storage = await open(freshFactory());
  for (const interview of INTERVIEWS) await saveInterview(storage, { interview, formDrafts: {} });
  render(
    <WithServices services={servicesFor(storage, '2026-03-31')}>
      <DashboardPage />
    </WithServices>,
  );
  await screen.findByTestId('kpi-held');
}

const kpi = (id: string) => screen.getByTestId(`kpi-${id}`).textContent;
const rowOf = (table: string, header: string) =>
  within(screen.getByTestId(table))
    .getByRole('rowheader', { name: header })
    .closest('tr')
    ?.textContent?.replace(header, '');

describe('dashboard', () => {
  it('computes this year’s indicators from the interviews stored on the laptop', async () => {
    await renderDashboard();
    expect(screen.getByTestId('dashboard-period').textContent).toBe(
      'du 1er janvier 2026 au 31 mars 2026',
    );
    // a1, b2, c1, d1-v2 (the correction replaces d1); c0 is from 2025.
    expect(kpi('held')).toBe('4');
    expect(kpi('absences')).toBe('1');
    // A 10 days, B 22 days: median 16, one of two within 15 days.
    expect(kpi('first-interview')).toBe('16 jours');
    expect(screen.getByText(/50 % dans le délai de 15 jours \(1 sur 2/)).toBeTruthy();
    // A standard, B progressive, C standard, D exempt.
    expect(kpi('intensive')).toBe('75 %');
    // a1 10 days, b2 28 days.
    expect(kpi('first-action')).toBe('19 jours');
    expect(kpi('progression')).toBe('1 sur 1');
    // Stock: C emploi, D remobilisation, against 50 / 20 / 30.
    expect(rowOf('split-stock-table', 'Dominante emploi')).toBe('150 %50 %0 point');
    expect(rowOf('split-stock-table', 'Dominante remobilisation')).toBe('150 %30 %+20 points');
    // listened: 4 and 2; useful: 1 answer, 1 skipped; not asked on c1 and d1-v2.
    expect(rowOf('satisfaction-table', 'Aujourd’hui, vous êtes-vous senti(e) écouté(e) ?')).toBe(
      '2023',
    );
    expect(rowOf('satisfaction-table', 'Pensez-vous que ce rendez-vous va vous aider ?')).toBe(
      '1121',
    );
    expect(screen.getByTestId('months-chart').getAttribute('aria-label')).toMatch(
      /février 2026 : 1 réalisé\(s\), 0 en cours, 1 absence\(s\)/,
    );
  });

  it('follows the period filter', async () => {
    await renderDashboard();
    fireEvent.change(screen.getByLabelText('Période'), { target: { value: 'all' } });
    await waitFor(() => expect(kpi('held')).toBe('5'));
    fireEvent.change(screen.getByLabelText('Période'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('Du'), { target: { value: '2026-03-01' } });
    await waitFor(() => expect(kpi('held')).toBe('2'));
    expect(kpi('absences')).toBe('0');
  });
});

describe('dashboard period errors', () => {
  it('names the field of a period ending before it starts, hides the figures and keeps the dates', async () => {
    await renderDashboard();
    fireEvent.change(screen.getByLabelText('Période'), { target: { value: 'custom' } });
    fireEvent.change(screen.getByLabelText('Du'), { target: { value: '2026-03-01' } });
    fireEvent.change(screen.getByLabelText('Au (inclus)'), { target: { value: '2026-02-01' } });
    const message = await screen.findByRole('alert');
    expect(message.textContent).toBe(
      'Au (inclus) : la date de fin est avant la date de début (« Du »)',
    );
    expect(screen.getByLabelText('Au (inclus)').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('period-error').textContent).toMatch(/^Période à corriger : Au/);
    expect(screen.queryByTestId('kpi-held')).toBeNull();
    expect(screen.getByTestId('dashboard-period').textContent).toBe('période à corriger');
    // Another preset and back: the dates are still there, and still wrong.
    fireEvent.change(screen.getByLabelText('Période'), { target: { value: 'all' } });
    await waitFor(() => expect(kpi('held')).toBe('5'));
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.change(screen.getByLabelText('Période'), { target: { value: 'custom' } });
    expect((screen.getByLabelText('Du') as HTMLInputElement).value).toBe('2026-03-01');
    expect((screen.getByLabelText('Au (inclus)') as HTMLInputElement).value).toBe('2026-02-01');
    await screen.findByRole('alert');
    // Corrected: the figures are back.
    fireEvent.change(screen.getByLabelText('Au (inclus)'), { target: { value: '2026-03-31' } });
    await waitFor(() => expect(kpi('held')).toBe('2'));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByTestId('period-error')).toBeNull();
  });
});
