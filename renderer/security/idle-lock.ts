/**
 * Locks the app after a period without user activity (default 5 minutes) and when the system
 * suspends or the screen locks (Electron tells the renderer). The clock and timers are injected so
 * the logic is tested without waiting.
 */

export const DEFAULT_IDLE_LOCK_MS = 5 * 60_000;

export interface IdleLockDeps {
  now: () => number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
}

export interface IdleLock {
  /** Call on every user input (key, pointer, scroll). */
  activity(): void;
  /** Lock now (system suspend, screen lock, "Verrouiller" button). */
  lockNow(reason: 'idle' | 'suspend' | 'manual'): void;
  unlock(): void;
  isLocked(): boolean;
  dispose(): void;
}

export function createIdleLock(
  timeoutMs: number,
  onLock: (reason: 'idle' | 'suspend' | 'manual') => void,
  deps: IdleLockDeps,
): IdleLock {
  let locked = false;
  let lastActivity = deps.now();
  let timer: unknown = null;

  const arm = (ms: number) => {
    if (timer !== null) deps.clearTimer(timer);
    timer = deps.setTimer(check, ms);
  };
  function check() {
    timer = null;
    if (locked) return;
    const idle = deps.now() - lastActivity;
    if (idle >= timeoutMs) lock('idle');
    else arm(timeoutMs - idle);
  }
  function lock(reason: 'idle' | 'suspend' | 'manual') {
    if (locked) return;
    locked = true;
    if (timer !== null) deps.clearTimer(timer);
    timer = null;
    onLock(reason);
  }
  arm(timeoutMs);
  return {
    activity() {
      if (!locked) lastActivity = deps.now();
    },
    lockNow: lock,
    unlock() {
      locked = false;
      lastActivity = deps.now();
      arm(timeoutMs);
    },
    isLocked: () => locked,
    dispose() {
      if (timer !== null) deps.clearTimer(timer);
      timer = null;
    },
  };
}
