/**
 * Calendar arithmetic on ISO dates (`YYYY-MM-DD`), in UTC and without a clock: the deadlines of
 * the convention (15 days, 6 weeks, 4 weeks, 4 months) and the parcours dates are computed here.
 */
import { z } from 'zod';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const IsoDateSchema = z
  .string()
  .regex(ISO_DATE, 'expected a date as YYYY-MM-DD')
  .refine((s) => isValidIsoDate(s), 'expected a real calendar date');
export type IsoDate = string;

export const IsoDateTimeSchema = z.iso.datetime({ offset: true });

function isValidIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

function parts(date: IsoDate): [number, number, number] {
  const m = ISO_DATE.exec(date);
  if (!m || !isValidIsoDate(date)) throw new RangeError(`not an ISO date: ${JSON.stringify(date)}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function format(dt: Date): IsoDate {
  return dt.toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = parts(date);
  return format(new Date(Date.UTC(y, m - 1, d + days)));
}

/** Adds calendar months; the 31 January plus one month is the last day of February. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = parts(date);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return format(new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))));
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

/** Whole months elapsed from `from` to `to` (negative if `to` is earlier). */
export function monthsBetween(from: IsoDate, to: IsoDate): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  let months = (y2 - y1) * 12 + (m2 - m1);
  if (months > 0 && d2 < d1 && addMonths(from, months) > to) months -= 1;
  if (months < 0 && d2 > d1) months += 1;
  return months;
}

/** Age in whole years on a given day. */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  return Math.floor(monthsBetween(birthDate, on) / 12);
}

/** The date part of an ISO date-time, as written (no time-zone conversion). */
export function datePart(dateTime: string): IsoDate {
  return dateTime.slice(0, 10);
}

const FRENCH_MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const;

/** `2026-03-01` → `1er mars 2026`, as a contract writes it. */
export function formatFrenchDate(date: IsoDate): string {
  const [y, m, d] = parts(date);
  return `${d === 1 ? '1er' : String(d)} ${FRENCH_MONTHS[m - 1]} ${y}`;
}
