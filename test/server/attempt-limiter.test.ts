/** Tests of the failed-attempt limiter behind POST /enrol (pure: the clock is passed in). */
import { describe, expect, it } from 'vitest';
import { createAttemptLimiter } from '../../server/http/attempt-limiter';

const MINUTE = 60_000;

describe('attempt limiter', () => {
  it('refuses a client after maxFailures failures in the window, until the window ends', () => {
    const limiter = createAttemptLimiter({ maxFailures: 3, windowMs: 15 * MINUTE });
    for (let i = 0; i < 3; i++) {
      expect(limiter.check('10.0.0.1', i * MINUTE)).toEqual({ allowed: true });
      limiter.fail('10.0.0.1', i * MINUTE);
    }
    expect(limiter.check('10.0.0.1', 3 * MINUTE)).toEqual({
      allowed: false,
      retryAfterSeconds: 12 * 60,
    });
    // Another address is not affected.
    expect(limiter.check('10.0.0.2', 3 * MINUTE)).toEqual({ allowed: true });
    // The window started with the first failure: 15 minutes later, a new one begins.
    expect(limiter.check('10.0.0.1', 15 * MINUTE)).toEqual({ allowed: true });
    limiter.fail('10.0.0.1', 15 * MINUTE);
    expect(limiter.check('10.0.0.1', 15 * MINUTE + 1)).toEqual({ allowed: true });
  });

  it('never answers a wait of less than one second', () => {
    const limiter = createAttemptLimiter({ maxFailures: 1, windowMs: 1_000 });
    limiter.fail('a', 0);
    expect(limiter.check('a', 999.9)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('tracks at most maxClients addresses, dropping expired windows first, then the oldest', () => {
    const limiter = createAttemptLimiter({ maxFailures: 1, windowMs: 10 * MINUTE, maxClients: 3 });
    limiter.fail('old', 0);
    limiter.fail('b', 9 * MINUTE);
    limiter.fail('c', 9 * MINUTE);
    // 'old' has expired at 10 min: it goes, the others stay blocked.
    limiter.fail('d', 10 * MINUTE);
    expect(limiter.size).toBe(3);
    expect(limiter.check('b', 10 * MINUTE).allowed).toBe(false);
    expect(limiter.check('d', 10 * MINUTE).allowed).toBe(false);
    // Nothing expired: the oldest live window ('b') is forgotten.
    limiter.fail('e', 11 * MINUTE);
    expect(limiter.size).toBe(3);
    expect(limiter.check('b', 11 * MINUTE).allowed).toBe(true);
    expect(limiter.check('e', 11 * MINUTE).allowed).toBe(false);
  });
});
