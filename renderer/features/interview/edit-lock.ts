/**
 * One window edits an interview at a time. Two tabs (or two windows) editing the same interview
 * would each save their own copy over the other's, and what was typed in one would be lost. The
 * first window to open an interview holds its edit lock (a Web Lock named after the database and
 * the interview); another window shows it read-only and can ask for it ("Modifier ici"): the
 * holder is asked over a BroadcastChannel to save what is pending and step down, then the lock
 * passes. If the holder does not answer (a hung page), the lock is taken from it after
 * HAND_OVER_TIMEOUT_MS and that window turns read-only without saving again, so it cannot write
 * over the new editor's work; its text stays on its screen.
 *
 * Locks are released by the browser when a page goes away or crashes, so a reload or a killed tab
 * never leaves an interview locked. Where Web Locks do not exist (component tests in happy-dom),
 * there is no guard: the window edits.
 */

export const HAND_OVER_TIMEOUT_MS = 5_000;
/**
 * How long opening waits for a lock held elsewhere before showing the interview read-only: a page
 * reloaded (or closed) a moment ago still holds it until the browser has let its document go.
 */
export const OPEN_WAIT_MS = 1_500;

/** What the holder of the lock is told to do. */
export interface EditLockHolder {
  /** Another window asks to edit: save what is pending and stop editing (then the lock passes). */
  handOver: () => Promise<void>;
  /** The lock was taken without a hand-over (this window did not answer): stop editing now. */
  lost: () => void;
}

export type EditAccess =
  /** This window edits; `release` lets go of the lock (page left). */
  | { kind: 'editing'; release: () => void }
  /** Another window edits this interview. */
  | { kind: 'elsewhere' }
  /** No Web Locks here: nothing to coordinate. */
  | { kind: 'unguarded'; release: () => void };

interface HandOverMessage {
  type: 'hand-over';
  lock: string;
}

/** A lock this page holds, shared by the views of the same interview (interview, contract). */
interface HeldLock {
  holder: EditLockHolder | null;
  letGo: () => void;
  /** Pending release once no view uses it: a view opened meanwhile keeps the lock. */
  releaseTimer: ReturnType<typeof setTimeout> | null;
}

/**
 * The locks this page holds. Going from the interview to its contract closes one view and opens
 * the other; releasing the Web Lock and requesting it again would race (the release reaches the
 * browser on another channel than the request), so the page keeps it for a moment instead.
 */
const heldHere = new Map<string, HeldLock>();

export class EditLocks {
  constructor(
    /** The database's name: two databases (demo, tests) never share a lock. */
    private readonly database: string,
    private readonly locks: LockManager | undefined = globalThis.navigator?.locks,
    private readonly openChannel: (name: string) => BroadcastChannel | undefined = (name) =>
      typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(name),
    private readonly timeoutMs = HAND_OVER_TIMEOUT_MS,
  ) {}

  /** Edit rights if no other window holds them. */
  async open(id: string, holder: EditLockHolder): Promise<EditAccess> {
    if (!this.locks) return { kind: 'unguarded', release: () => undefined };
    const kept = this.reuse(id, holder);
    if (kept) return kept;
    return (await this.waitFor(id, OPEN_WAIT_MS, holder))
      ? this.editing(id, holder)
      : { kind: 'elsewhere' };
  }

  /**
   * Edit rights, asked from the window that holds them: it saves and steps down. Taken from it
   * when it has not answered within the timeout.
   */
  async takeOver(id: string, holder: EditLockHolder): Promise<EditAccess> {
    if (!this.locks) return { kind: 'unguarded', release: () => undefined };
    const kept = this.reuse(id, holder);
    if (kept) return kept;
    const name = this.lockName(id);
    const channel = this.openChannel(this.channelName());
    try {
      channel?.postMessage({ type: 'hand-over', lock: name } satisfies HandOverMessage);
    } finally {
      channel?.close();
    }
    if (!(await this.waitFor(id, this.timeoutMs, holder))) {
      await this.hold(id, { steal: true }, holder);
    }
    return this.editing(id, holder);
  }

  private lockName(id: string): string {
    return `codiag:edit:${this.database}:${id}`;
  }

  private channelName(): string {
    return `codiag:edit:${this.database}`;
  }

  /** Whether the lock was granted within `ms`. */
  private async waitFor(id: string, ms: number, holder: EditLockHolder): Promise<boolean> {
    const signal = AbortSignal.timeout(ms);
    try {
      await this.hold(id, { signal }, holder);
      return true;
    } catch (error) {
      if (signal.aborted) return false;
      throw error;
    }
  }

  /** The lock this page still holds for the interview, now for `holder`. */
  private reuse(id: string, holder: EditLockHolder): EditAccess | null {
    const held = heldHere.get(this.lockName(id));
    if (!held) return null;
    if (held.releaseTimer !== null) clearTimeout(held.releaseTimer);
    held.releaseTimer = null;
    held.holder = holder;
    return this.editing(id, holder);
  }

  /** Edit rights for `holder`; releasing them lets the lock go unless another view takes it. */
  private editing(id: string, holder: EditLockHolder): EditAccess {
    const name = this.lockName(id);
    return {
      kind: 'editing',
      release: () => {
        const held = heldHere.get(name);
        if (!held || held.holder !== holder) return;
        held.holder = null;
        held.releaseTimer = setTimeout(held.letGo, 0);
      },
    };
  }

  /**
   * Requests the lock (waiting for it, or stealing it); once granted, keeps it until released,
   * handed over or stolen, and answers the hand-over requests of other windows meanwhile. Rejects
   * when the request is aborted (its signal) before the lock is granted.
   */
  private hold(id: string, options: LockOptions, holder: EditLockHolder): Promise<void> {
    const locks = this.locks as LockManager;
    const name = this.lockName(id);
    return new Promise<void>((granted, notGranted) => {
      let held: HeldLock | null = null;
      locks
        .request(name, options, () => {
          let channel = this.openChannel(this.channelName());
          const kept: HeldLock = { holder, letGo: () => undefined, releaseTimer: null };
          held = kept;
          const released = new Promise<void>((done) => {
            kept.letGo = () => {
              if (heldHere.get(name) === kept) heldHere.delete(name);
              channel?.close();
              channel = undefined;
              done();
            };
          });
          if (channel) {
            channel.onmessage = (event: MessageEvent<HandOverMessage>) => {
              if (event.data?.type !== 'hand-over' || event.data.lock !== name) return;
              // Whatever happens while saving, the lock passes: the other window is waiting.
              const current = kept.holder;
              void (current ? current.handOver() : Promise.resolve()).finally(kept.letGo);
            };
          }
          heldHere.set(name, kept);
          granted();
          return released;
        })
        .catch((error: unknown) => {
          if (!held) return notGranted(error);
          // Granted earlier, then stolen by a window that waited in vain for a hand-over.
          const current = held.holder;
          held.letGo();
          current?.lost();
        });
    });
  }
}
