import { describe, expect, it } from 'vitest';
import { createIdleLock, DEFAULT_IDLE_LOCK_MS } from '../../../renderer/security/idle-lock';
import {
  BASE_DELAY_MS,
  FREE_ATTEMPTS,
  initialThrottle,
  MAX_DELAY_MS,
  recordFailure,
  recordSuccess,
  waitBeforeAttempt,
} from '../../../renderer/security/pin-throttle';

/** A fake clock whose timers fire when time is advanced. */
function fakeClock() {
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  return {
    deps: {
      now: () => now,
      setTimer: (fn: () => void, ms: number) => {
        const id = nextId++;
        timers.push({ at: now + ms, fn, id });
        return id;
      },
      clearTimer: (id: unknown) => {
        timers = timers.filter((t) => t.id !== id);
      },
    },
    advance(ms: number) {
      const target = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.fn();
      }
      now = target;
    },
  };
}

describe('idle lock', () => {
  it('locks after 5 minutes without activity by default', () => {
    const clock = fakeClock();
    const reasons: string[] = [];
    const lock = createIdleLock(DEFAULT_IDLE_LOCK_MS, (r) => reasons.push(r), clock.deps);
    clock.advance(DEFAULT_IDLE_LOCK_MS - 1);
    expect(lock.isLocked()).toBe(false);
    clock.advance(1);
    expect(lock.isLocked()).toBe(true);
    expect(reasons).toEqual(['idle']);
  });

  it('restarts the countdown on activity', () => {
    const clock = fakeClock();
    const lock = createIdleLock(1000, () => undefined, clock.deps);
    clock.advance(900);
    lock.activity();
    clock.advance(900);
    expect(lock.isLocked()).toBe(false);
    clock.advance(100);
    expect(lock.isLocked()).toBe(true);
  });

  it('locks at once on system suspend, once, and counts again after unlocking', () => {
    const clock = fakeClock();
    const reasons: string[] = [];
    const lock = createIdleLock(1000, (r) => reasons.push(r), clock.deps);
    lock.lockNow('suspend');
    lock.lockNow('suspend');
    expect(reasons).toEqual(['suspend']);
    lock.activity();
    expect(lock.isLocked()).toBe(true);
    lock.unlock();
    clock.advance(999);
    expect(lock.isLocked()).toBe(false);
    clock.advance(1);
    expect(reasons).toEqual(['suspend', 'idle']);
  });
});

describe('PIN throttle', () => {
  it('lets the first attempts through, then doubles the wait up to a ceiling', () => {
    let state = initialThrottle();
    const waits: number[] = [];
    for (let i = 0; i < FREE_ATTEMPTS + 12; i++) {
      state = recordFailure(state, 1_000);
      waits.push(waitBeforeAttempt(state, 1_000));
    }
    expect(waits.slice(0, FREE_ATTEMPTS)).toEqual([0, 0, 0]);
    expect(waits[FREE_ATTEMPTS]).toBe(BASE_DELAY_MS);
    expect(waits[FREE_ATTEMPTS + 1]).toBe(BASE_DELAY_MS * 2);
    expect(Math.max(...waits)).toBe(MAX_DELAY_MS);
    expect(waitBeforeAttempt(state, 1_000 + MAX_DELAY_MS)).toBe(0);
    expect(recordSuccess()).toEqual(initialThrottle());
  });
});
