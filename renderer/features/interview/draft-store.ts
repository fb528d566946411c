/**
 * The interview being typed, held in memory and saved continuously: every change is applied at
 * once (the orientation panel follows as they type) and written within DEBOUNCE_MS as one
 * transaction; a failed save keeps the pending edit, retries with backoff and says so in French.
 * Nothing typed is ever dropped: until a save succeeds the edit stays in memory (and in the
 * encrypted session journal when the page goes away or the session locks).
 */
import {
  interviewContext,
  isStoredPayload,
  type InterviewDocument,
  type PayloadCodec,
  type SaveResult,
  type StoredPayload,
} from '../../storage';
import { classifyStorageError } from '../../storage/errors';

export const DEBOUNCE_MS = 300;
/** The User Timing mark set when a save starts (the renderer bench times saves from it). */
export const SAVE_MARK = 'codiag:save';
const RETRY_MS = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000] as const;

export interface SaveStatus {
  state: 'saved' | 'pending' | 'saving' | 'error';
  /** ISO date-time of the last successful save. */
  lastSavedAt: string | null;
  /** French message of the last failure while it is not resolved. */
  errorMessage: string | null;
  attempt: number;
}

export interface DraftSnapshot {
  doc: InterviewDocument;
  status: SaveStatus;
  /**
   * Another window edits this interview (edit-lock.ts): this one shows it read-only, as it was
   * saved when this window opened it or stepped down.
   */
  editingElsewhere: boolean;
}

/** Read-only: closed (a correction creates a new version), or edited in another window. */
export const isReadOnly = (snapshot: DraftSnapshot): boolean =>
  snapshot.doc.interview.status === 'closed' || snapshot.editingElsewhere;

export interface DraftStoreDeps {
  save: (doc: InterviewDocument) => Promise<SaveResult>;
  now: () => string;
  /** Called on every edit with the new document: prepares its save in the background. */
  prepare?: (doc: InterviewDocument) => void;
  /** Called synchronously when the page goes away with unsaved changes. */
  writeJournal?: (doc: InterviewDocument) => void;
  clearJournal?: (id: string) => void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  onSaveError?: (error: unknown) => void;
}

export class EditedElsewhereError extends Error {
  constructor(id: string) {
    super(`interview ${id} is being edited in another window`);
    this.name = 'EditedElsewhereError';
  }
}

export class ReadOnlyInterviewError extends Error {
  constructor(id: string) {
    super(`interview ${id} is closed: a correction creates a new version`);
    this.name = 'ReadOnlyInterviewError';
  }
}

export class InterviewDraftStore {
  private snapshot: DraftSnapshot;
  private readonly listeners = new Set<() => void>();
  private timer: unknown = null;
  private inFlight: Promise<void> | null = null;
  /** Incremented on every edit; the save that carried the latest one makes the store clean. */
  private editSeq = 0;
  private savedSeq = 0;
  private disposed = false;
  /** Handed over or taken by another window: nothing more is written from this one. */
  private writesStopped = false;

  constructor(
    doc: InterviewDocument,
    private readonly deps: DraftStoreDeps,
    lastSavedAt: string | null = doc.interview.updatedAt,
    editingElsewhere = false,
  ) {
    this.snapshot = {
      doc,
      status: { state: 'saved', lastSavedAt, errorMessage: null, attempt: 0 },
      editingElsewhere,
    };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): DraftSnapshot => this.snapshot;

  get isDirty(): boolean {
    return this.editSeq !== this.savedSeq;
  }

  get isReadOnly(): boolean {
    return isReadOnly(this.snapshot);
  }

  /** Applies an edit now and schedules its save. Returns false when nothing changed. */
  update(edit: (doc: InterviewDocument) => InterviewDocument, options: { force?: boolean } = {}) {
    const current = this.snapshot.doc;
    if (this.snapshot.editingElsewhere) throw new EditedElsewhereError(current.interview.id);
    if (this.isReadOnly && !options.force) throw new ReadOnlyInterviewError(current.interview.id);
    const next = edit(current);
    if (next === current) return false;
    const stamped: InterviewDocument = {
      ...next,
      interview: { ...next.interview, updatedAt: this.deps.now() },
    };
    this.editSeq += 1;
    this.deps.prepare?.(stamped);
    this.set({
      ...this.snapshot,
      doc: stamped,
      status: { ...this.snapshot.status, state: this.stateWhenDirty() },
    });
    this.schedule(DEBOUNCE_MS);
    return true;
  }

  /** Saves now what is pending (blur, page hidden, before leaving, explicit actions). */
  flush(): Promise<void> {
    this.cancelTimer();
    if (!this.isDirty) return this.inFlight ?? Promise.resolve();
    return this.runSave();
  }

  /** When the page goes away: start the save and keep a synchronous copy in the journal. */
  flushOnExit(): void {
    if (!this.isDirty) return;
    this.deps.writeJournal?.(this.snapshot.doc);
    void this.flush();
  }

  /**
   * Before the session locks: keep the encrypted journal copy and write what is pending while the
   * data key is still in memory.
   */
  flushBeforeLock(): Promise<void> {
    if (this.isDirty) this.deps.writeJournal?.(this.snapshot.doc);
    return this.flush();
  }

  /**
   * Another window asks to edit this interview: stop taking edits, then save what is pending (the
   * other window loads the interview once this is done).
   */
  handOver(): Promise<void> {
    this.stopEditing();
    return this.flush().finally(() => {
      // Saved or not, nothing more is written from here (a retry would overwrite the other
      // window's work); an unsaved edit stays on screen, and its error with it.
      this.writesStopped = true;
      this.cancelTimer();
    });
  }

  /**
   * Another window took this interview without a hand-over (this one did not answer): stop taking
   * edits and write nothing more, which would overwrite the other window's work. What was not
   * saved stays on screen, read-only.
   */
  editedElsewhere(): void {
    this.cancelTimer();
    this.writesStopped = true;
    this.stopEditing();
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
    this.listeners.clear();
  }

  private stopEditing() {
    if (!this.snapshot.editingElsewhere) this.set({ ...this.snapshot, editingElsewhere: true });
  }

  private stateWhenDirty(): SaveStatus['state'] {
    return this.snapshot.status.state === 'error' ? 'error' : 'pending';
  }

  private set(snapshot: DraftSnapshot) {
    this.snapshot = snapshot;
    for (const listener of this.listeners) listener();
  }

  private schedule(ms: number) {
    this.cancelTimer();
    const setTimer = this.deps.setTimer ?? ((fn, delay) => setTimeout(fn, delay));
    this.timer = setTimer(() => {
      this.timer = null;
      void this.runSave();
    }, ms);
  }

  private cancelTimer() {
    if (this.timer !== null) {
      (this.deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>)))(
        this.timer,
      );
      this.timer = null;
    }
  }

  private runSave(): Promise<void> {
    if (this.writesStopped) return Promise.resolve();
    if (this.inFlight) {
      // One save at a time: the edit made meanwhile is saved right after.
      return this.inFlight.then(() => (this.isDirty ? this.runSave() : undefined));
    }
    const seq = this.editSeq;
    const doc = this.snapshot.doc;
    performance.mark(SAVE_MARK);
    this.set({ ...this.snapshot, status: { ...this.snapshot.status, state: 'saving' } });
    this.inFlight = this.deps
      .save(doc)
      .then(
        () => {
          this.savedSeq = Math.max(this.savedSeq, seq);
          const clean = !this.isDirty;
          if (clean) this.deps.clearJournal?.(doc.interview.id);
          this.set({
            ...this.snapshot,
            status: {
              state: clean ? 'saved' : 'pending',
              lastSavedAt: doc.interview.updatedAt,
              errorMessage: null,
              attempt: 0,
            },
          });
        },
        (error: unknown) => {
          this.deps.onSaveError?.(error);
          const failure = classifyStorageError(error);
          const attempt = this.snapshot.status.attempt + 1;
          this.set({
            ...this.snapshot,
            status: {
              ...this.snapshot.status,
              state: 'error',
              errorMessage: failure.userMessage,
              attempt,
            },
          });
          if (!this.disposed) {
            this.schedule(RETRY_MS[Math.min(attempt - 1, RETRY_MS.length - 1)] ?? 30_000);
          }
        },
      )
      .finally(() => {
        this.inFlight = null;
        if (this.isDirty && this.timer === null && this.snapshot.status.state !== 'error') {
          this.schedule(DEBOUNCE_MS);
        }
      });
    return this.inFlight;
  }
}

export const JOURNAL_PREFIX = 'codiag:journal:';

/**
 * The session journal: a copy of unsaved edits written synchronously to sessionStorage when the
 * page goes away (reload, tab closed, lock) in case the last IndexedDB transaction could not
 * finish. sessionStorage is written to disk by Chromium (session restore), so the copy is
 * ENCRYPTED with the data key like any record. WebCrypto is asynchronous and the exit path must be
 * synchronous: the journal keeps the ciphertext of the latest edit prepared for saving (the
 * interview row's payload, SavePreparer) and the exit path writes it. Read back (decrypted) and
 * cleared when the interview is opened again.
 */
export class InterviewJournal {
  private readonly kept = new Map<string, string>();

  constructor(
    private readonly codec: PayloadCodec,
    private readonly storage: () => Storage | undefined,
  ) {}

  /** Keeps the encrypted document (as stored in its interview row) for a later `write`. */
  keep(id: string, payload: StoredPayload): void {
    this.kept.set(id, JSON.stringify(payload));
  }

  /** Synchronous: writes the latest encrypted copy of this interview, if one is ready. */
  write(id: string): void {
    const text = this.kept.get(id);
    if (text === undefined) return;
    try {
      this.storage()?.setItem(JOURNAL_PREFIX + id, text);
    } catch {
      // A full session storage must not break the exit path; the IndexedDB save is still running.
    }
  }

  /**
   * The journal of this interview, decrypted; null when there is none or it cannot be read (then
   * it is removed). A clear copy left by a version before encryption is read once and removed.
   */
  async read(id: string): Promise<unknown> {
    const text = this.storage()?.getItem(JOURNAL_PREFIX + id);
    if (!text) return null;
    try {
      const parsed = JSON.parse(text) as unknown;
      if (!isStoredPayload(parsed)) {
        this.clear(id);
        return parsed;
      }
      return await this.codec
        .decode(parsed, interviewContext(id))
        // A journal written before it shared the save's ciphertext had a context of its own.
        .catch(() => this.codec.decode(parsed, { store: 'journal', id }));
    } catch {
      this.clear(id);
      return null;
    }
  }

  clear(id: string): void {
    this.kept.delete(id);
    try {
      this.storage()?.removeItem(JOURNAL_PREFIX + id);
    } catch {
      // Nothing to do: an unreadable storage holds no journal either.
    }
  }
}

/** Removes every journal (database reset: they belong to a database that no longer exists). */
export function clearAllJournals(storage: Storage | undefined): void {
  if (!storage) return;
  for (let i = storage.length - 1; i >= 0; i--) {
    const key = storage.key(i);
    if (key?.startsWith(JOURNAL_PREFIX)) storage.removeItem(key);
  }
}
