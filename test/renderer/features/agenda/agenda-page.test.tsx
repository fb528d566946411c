// @vitest-environment happy-dom
/**
 * The agenda lists the interviews in progress and those waiting for the sync from their
 * summaries: names shown, closed and synced ones left out, an unreadable summary shown as such.
 */
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AgendaPage } from '../../../../renderer/features/agenda/AgendaPage';
import { saveInterview } from '../../../../renderer/storage';
import { freshFactory, NOW, open, sampleInterview, TODAY } from '../../helpers';
import { servicesFor, WithServices } from '../services-harness';

afterEach(cleanup);

describe('the agenda', () => {
  it('lists drafts and closed interviews waiting for the sync by name, the synced ones not at all', async () => {
    const storage = await open(freshFactory());
    const older = { ...sampleInterview(0), updatedAt: '2026-03-01T08:00:00.000Z' };
    const newer = { ...sampleInterview(1), updatedAt: '2026-03-02T08:00:00.000Z' };
    const waiting = { ...sampleInterview(2), status: 'closed' as const, closedAt: NOW };
    const synced = { ...sampleInterview(3), status: 'closed' as const, closedAt: NOW };
    for (const interview of [older, newer, waiting, synced]) {
      await saveInterview(storage, { interview, formDrafts: {} });
    }
    await storage.db.outbox.delete(`pending:interview:${synced.id}`);
    await storage.db.interviewSummaries.update(older.id, {
      payload: { codec: 'identity', data: { garbage: true } },
    });

    render(
      <WithServices services={servicesFor(storage, TODAY)}>
        <AgendaPage />
      </WithServices>,
    );

    const drafts = await screen.findByRole('table', { name: 'Entretiens en cours' });
    const names = within(drafts)
      .getAllByRole('rowheader')
      .map((cell) => cell.textContent);
    // Most recent first; the unreadable one is shown, never dropped.
    expect(names[0]).toBe(`${newer.identity.lastName} ${newer.identity.firstName}`);
    expect(names[1]).toMatch(/^Entretien illisible/);
    const unsynced = screen.getByRole('table', {
      name: 'Entretiens clôturés en attente de synchronisation',
    });
    expect(within(unsynced).getByRole('rowheader').textContent).toBe(
      `${waiting.identity.lastName} ${waiting.identity.firstName}`,
    );
    expect(screen.queryByText(synced.identity.lastName, { exact: false })).toBeNull();
    expect(performance.getEntriesByName('codiag:agenda-load', 'mark').length).toBeGreaterThan(0);
  });
});
