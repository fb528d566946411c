import { describe, expect, it, vi } from 'vitest';
import {
  DEBOUNCE_MS,
  EditedElsewhereError,
  InterviewDraftStore,
  isReadOnly,
  ReadOnlyInterviewError,
} from '../../../renderer/features/interview/draft-store';
import {
  applySectionForm,
  formValuesFor,
  SECTIONS,
} from '../../../renderer/features/interview/section-forms';
import { StorageFailure, type InterviewDocument } from '../../../renderer/storage';
import { sampleInterview } from '../helpers';

function doc(): InterviewDocument {
  return { interview: sampleInterview(), formDrafts: {} };
}

function setup(save: (d: InterviewDocument) => Promise<unknown>) {
  vi.useFakeTimers();
  let t = 0;
  const saved: InterviewDocument[] = [];
  const store = new InterviewDraftStore(doc(), {
    save: async (d) => {
      await save(d);
      saved.push(d);
      return { savedAt: d.interview.updatedAt, outboxSeq: saved.length };
    },
    now: () => new Date(Date.UTC(2026, 2, 2, 10, 0, t++)).toISOString(),
  });
  const type = (text: string) =>
    store.update((d) => ({ ...d, interview: { ...d.interview, synthesis: text } }));
  return { store, saved, type };
}

describe('autosave', () => {
  it('saves once, within the debounce, however fast they type', async () => {
    const { store, saved, type } = setup(() => Promise.resolve());
    for (const text of ['a', 'ab', 'abc', 'abcd']) type(text);
    expect(store.getSnapshot().status.state).toBe('pending');
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(saved.map((d) => d.interview.synthesis)).toEqual(['abcd']);
    expect(store.getSnapshot().status).toMatchObject({ state: 'saved', errorMessage: null });
    expect(store.getSnapshot().status.lastSavedAt).toBe(saved[0]?.interview.updatedAt);
    vi.useRealTimers();
  });

  it('flushes at once when asked (blur, page hidden)', async () => {
    const { store, saved, type } = setup(() => Promise.resolve());
    type('x');
    await store.flush();
    expect(saved).toHaveLength(1);
    vi.useRealTimers();
  });

  it('keeps the edit through a full disk, says so in French, and retries until it is saved', async () => {
    let full = true;
    const { store, saved, type } = setup(() =>
      full ? Promise.reject(new DOMException('no space', 'QuotaExceededError')) : Promise.resolve(),
    );
    type('une phrase importante');
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(store.getSnapshot().status.state).toBe('error');
    expect(store.getSnapshot().status.errorMessage).toMatch(/plus assez de place/);
    expect(store.getSnapshot().doc.interview.synthesis).toBe('une phrase importante');
    type('une phrase importante, et la suite');
    full = false;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(saved.at(-1)?.interview.synthesis).toBe('une phrase importante, et la suite');
    expect(store.getSnapshot().status.state).toBe('saved');
    expect(store.isDirty).toBe(false);
    vi.useRealTimers();
  });

  it('saves the edit made while a save was running right after it', async () => {
    let release: () => void = () => undefined;
    const { store, saved, type } = setup(() => new Promise<void>((resolve) => (release = resolve)));
    type('premier');
    const first = store.flush();
    type('premier, second');
    release();
    await first;
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    release();
    await vi.runAllTimersAsync();
    expect(saved.map((d) => d.interview.synthesis)).toEqual(['premier', 'premier, second']);
    vi.useRealTimers();
  });

  it('writes the journal synchronously when the page goes away with unsaved text', () => {
    const journal = vi.fn();
    const store = new InterviewDraftStore(doc(), {
      save: () => new Promise(() => undefined),
      now: () => '2026-03-02T10:00:00.000Z',
      writeJournal: journal,
    });
    store.update((d) => ({ ...d, interview: { ...d.interview, synthesis: 'au revoir' } }));
    store.flushOnExit();
    expect(journal).toHaveBeenCalledWith(
      expect.objectContaining({ interview: expect.objectContaining({ synthesis: 'au revoir' }) }),
    );
  });

  it('refuses edits to a closed interview', () => {
    const closed = doc();
    closed.interview.status = 'closed';
    const store = new InterviewDraftStore(closed, { save: vi.fn(), now: () => '' });
    expect(() => store.update((d) => d)).toThrow(ReadOnlyInterviewError);
  });

  it('classifies failures as StorageFailure for the UI', () => {
    expect(new StorageFailure('quota', 'x').kind).toBe('quota');
  });
});

describe('another window edits the interview', () => {
  it('hands over: stops taking edits, then saves what was pending', async () => {
    const { store, saved, type } = setup(() => Promise.resolve());
    type('tapé juste avant');
    const handedOver = store.handOver();
    // Read-only at once: nothing typed from now on can be lost in the hand-over.
    expect(isReadOnly(store.getSnapshot())).toBe(true);
    expect(store.getSnapshot().editingElsewhere).toBe(true);
    expect(() => type('trop tard')).toThrow(EditedElsewhereError);
    await handedOver;
    expect(saved.map((d) => d.interview.synthesis)).toEqual(['tapé juste avant']);
    expect(store.getSnapshot().status.state).toBe('saved');
    vi.useRealTimers();
  });

  it('writes nothing more after a hand-over whose save failed (no retry over the other window)', async () => {
    let attempts = 0;
    const { store, saved, type } = setup(() => {
      attempts += 1;
      return Promise.reject(new DOMException('no space', 'QuotaExceededError'));
    });
    type('non enregistré');
    await store.handOver();
    expect(attempts).toBe(1);
    expect(store.getSnapshot().status.state).toBe('error');
    await vi.advanceTimersByTimeAsync(60_000);
    await store.flush();
    expect(attempts).toBe(1);
    expect(saved).toEqual([]);
    // The text stays on screen (in the snapshot), read-only.
    expect(store.getSnapshot().doc.interview.synthesis).toBe('non enregistré');
    vi.useRealTimers();
  });

  it('when the lock was taken without a hand-over, saves nothing more, even on leaving', async () => {
    const { store, saved, type } = setup(() => Promise.resolve());
    type('pas encore enregistré');
    store.editedElsewhere();
    expect(store.isReadOnly).toBe(true);
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS * 2);
    await store.flush();
    expect(saved).toEqual([]);
    vi.useRealTimers();
  });

  it('opens read-only when another window already edits it', () => {
    const store = new InterviewDraftStore(doc(), { save: vi.fn(), now: () => '' }, null, true);
    expect(store.isReadOnly).toBe(true);
    expect(() => store.update((d) => d)).toThrow(EditedElsewhereError);
  });
});

describe('section forms', () => {
  it('stores valid fields at once and keeps a half-typed one as raw text', () => {
    const start = doc();
    const values = formValuesFor(SECTIONS.identity, start);
    const next = applySectionForm(SECTIONS.identity, start, {
      ...values,
      email: 'alix@',
      dependentChildren: 2,
    });
    expect(next.interview.identity.dependentChildren).toBe(2);
    expect(next.interview.identity.email).toBe(start.interview.identity.email);
    expect(next.formDrafts['identity.email']).toBe('alix@');
    expect(formValuesFor(SECTIONS.identity, next).email).toBe('alix@');
    const fixed = applySectionForm(SECTIONS.identity, next, {
      ...formValuesFor(SECTIONS.identity, next),
      email: 'alix@exemple.fr',
    });
    expect(fixed.interview.identity.email).toBe('alix@exemple.fr');
    expect(fixed.formDrafts).toEqual({});
  });

  it('returns the same document when nothing changed', () => {
    const start = doc();
    expect(
      applySectionForm(SECTIONS.employment, start, formValuesFor(SECTIONS.employment, start)),
    ).toBe(start);
  });

  it('confirms a declared answer when a professional changes it', () => {
    const start = doc();
    start.interview.declaredUnconfirmed = ['workSituation', 'educationLevel'];
    const next = applySectionForm(SECTIONS.employment, start, {
      ...formValuesFor(SECTIONS.employment, start),
      workSituation: 'at-home',
    });
    expect(next.interview.declaredUnconfirmed).toEqual(['educationLevel']);
  });

  it('turns an empty professional into null and records an absence only when absent', () => {
    const start = doc();
    const next = applySectionForm(SECTIONS.attendance, start, {
      peAdvisor: { name: 'Conseiller Démo', role: 'pe-advisor' },
      cdProfessional: { name: '  ', role: 'cd-coach' },
      beneficiary: 'present',
      absence: { suspensionNoticeGiven: true, justificationDeadline: '2026-07-02', comment: '' },
    });
    expect(next.interview.attendance).toEqual({
      peAdvisor: { name: 'Conseiller Démo', role: 'pe-advisor' },
      cdProfessional: null,
      beneficiary: 'present',
      absence: null,
    });
  });
});
