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
    // The dialog is named by its visible title; the focus is on the question it asks.
    const screenForPerson = await screen.findByRole('dialog', {
      name: 'Votre avis sur ce rendez-vous',
    });
    const person = within(screenForPerson);
    expect(person.getByText('Question 1 sur 3')).toBeTruthy();
    const question = () => person.getByRole('heading', { level: 3 });
    await waitFor(() => expect(document.activeElement).toBe(question()));
    expect(question().textContent).toMatch(/écouté/);
    fireEvent.click(person.getByRole('button', { name: 'Tout à fait' }));
    // The next question takes the focus (not the button of the same place).
    expect(question().textContent).toMatch(/bien compris/);
    await waitFor(() => expect(document.activeElement).toBe(question()));
    fireEvent.click(person.getByRole('button', { name: 'Passer' }));
    // Back one question: its answer is shown pressed, and can be changed.
    fireEvent.click(person.getByRole('button', { name: '← Question précédente' }));
    expect(question().textContent).toMatch(/bien compris/);
    expect(person.getByRole('button', { name: 'Passer' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    fireEvent.click(person.getByRole('button', { name: 'Passer' }));
    fireEvent.click(person.getByRole('button', { name: 'Plutôt non' }));
    const thanks = person.getByRole('heading', { level: 3, name: 'Merci pour vos réponses.' });
    await waitFor(() => expect(document.activeElement).toBe(thanks));
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

  it('shows a closed interview’s answers read-only', () => {
    const interview = sampleInterview();
    interview.attendance.beneficiary = 'present';
    interview.status = 'closed';
    interview.satisfaction = {
      beneficiary: { listened: 3, understood: 'skipped', useful: null },
      professionals: { peAdvisor: 4, cdProfessional: 'skipped' },
    };
    const store = new InterviewDraftStore(
      { interview, formDrafts: {} },
      {
        save: () => Promise.reject(new Error('a closed interview is not saved')),
        now: () => new Date().toISOString(),
      },
    );
    render(<Harness store={store} />);
    expect(screen.queryByRole('button', { name: 'Tourner l’écran vers la personne' })).toBeNull();
    const state = screen.getByTestId('satisfaction-beneficiary-state').textContent ?? '';
    expect(state).toMatch(/écouté\(e\) \? — Plutôt oui/);
    expect(state).toMatch(/maintenant \? — passée/);
    expect(state).toMatch(/aider \? — pas encore posée/);
    const pe = screen.getByRole('group', { name: /Conseiller France Travail : Tout à fait/ });
    expect(
      within(pe).getByRole('button', { name: 'Tout à fait' }).getAttribute('aria-pressed'),
    ).toBe('true');
    for (const button of screen.getAllByRole('button')) {
      expect((button as HTMLButtonElement).disabled).toBe(true);
    }
  });
});
