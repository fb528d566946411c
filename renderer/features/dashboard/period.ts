/**
 * The dashboard's period filter (Annexe D indicators are reported by period): a few presets
 * relative to today, or two dates chosen by the professional. Bounds are inclusive, as
 * `computeIndicators` reads them.
 */
import type { Period } from '../../../shared/indicators';
import { addDays, IsoDateSchema, type IsoDate } from '../../../shared/util/dates';
import { assertNever } from '../../../shared/util/assert';

export const PERIOD_PRESETS = [
  'month',
  'quarter',
  'year',
  'last-12-months',
  'all',
  'custom',
] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export const PERIOD_PRESET_LABELS = {
  month: 'Ce mois-ci',
  quarter: 'Ce trimestre',
  year: 'Cette année',
  'last-12-months': 'Les 12 derniers mois',
  all: 'Tout l’historique de cet ordinateur',
  custom: 'Dates choisies',
} as const satisfies Record<PeriodPreset, string>;

const pad = (n: number) => String(n).padStart(2, '0');

/** The period a preset stands for on `today`; `custom` takes the dates given (empty: open). */
export function periodOf(
  preset: PeriodPreset,
  today: IsoDate,
  custom: { from: string | null; to: string | null } = { from: null, to: null },
): Period {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  switch (preset) {
    case 'month':
      return { from: `${year}-${pad(month)}-01`, to: today };
    case 'quarter':
      return { from: `${year}-${pad(month - ((month - 1) % 3))}-01`, to: today };
    case 'year':
      return { from: `${year}-01-01`, to: today };
    case 'last-12-months':
      return { from: addDays(`${year - 1}-${today.slice(5)}`, 1), to: today };
    case 'all':
      return { from: null, to: null };
    case 'custom':
      return { from: custom.from || null, to: custom.to || null };
    default:
      return assertNever(preset);
  }
}

/** « du 1 janvier 2026 au 31 mars 2026 », « depuis … », « jusqu’au … », or the whole history. */
export function describePeriod(period: Period, format: (d: IsoDate) => string): string {
  if (period.from && period.to) return `du ${format(period.from)} au ${format(period.to)}`;
  if (period.from) return `depuis le ${format(period.from)}`;
  if (period.to) return `jusqu’au ${format(period.to)}`;
  return 'sur tout l’historique de cet ordinateur';
}

export type PeriodField = 'from' | 'to';

/** The labels of the two date fields, as the errors name them. */
export const PERIOD_FIELD_LABELS = {
  from: 'Du',
  to: 'Au (inclus)',
} as const satisfies Record<PeriodField, string>;

/**
 * What is wrong with the chosen dates, per field, in French (without the field's label, which the
 * form puts in front). `incomplete` marks a date input holding a partly typed date: the browser
 * then reports an empty value, which must not silently read as an open bound.
 */
export function customPeriodErrors(
  dates: { from: string; to: string },
  incomplete: Partial<Record<PeriodField, boolean>> = {},
): Partial<Record<PeriodField, string>> {
  const errors: Partial<Record<PeriodField, string>> = {};
  for (const field of ['from', 'to'] as const) {
    const value = dates[field];
    if (incomplete[field] && value === '') {
      errors[field] = 'date incomplète (jour, mois et année attendus)';
    } else if (value !== '' && !IsoDateSchema.safeParse(value).success) {
      errors[field] = 'cette date n’existe pas';
    }
  }
  if (!errors.from && !errors.to && dates.from !== '' && dates.to !== '' && dates.to < dates.from) {
    errors.to = `la date de fin est avant la date de début (« ${PERIOD_FIELD_LABELS.from} »)`;
  }
  return errors;
}
