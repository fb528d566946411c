/**
 * Slows down repeated wrong PINs: after a few free attempts each failure doubles the wait, up to
 * a ceiling. The state is stored with the wrapped key, so reloading the page does not reset it.
 */

export interface ThrottleState {
  failures: number;
  /** Epoch milliseconds before which no new attempt is accepted. */
  blockedUntil: number;
}

export const FREE_ATTEMPTS = 3;
export const BASE_DELAY_MS = 2_000;
export const MAX_DELAY_MS = 15 * 60_000;

export const initialThrottle = (): ThrottleState => ({ failures: 0, blockedUntil: 0 });

/** Milliseconds to wait before the next attempt is allowed (0: now). */
export function waitBeforeAttempt(state: ThrottleState, now: number): number {
  return Math.max(0, state.blockedUntil - now);
}

export function recordFailure(state: ThrottleState, now: number): ThrottleState {
  const failures = state.failures + 1;
  const over = failures - FREE_ATTEMPTS;
  const delay = over <= 0 ? 0 : Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (over - 1));
  return { failures, blockedUntil: now + delay };
}

export const recordSuccess = (): ThrottleState => initialThrottle();
