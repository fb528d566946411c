/** French number formats of the dashboard: a null indicator (a share over nothing) reads « — ». */
const NUMBER = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

export const NOT_COMPUTABLE = '—';

export function formatNumber(value: number | null): string {
  return value === null ? NOT_COMPUTABLE : NUMBER.format(value);
}

export function formatPercent(value: number | null): string {
  return value === null ? NOT_COMPUTABLE : `${NUMBER.format(value)} %`;
}

export function formatDays(value: number | null): string {
  if (value === null) return NOT_COMPUTABLE;
  return `${NUMBER.format(value)} jour${Math.abs(value) >= 2 ? 's' : ''}`;
}

/** « +3,5 points », « −10 points »: the gap of a share to its target. */
export function formatPoints(value: number | null): string {
  if (value === null) return NOT_COMPUTABLE;
  const sign = value > 0 ? '+' : value < 0 ? '−' : '';
  return `${sign}${NUMBER.format(Math.abs(value))} point${Math.abs(value) >= 2 ? 's' : ''}`;
}

/** `2026-03` → « mars 2026 ». */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, 1).toLocaleDateString('fr-FR', {
    month: 'long',
    year: 'numeric',
  });
}
