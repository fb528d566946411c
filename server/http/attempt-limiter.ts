/**
 * Failed attempts per client within a fixed window (the enrolment route: a one-time code must not
 * be guessable by trying many). Successful attempts are not counted. Memory is bounded: at most
 * `maxClients` clients are tracked; expired windows go first, then the oldest.
 */

export interface AttemptLimiterOptions {
  /** Failed attempts allowed per client and window. */
  maxFailures: number;
  windowMs: number;
  maxClients?: number;
}

export type AttemptDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface AttemptLimiter {
  /** May this client try now? */
  check(client: string, nowMs: number): AttemptDecision;
  /** Counts a failed attempt of this client. */
  fail(client: string, nowMs: number): void;
  /** How many clients are tracked (for tests of the memory bound). */
  readonly size: number;
}

export const ENROL_ATTEMPTS: AttemptLimiterOptions = {
  maxFailures: 10,
  windowMs: 15 * 60 * 1000,
  maxClients: 10_000,
};

export function createAttemptLimiter(options: AttemptLimiterOptions): AttemptLimiter {
  const maxClients = options.maxClients ?? 10_000;
  const windows = new Map<string, { startMs: number; failures: number }>();

  const current = (client: string, nowMs: number) => {
    const entry = windows.get(client);
    if (entry === undefined || nowMs - entry.startMs >= options.windowMs) return null;
    return entry;
  };

  function makeRoom(nowMs: number): void {
    for (const [client, entry] of windows) {
      if (nowMs - entry.startMs >= options.windowMs) windows.delete(client);
    }
    // Still full: forget the oldest windows (Map keeps insertion order).
    for (const client of windows.keys()) {
      if (windows.size < maxClients) break;
      windows.delete(client);
    }
  }

  return {
    check(client, nowMs) {
      const entry = current(client, nowMs);
      if (entry === null || entry.failures < options.maxFailures) return { allowed: true };
      const waitMs = entry.startMs + options.windowMs - nowMs;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    },
    fail(client, nowMs) {
      const entry = current(client, nowMs);
      if (entry !== null) {
        entry.failures += 1;
        return;
      }
      windows.delete(client);
      if (windows.size >= maxClients) makeRoom(nowMs);
      windows.set(client, { startMs: nowMs, failures: 1 });
    },
    get size() {
      return windows.size;
    },
  };
}
