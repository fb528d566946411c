// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useSyncExternalStore } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { SatisfactionPanel } from '../../../renderer/features/closing/SatisfactionPanel';
import { InterviewDraftStore } from '../../../renderer/features/interview/draft-store';
import { loadInterview, saveInterview } from '../../../renderer/storage';
import { freshFactory, open, sampleInterview } from '../helpers';

afterEach(cleanup);

function Harness({ store }: { store: InterviewDraftStore }) {
  const { doc } = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return <SatisfactionPanel store={store} interview={doc.interview} />;
}

describe('satisfaction questions', () => {
  it('saves the person’s answers, a skipped question and each professional’s answer', async () => {
    const storage = await open(freshFactory());
    const interview = sampleInterview();
    interview.attendance.beneficiary = 'present';
    await saveInterview(storage, { interview, formDrafts: {} });
    const store = new InterviewDraftStore(
      { interview, formDrafts: {} },
      { save: (d) => saveInterview(storage, d), now: () => new Date().toISOString() },
    );
    render(<Harness store={store} />);

    fireEvent.click(screen.getByRole('button', { name: 'Tourner l’écran vers la personne' }));
    const screenForPerson = await screen.findByRole('dialog');
    const person = within(screenForPerson);
    expect(person.getByText('Question 1 sur 3')).toBeTruthy();
    fireEvent.click(person.getByRole('button', { name: 'Tout à fait' }));
    expect(person.getByRole('heading').textContent).toMatch(/bien compris/);
    fireEvent.click(person.getByRole('button', { name: 'Passer' }));
    fireEvent.click(person.getByRole('button', { name: 'Plutôt non' }));
    fireEvent.click(person.getByRole('button', { name: 'Rendre l’écran aux professionnels' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    const pe = screen.getByRole('group', { name: /Conseiller France Travail/ });
    fireEvent.click(within(pe).getByRole('button', { name: 'Plutôt oui' }));
    const cd = screen.getByRole('group', { name: /Professionnel du Département/ });
    fireEvent.click(within(cd).getByRole('button', { name: 'Passer' }));
    expect(
      within(pe).getByRole('button', { name: 'Plutôt oui' }).getAttribute('aria-pressed'),
    ).toBe('true');

    await store.flush();
    const saved = await loadInterview(storage, interview.id);
    expect(saved?.interview.satisfaction).toEqual({
      beneficiary: { listened: 4, understood: 'skipped', useful: 2 },
      professionals: { peAdvisor: 3, cdProfessional: 'skipped' },
    });
    expect(screen.getByTestId('satisfaction-beneficiary-state').textContent).toMatch(
      /aider \? — Plutôt non/,
    );
  });
});
