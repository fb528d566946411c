// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { InterviewDraftStore } from '../../../renderer/features/interview/draft-store';
import { BACK_TO_SAVED, SaveStatusLine } from '../../../renderer/features/interview/SaveStatusLine';
import { sampleInterview } from '../helpers';

afterEach(cleanup);

/** A draft store whose saves fail while `failing` is set, with timers the test never fires. */
function setup() {
  const state = { failing: false };
  let t = 0;
  const store = new InterviewDraftStore(
    { interview: sampleInterview(), formDrafts: {} },
    {
      save: (d) =>
        state.failing
          ? Promise.reject(new DOMException('full', 'QuotaExceededError'))
          : Promise.resolve({ savedAt: d.interview.updatedAt, outboxSeq: 'pending:interview:x' }),
      now: () => new Date(Date.UTC(2026, 2, 2, 10, 0, t++)).toISOString(),
      setTimer: () => 0,
      clearTimer: () => undefined,
    },
  );
  const type = (text: string) =>
    act(() => {
      store.update((d) => ({ ...d, interview: { ...d.interview, synthesis: text } }));
    });
  return { store, state, type };
}

describe('SaveStatusLine', () => {
  it('shows every save without making screen readers speak after each pause', async () => {
    const { store, type } = setup();
    render(<SaveStatusLine store={store} />);
    type('a');
    await act(() => store.flush());
    const line = screen.getByTestId('save-status');
    expect(line.textContent).toMatch(/^Enregistré à /);
    expect(line.closest('[aria-live], [role="status"], [role="alert"]')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('alerts on a failure and announces the first save that succeeds after it', async () => {
    const { store, state, type } = setup();
    render(<SaveStatusLine store={store} />);
    state.failing = true;
    type('a');
    await act(() => store.flush());
    expect(screen.getByRole('alert').textContent).toMatch(/plus assez de place/);
    expect(screen.getByRole('status').textContent).toBe('');

    state.failing = false;
    await act(() => store.flush());
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe(BACK_TO_SAVED);
    expect(screen.getByTestId('save-status').textContent).toMatch(/^Enregistré à /);
  });
});
