/** Tests of the single-instance hand-over and of the lock notification on suspend. */
import { describe, expect, it, vi } from 'vitest';
import { LOCKING_POWER_EVENTS, createLockNotifier } from '../../electron/main/lock-notifier';
import { decideStartup, focusExistingWindow } from '../../electron/main/single-instance';
import { LOCK_EVENT_CHANNEL } from '../../shared/ipc/contract';

describe('single instance', () => {
  it.each([
    [true, 'continue'],
    [false, 'quit'],
  ] as const)('lock obtained %s → %s', (gotLock, decision) => {
    expect(decideStartup(gotLock)).toBe(decision);
  });

  it('restores and focuses the existing window on a second launch', () => {
    const window = {
      isDestroyed: () => false,
      isMinimized: () => true,
      restore: vi.fn(),
      show: vi.fn(),
      focus: vi.fn(),
    };
    expect(focusExistingWindow(window)).toBe(true);
    expect(window.restore).toHaveBeenCalledOnce();
    expect(window.focus).toHaveBeenCalledOnce();
  });

  it('does nothing without a live window', () => {
    expect(focusExistingWindow(null)).toBe(false);
  });
});

describe('lock notifier', () => {
  it('locks on suspend and on screen lock', () => {
    expect(LOCKING_POWER_EVENTS).toEqual({ suspend: 'suspend', 'lock-screen': 'lock-screen' });
  });

  it('tells every live window to lock, with the reason', () => {
    const live = { isDestroyed: () => false, send: vi.fn() };
    const dead = { isDestroyed: () => true, send: vi.fn() };
    expect(createLockNotifier(() => [live, dead]).notify('suspend')).toBe(1);
    expect(live.send).toHaveBeenCalledWith(LOCK_EVENT_CHANNEL, { reason: 'suspend' });
    expect(dead.send).not.toHaveBeenCalled();
  });
});
