/** Small descriptive statistics for the indicators (Annexe D): median, mean, shares in percent. */

/** The median; the mean of the two middle values for an even count; null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return round1(values.reduce((sum, v) => sum + v, 0) / values.length);
}

/** `part` of `whole` in percent, to one decimal; null when the whole is zero. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : round1((100 * part) / whole);
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** How many times a value occurs (the database's answer for a distribution of days). */
export interface ValueCount {
  value: number;
  count: number;
}

/** `median` of the values a histogram describes, without spelling them out. */
export function medianOfCounts(histogram: readonly ValueCount[]): number | null {
  const sorted = histogram.filter((h) => h.count > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, h) => sum + h.count, 0);
  if (total === 0) return null;
  /** The value at 0-based index k of the sorted values. */
  const at = (k: number): number => {
    let seen = 0;
    for (const h of sorted) {
      seen += h.count;
      if (k < seen) return h.value;
    }
    throw new Error(`medianOfCounts: index ${k} beyond ${total} values`);
  };
  const mid = Math.floor(total / 2);
  return total % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

/**
 * A distribution of delays in days (the indicators' delays to the first interview and to the
 * first action), given as a histogram: a negative delay is inconsistent (dates typed wrong),
 * counted apart and left out of the figures.
 */
export function delayStatsOfCounts(histogram: readonly ValueCount[]) {
  const valid = histogram.filter((h) => h.value >= 0 && h.count > 0);
  const count = valid.reduce((sum, h) => sum + h.count, 0);
  const sum = valid.reduce((total, h) => total + h.value * h.count, 0);
  const values = valid.map((h) => h.value);
  return {
    count,
    inconsistent: histogram.reduce((n, h) => (h.value < 0 ? n + h.count : n), 0),
    median: medianOfCounts(valid),
    mean: count === 0 ? null : round1(sum / count),
    min: count === 0 ? null : Math.min(...values),
    max: count === 0 ? null : Math.max(...values),
  };
}
