/**
 * Nothing typed is lost when the window closes. The renderer saves an edit within 300 ms, but a
 * window closed inside that gap would end the renderer before its IndexedDB transaction is even
 * issued (encryption comes first), and the page's session journal does not outlive the app. So
 * the first `close` of a window is held back: the renderer is asked to save what is pending
 * (`window:close-request`), and the window closes when it answers (`window:flushed`) or after
 * `timeoutMs`, whichever comes first — a hung renderer never keeps the app open.
 */
import { CLOSE_REQUEST_CHANNEL } from '../../shared/ipc/channels';

/** How long a window waits for its renderer to save before closing anyway. */
export const CLOSE_FLUSH_TIMEOUT_MS = 6_000;

export interface GuardedWindow {
  readonly id: number;
  isDestroyed(): boolean;
  /** Sends an event to the window's renderer. */
  send(channel: string): void;
  /** Closes the window (emits `close` again, which the guard then lets through). */
  close(): void;
}

export interface CloseGuardOptions {
  timeoutMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface CloseGuard {
  /** From the window's `close` event: true when the close was held back (preventDefault it). */
  holdClose(win: GuardedWindow): boolean;
  /** The renderer of `windowId` has saved: returns true when a held close now proceeds. */
  flushed(windowId: number): boolean;
  /** The window is gone: forget it. */
  forget(windowId: number): void;
}

export function createCloseGuard(options: CloseGuardOptions = {}): CloseGuard {
  const timeoutMs = options.timeoutMs ?? CLOSE_FLUSH_TIMEOUT_MS;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer =
    options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  /** Windows whose renderer was asked to save, with the timer that closes them anyway. */
  const waiting = new Map<number, { win: GuardedWindow; timer: unknown }>();
  /** Windows allowed to close (their next `close` event goes through). */
  const released = new Set<number>();

  function release(windowId: number): boolean {
    const entry = waiting.get(windowId);
    if (entry === undefined) return false;
    waiting.delete(windowId);
    clearTimer(entry.timer);
    released.add(windowId);
    if (!entry.win.isDestroyed()) entry.win.close();
    return true;
  }

  return {
    holdClose(win) {
      if (released.has(win.id) || win.isDestroyed()) return false;
      // A second click on the close button while saving: keep waiting, do not ask twice.
      if (waiting.has(win.id)) return true;
      waiting.set(win.id, { win, timer: setTimer(() => release(win.id), timeoutMs) });
      win.send(CLOSE_REQUEST_CHANNEL);
      return true;
    },
    flushed: release,
    forget(windowId) {
      const entry = waiting.get(windowId);
      if (entry !== undefined) clearTimer(entry.timer);
      waiting.delete(windowId);
      released.delete(windowId);
    },
  };
}
