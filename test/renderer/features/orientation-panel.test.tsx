// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useMemo, useSyncExternalStore } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeInterview, seededRandom } from '../../../shared/demo/fake-people';
import { NORD_2023 } from '../../../shared/referential';
import { InterviewDraftStore } from '../../../renderer/features/interview/draft-store';
import { EmploymentSection } from '../../../renderer/features/interview/sections/EmploymentSection';
import { computeOrientation } from '../../../renderer/features/orientation/decision-form';
import { OrientationPanel } from '../../../renderer/features/orientation/OrientationPanel';

afterEach(cleanup);

function emploiInterview() {
  const interview = fakeInterview(seededRandom(1), 0, '2026-03-02', '2026-03-02T09:00:00.000Z');
  Object.assign(interview.employment, {
    availability: 'immediate',
    motivationWork: 'yes',
    motivationSupport: 'yes',
    autonomy: 'full',
    workSituation: 'job-seeking',
    neverWorked: false,
    lastJobDate: '2025-12-01',
  });
  interview.identity.rsaRightsOpenedOn = '2026-02-20';
  for (const b of Object.values(interview.barriers)) b.severity = 'none';
  return interview;
}

function Harness({ store }: { store: InterviewDraftStore }) {
  const { doc } = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const orientation = useMemo(() => computeOrientation(doc.interview, NORD_2023), [doc.interview]);
  return (
    <>
      <EmploymentSection store={store} referential={NORD_2023} />
      <OrientationPanel store={store} orientation={orientation} referential={NORD_2023} />
    </>
  );
}

function setup() {
  const store = new InterviewDraftStore(
    { interview: emploiInterview(), formDrafts: {} },
    { save: () => new Promise(() => undefined), now: () => new Date().toISOString() },
  );
  render(<Harness store={store} />);
  return store;
}

describe('orientation panel', () => {
  it('shows the computed dominante and follows the answers as they are given', async () => {
    const store = setup();
    const dominante = screen.getByTestId('computed-dominante');
    expect(dominante.textContent).toBe('Dominante emploi');
    fireEvent.click(screen.getByLabelText('Pas disponible'));
    await waitFor(() => expect(dominante.textContent).toBe('Dominante remobilisation'));
    expect(store.getSnapshot().doc.interview.employment.availability).toBe('unavailable');
    expect(
      screen.getByText(`Référentiel ${NORD_2023.id}, version ${NORD_2023.version}`),
    ).toBeTruthy();
  });

  it('lists the missing answers instead of guessing', async () => {
    setup();
    fireEvent.change(screen.getByLabelText('Situation professionnelle'), { target: { value: '' } });
    await waitFor(() =>
      expect(screen.getByTestId('computed-dominante').textContent).toMatch(/pas encore calculable/),
    );
    expect(screen.getByText('Situation professionnelle', { selector: 'li' })).toBeTruthy();
  });

  it('asks for a written justification when the professionals override, keeping the computed one', async () => {
    const store = setup();
    fireEvent.change(screen.getByLabelText('Dominante retenue'), {
      target: { value: 'equilibre' },
    });
    const justification = await screen.findByLabelText(/Justification de la dérogation/);
    expect(
      screen.getByText(/la dominante calculée \(Dominante emploi\) est conservée/),
    ).toBeTruthy();
    fireEvent.change(justification, { target: { value: 'trop court' } });
    await waitFor(() =>
      expect(screen.getByTestId('decision-status').textContent).toMatch(/au moins 20 caractères/),
    );
    fireEvent.click(screen.getByLabelText(/Binôme conseiller France Travail/));
    fireEvent.change(justification, {
      target: { value: 'Garde d’enfant à organiser avant toute reprise, vu ensemble.' },
    });
    await waitFor(() =>
      expect(screen.getByTestId('decision-status').textContent).toMatch(/Décision complète/),
    );
    const decision = store.getSnapshot().doc.interview.decision;
    expect(decision).toMatchObject({
      computed: { dominante: 'emploi' },
      finalDominante: 'equilibre',
      override: { dominante: 'equilibre' },
      referentStructureId: 'binome-pe-cd',
      weeklyHours: { mode: 'standard', hours: 15 },
    });
  });
});
