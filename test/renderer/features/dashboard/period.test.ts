import { describe, expect, it } from 'vitest';
import { customPeriodErrors, periodOf } from '../../../../renderer/features/dashboard/period';

describe('the dashboard’s chosen dates', () => {
  it('accepts open, one-sided and ordered periods, and a single day', () => {
    expect(customPeriodErrors({ from: '', to: '' })).toEqual({});
    expect(customPeriodErrors({ from: '2026-01-01', to: '' })).toEqual({});
    expect(customPeriodErrors({ from: '', to: '2026-01-01' })).toEqual({});
    expect(customPeriodErrors({ from: '2026-01-01', to: '2026-01-01' })).toEqual({});
  });

  it('names the end of a period that ends before it starts', () => {
    expect(customPeriodErrors({ from: '2026-03-01', to: '2026-02-28' })).toEqual({
      to: 'la date de fin est avant la date de début (« Du »)',
    });
  });

  it('reports a partly typed date rather than reading it as an open bound', () => {
    expect(customPeriodErrors({ from: '', to: '2026-02-28' }, { from: true })).toEqual({
      from: 'date incomplète (jour, mois et année attendus)',
    });
    // Once the input holds a whole date, the mark no longer matters.
    expect(customPeriodErrors({ from: '2026-01-01', to: '' }, { from: true })).toEqual({});
  });

  it('rejects a date that does not exist', () => {
    expect(customPeriodErrors({ from: '2026-02-30', to: '2026-03-01' })).toEqual({
      from: 'cette date n’existe pas',
    });
  });

  it('reads the presets on a given day', () => {
    expect(periodOf('quarter', '2026-05-20')).toEqual({ from: '2026-04-01', to: '2026-05-20' });
    expect(periodOf('last-12-months', '2026-05-20')).toEqual({
      from: '2025-05-21',
      to: '2026-05-20',
    });
  });
});
