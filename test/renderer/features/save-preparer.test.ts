import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterNextPaint, SavePreparer } from '../../../renderer/features/interview/save-preparer';
import {
  createDatabase,
  identityCodec,
  prepareInterview,
  type InterviewDocument,
  type PreparedInterview,
} from '../../../renderer/storage';
import { sampleInterview } from '../helpers';

function edit(synthesis: string): InterviewDocument {
  return { interview: { ...sampleInterview(), synthesis }, formDrafts: {} };
}

/** A preparer whose "next paint" and preparations the test runs by hand. */
function setup() {
  const paints: (() => void)[] = [];
  const asked: InterviewDocument[] = [];
  const answers: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const reported: string[] = [];
  const preparer = new SavePreparer(
    (doc) => {
      asked.push(doc);
      return new Promise<PreparedInterview>((resolve, reject) =>
        answers.push({
          resolve: () =>
            resolve({
              doc,
              encoded: {
                payload: { codec: 'identity', data: doc },
                summary: { codec: 'identity', data: null },
              },
            }),
          reject,
        }),
      );
    },
    (prepared) => reported.push(prepared.doc.interview.synthesis),
    (run) => paints.push(run),
  );
  const paint = () => paints.splice(0).forEach((run) => run());
  return { preparer, paint, asked, answers, reported };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('SavePreparer', () => {
  it('prepares an edit after the next paint, once', async () => {
    const { preparer, paint, asked, answers, reported } = setup();
    const doc = edit('a');
    preparer.stage(doc);
    expect(asked).toEqual([]);
    paint();
    expect(asked).toEqual([doc]);
    // The save asks for the preparation already running: no second one.
    const forSave = preparer.for(doc);
    expect(asked).toHaveLength(1);
    answers[0]?.resolve();
    expect((await forSave)?.doc).toBe(doc);
    expect(reported).toEqual(['a']);
  });

  it('starts at once the preparation a save needs before the paint', () => {
    const { preparer, asked } = setup();
    const doc = edit('a');
    preparer.stage(doc);
    expect(preparer.for(doc)).toBeInstanceOf(Promise);
    expect(asked).toEqual([doc]);
  });

  it('prepares only the latest of the edits made between two paints', async () => {
    const { preparer, paint, asked, answers, reported } = setup();
    const older = edit('a');
    const latest = edit('ab');
    preparer.stage(older);
    preparer.stage(latest);
    paint();
    expect(asked).toEqual([latest]);
    // An older document is not the latest edit: its save prepares it itself.
    expect(preparer.for(older)).toBeUndefined();
    answers[0]?.resolve();
    await settle();
    expect(reported).toEqual(['ab']);
  });

  it('never reports an older preparation after a newer one', async () => {
    const { preparer, paint, answers, reported } = setup();
    preparer.stage(edit('a'));
    paint();
    preparer.stage(edit('ab'));
    paint();
    answers[1]?.resolve();
    await settle();
    answers[0]?.resolve();
    await settle();
    expect(reported).toEqual(['ab']);
  });

  it('prepares again after a failure (a session locked meanwhile)', async () => {
    const { preparer, paint, asked, answers } = setup();
    const doc = edit('a');
    preparer.stage(doc);
    paint();
    answers[0]?.reject(new Error('locked'));
    await expect(preparer.for(doc)).rejects.toThrow('locked');
    const retry = preparer.for(doc);
    expect(asked).toEqual([doc, doc]);
    answers[1]?.resolve();
    expect((await retry)?.doc).toBe(doc);
  });
});

describe('afterNextPaint', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('runs once, after the frame, when the page draws', () => {
    vi.useFakeTimers();
    const frames: (() => void)[] = [];
    vi.stubGlobal('requestAnimationFrame', (f: () => void) => frames.push(f));
    const run = vi.fn();
    afterNextPaint(run);
    vi.advanceTimersByTime(0);
    expect(run).not.toHaveBeenCalled();
    frames.splice(0).forEach((f) => f());
    vi.advanceTimersByTime(0);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(200);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('runs anyway after 100 ms when no frame comes (a hidden page)', () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', () => 0);
    const run = vi.fn();
    afterNextPaint(run);
    vi.advanceTimersByTime(99);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
  });
});

describe('prepareInterview', () => {
  it('refuses an invalid document, naming the field', async () => {
    const ctx = { db: createDatabase({ name: 'unused' }), codec: identityCodec, now: () => '' };
    const invalid = edit('a');
    (invalid.interview as { date: unknown }).date = 'demain';
    await expect(prepareInterview(ctx, invalid)).rejects.toThrow(/date/);
  });
});
