/**
 * The interview records that indicators and the evaluation export read (Annexe D, Annexe 8 of the
 * convention): only the latest version of each interview counts (a correction of a closed interview
 * is a new version that supersedes the previous one), a period filters on the interview's date, and
 * the server tags each record with its territory to group by.
 */
import type { Interview } from '../domain/interview';
import type { IsoDate } from '../util/dates';

export interface IndicatorRecord {
  interview: Interview;
  /** The territory the server files the record under; absent on the laptop. */
  territory?: string | null;
}

/** Inclusive bounds on the interview date; a null bound is open. */
export interface Period {
  from: IsoDate | null;
  to: IsoDate | null;
}

export const OPEN_PERIOD: Period = { from: null, to: null };

export function isInPeriod(date: IsoDate, period: Period): boolean {
  return (period.from === null || date >= period.from) && (period.to === null || date <= period.to);
}

/** Leaves out every version that a later version of the same interview supersedes. */
export function latestVersions<T extends { interview: Interview }>(records: readonly T[]): T[] {
  const superseded = new Set<string>();
  for (const r of records) {
    if (r.interview.previousVersionId !== null) superseded.add(r.interview.previousVersionId);
  }
  const byId = new Map<string, T>();
  for (const r of records) {
    if (superseded.has(r.interview.id)) continue;
    const seen = byId.get(r.interview.id);
    // The same id twice (a record pulled twice): the higher version wins.
    if (!seen || r.interview.version > seen.interview.version) byId.set(r.interview.id, r);
  }
  return [...byId.values()];
}

/** Chronological order of a person's interviews: date, then closing time, then creation time. */
export function compareInterviews(a: Interview, b: Interview): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  const ac = a.closedAt ?? a.createdAt;
  const bc = b.closedAt ?? b.createdAt;
  if (ac !== bc) return ac < bc ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A diagnostic that counts: closed, the beneficiary present, with an orientation decision. */
export function isDiagnostic(interview: Interview): boolean {
  return (
    interview.status === 'closed' &&
    interview.attendance.beneficiary === 'present' &&
    interview.decision !== null
  );
}
