import { describe, expect, it } from 'vitest';
import {
  computeIndicators,
  INDICATOR_CSV_HEADER,
  indicatorReportsToCsv,
  indicatorRows,
} from '../../../shared/indicators';
import { NORD_2023 } from '../../../shared/referential';
import { parseCsv, UTF8_BOM } from '../../../shared/util/csv';
import { recordOf } from './helpers';

const report = computeIndicators(
  [
    recordOf({
      id: 'a1',
      person: 'A',
      date: '2026-01-15',
      opened: '2026-01-05',
      dominante: 'emploi',
      cohort: 'stock',
    }),
    recordOf({
      id: 'b1',
      person: 'B',
      date: '2026-01-20',
      opened: '2026-01-10',
      attendance: 'absent',
    }),
  ],
  NORD_2023,
  { period: { from: '2026-01-01', to: '2026-01-31' } },
);

describe('indicator rows', () => {
  it('gives one row per value, with a unique stable code', () => {
    const rows = indicatorRows(report);
    const codes = rows.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    const value = (code: string) => rows.find((r) => r.code === code)?.value;
    expect(value('attendance.held')).toBe(1);
    expect(value('attendance.absenceRate')).toBe(50);
    expect(value('split.stock.emploi.share')).toBe(100);
    expect(value('split.stock.emploi.gap')).toBe(50);
    expect(value('byMonth.2026-01.absent')).toBe(1);
    expect(value('delayToFirstAction.median')).toBeNull();
    expect(rows.every((r) => r.from === '2026-01-01' && r.to === '2026-01-31')).toBe(true);
  });

  it('writes a CSV for a French spreadsheet: BOM, « ; », decimal comma, empty for no value', () => {
    const csv = indicatorReportsToCsv([report], { separator: ';', bom: true });
    expect(csv.startsWith(`${UTF8_BOM}${INDICATOR_CSV_HEADER.join(';')}\r\n`)).toBe(true);
    const records = parseCsv(csv).records.map((r) => r.cells);
    const row = (code: string) => records.find((cells) => cells[3] === code);
    expect(row('delayToFirstInterview.mean')?.[5]).toBe('10');
    expect(row('satisfaction.beneficiary.listened.average')?.[5]).toBe('');
    expect(row('attendance.absenceRate')?.slice(5)).toEqual(['50', '%']);
    expect(records.slice(1).every((cells) => cells.length === INDICATOR_CSV_HEADER.length)).toBe(
      true,
    );
  });
});
