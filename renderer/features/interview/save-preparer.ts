/**
 * Prepares the save of the latest edit — validation and encryption (`prepareInterview`) — after
 * the frame that shows it, so that neither the keystroke nor the save that follows pays for it:
 * the keystroke is drawn first, and a save (a pause in typing, a blur) finds its rows ready and
 * writes them at once. While they type faster than the page draws, only the latest edit is
 * prepared. The ciphertext prepared is also the session journal's copy (InterviewJournal.keep).
 */
import type { InterviewDocument, PreparedInterview } from '../../storage';

interface Staged {
  doc: InterviewDocument;
  seq: number;
  result: Promise<PreparedInterview> | null;
}

export class SavePreparer {
  private latest: Staged | null = null;
  private seq = 0;
  private reported = 0;
  /** A paint is awaited: the edits made meanwhile are prepared together, as the latest. */
  private waiting = false;

  constructor(
    private readonly prepare: (doc: InterviewDocument) => Promise<PreparedInterview>,
    /** Called with each preparation done, newest last (older ones finishing late are skipped). */
    private readonly onPrepared: (prepared: PreparedInterview) => void,
    private readonly later: (run: () => void) => void = afterNextPaint,
  ) {}

  /** A new edit: prepared after the next paint, unless a newer edit comes first. */
  stage(doc: InterviewDocument): void {
    this.latest = { doc, seq: ++this.seq, result: null };
    if (this.waiting) return;
    this.waiting = true;
    this.later(() => {
      this.waiting = false;
      if (this.latest) void this.start(this.latest).catch(() => undefined);
    });
  }

  /**
   * The preparation of `doc` (started now if it was waiting for the paint), or undefined when
   * `doc` is not the latest edit staged: then the caller prepares it itself.
   */
  for(doc: InterviewDocument): Promise<PreparedInterview> | undefined {
    return this.latest?.doc === doc ? this.start(this.latest) : undefined;
  }

  private start(staged: Staged): Promise<PreparedInterview> {
    if (staged.result) return staged.result;
    const result = this.prepare(staged.doc);
    staged.result = result;
    result.then(
      (prepared) => {
        if (staged.seq <= this.reported) return;
        this.reported = staged.seq;
        this.onPrepared(prepared);
      },
      // Locked meanwhile, or invalid: the save that asks for it gets the error, and a later
      // attempt (after the unlock) prepares it again.
      () => {
        staged.result = null;
      },
    );
    return result;
  }
}

/** Runs `run` once the next frame is drawn (or after 100 ms: a hidden page draws no frame). */
export function afterNextPaint(run: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    run();
  };
  const fallback = setTimeout(once, 100);
  if (typeof requestAnimationFrame === 'function') {
    requestAnimationFrame(() => setTimeout(once, 0));
  }
}
