/** Tests of the window-close guard: the renderer saves what is pending before the window closes. */
import { describe, expect, it, vi } from 'vitest';
import { CLOSE_FLUSH_TIMEOUT_MS, createCloseGuard } from '../../electron/main/close-guard';
import { CLOSE_REQUEST_CHANNEL } from '../../shared/ipc/channels';

/** A fake window whose close() emits `close` again through the guard, as Electron does. */
function fakeWindow(guard: ReturnType<typeof createCloseGuard>, id = 1) {
  const state = { closed: false, destroyed: false, sent: [] as string[], held: 0 };
  const win = {
    id,
    isDestroyed: () => state.destroyed,
    send: (channel: string) => state.sent.push(channel),
    close: () => {
      if (guard.holdClose(win)) state.held += 1;
      else state.closed = true;
    },
  };
  return { win, state };
}

function manualTimers() {
  const timers = new Map<number, () => void>();
  let next = 0;
  return {
    setTimer: vi.fn((fn: () => void, _ms: number) => {
      next += 1;
      timers.set(next, fn);
      return next;
    }),
    clearTimer: vi.fn((handle: unknown) => timers.delete(handle as number)),
    fireAll: () => [...timers.values()].forEach((fn) => fn()),
    pending: () => timers.size,
  };
}

describe('close guard', () => {
  it('holds the first close, asks the renderer to save, and closes when it has saved', () => {
    const timers = manualTimers();
    const guard = createCloseGuard(timers);
    const { win, state } = fakeWindow(guard);
    win.close();
    expect(state).toMatchObject({ closed: false, held: 1, sent: [CLOSE_REQUEST_CHANNEL] });
    expect(timers.setTimer).toHaveBeenCalledWith(expect.any(Function), CLOSE_FLUSH_TIMEOUT_MS);
    expect(guard.flushed(win.id)).toBe(true);
    expect(state.closed).toBe(true);
    expect(timers.pending()).toBe(0);
  });

  it('closes anyway when the renderer does not answer in time', () => {
    const timers = manualTimers();
    const guard = createCloseGuard(timers);
    const { win, state } = fakeWindow(guard);
    win.close();
    timers.fireAll();
    expect(state.closed).toBe(true);
    // A late answer changes nothing.
    expect(guard.flushed(win.id)).toBe(false);
  });

  it('asks only once when the close button is pressed again while saving', () => {
    const timers = manualTimers();
    const guard = createCloseGuard(timers);
    const { win, state } = fakeWindow(guard);
    win.close();
    win.close();
    expect(state.sent).toEqual([CLOSE_REQUEST_CHANNEL]);
    expect(timers.setTimer).toHaveBeenCalledTimes(1);
    expect(state.closed).toBe(false);
  });

  it('ignores an answer from a window that was not closing', () => {
    const guard = createCloseGuard(manualTimers());
    const { win, state } = fakeWindow(guard);
    expect(guard.flushed(win.id)).toBe(false);
    expect(state.closed).toBe(false);
  });

  it('keeps windows apart and starts over for a window id that was forgotten', () => {
    const timers = manualTimers();
    const guard = createCloseGuard(timers);
    const a = fakeWindow(guard, 1);
    const b = fakeWindow(guard, 2);
    a.win.close();
    b.win.close();
    guard.flushed(1);
    expect([a.state.closed, b.state.closed]).toEqual([true, false]);
    guard.forget(1);
    guard.forget(2);
    expect(timers.pending()).toBe(0);
    const again = fakeWindow(guard, 1);
    again.win.close();
    expect(again.state.held).toBe(1);
  });

  it('lets a destroyed window go without asking', () => {
    const guard = createCloseGuard(manualTimers());
    const { win, state } = fakeWindow(guard);
    state.destroyed = true;
    expect(guard.holdClose(win)).toBe(false);
    expect(state.sent).toEqual([]);
  });
});
