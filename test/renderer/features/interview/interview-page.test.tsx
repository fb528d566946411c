// @vitest-environment happy-dom
/**
 * The interview page keeps typing cheap: a keystroke in a free-text field re-evaluates neither
 * the orientation nor the closing list, while a criteria answer still updates the panel.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Domain from '../../../../shared/domain';
import type * as Engine from '../../../../shared/orientation';
import { InterviewPage } from '../../../../renderer/features/interview/InterviewPage';
import { loadInterview, saveInterview } from '../../../../renderer/storage';
import { baseInterview } from '../../../fixtures/interviews';
import { freshFactory, open } from '../../helpers';
import { servicesFor, WithServices } from '../services-harness';

const { calls, counted } = vi.hoisted(() => {
  const calls = { evaluateOrientation: 0, findMissing: 0 };
  const counted =
    <A extends unknown[], R>(name: keyof typeof calls, run: (...args: A) => R) =>
    (...args: A): R => {
      calls[name] += 1;
      return run(...args);
    };
  return { calls, counted };
});

vi.mock('../../../../shared/orientation', async (importOriginal) => {
  const original = await importOriginal<typeof Engine>();
  return {
    ...original,
    evaluateOrientation: counted('evaluateOrientation', original.evaluateOrientation),
  };
});
vi.mock('../../../../shared/domain', async (importOriginal) => {
  const original = await importOriginal<typeof Domain>();
  return { ...original, findMissing: counted('findMissing', original.findMissing) };
});

beforeEach(() => {
  calls.evaluateOrientation = 0;
  calls.findMissing = 0;
});
afterEach(cleanup);

async function openPage() {
  const storage = await open(freshFactory());
  const interview = baseInterview();
  await saveInterview(storage, { interview, formDrafts: {} });
  render(
    <WithServices services={servicesFor(storage, interview.date)}>
      <InterviewPage id={interview.id} />
    </WithServices>,
  );
  await screen.findByRole('heading', { level: 1, name: /^Co-diagnostic/ });
  return { storage, id: interview.id };
}

describe('the interview page while they type', () => {
  it('neither evaluates the orientation nor lists what closing needs again for a synthesis keystroke', async () => {
    const { storage, id } = await openPage();
    expect(screen.getByTestId('computed-dominante').textContent).toBe('Dominante emploi');
    expect(calls.evaluateOrientation).toBeGreaterThan(0);
    const evaluated = calls.evaluateOrientation;
    const listed = calls.findMissing;

    const synthesis = screen.getByRole('textbox', { name: 'Synthèse du diagnostic' });
    const text = 'Souhaite reprendre une formation';
    for (let i = 1; i <= text.length; i++) {
      fireEvent.change(synthesis, { target: { value: text.slice(0, i) } });
    }

    expect(calls.evaluateOrientation).toBe(evaluated);
    expect(calls.findMissing).toBe(listed);
    // Still saved as typed (draft-store semantics unchanged).
    await waitFor(async () =>
      expect((await loadInterview(storage, id))?.interview.synthesis).toBe(text),
    );
  });

  it('follows a criteria answer in the orientation panel', async () => {
    await openPage();
    const evaluated = calls.evaluateOrientation;
    fireEvent.click(screen.getByLabelText('Pas disponible'));
    await waitFor(() =>
      expect(screen.getByTestId('computed-dominante').textContent).toBe('Dominante remobilisation'),
    );
    expect(calls.evaluateOrientation).toBeGreaterThan(evaluated);
  });
});
