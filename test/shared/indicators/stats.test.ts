import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { median, medianOfCounts } from '../../../shared/indicators/stats';

describe('medianOfCounts', () => {
  it('is the median of the values the histogram spells out', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ value: fc.integer({ min: -30, max: 400 }), count: fc.nat(6) }), {
          maxLength: 20,
        }),
        (histogram) => {
          const values = histogram.flatMap((h) => Array<number>(h.count).fill(h.value));
          expect(medianOfCounts(histogram)).toBe(median(values));
        },
      ),
    );
  });

  it('takes the mean of the two middle values of an even count, and null for none', () => {
    expect(
      medianOfCounts([
        { value: 10, count: 1 },
        { value: 3, count: 1 },
      ]),
    ).toBe(6.5);
    expect(
      medianOfCounts([
        { value: 4, count: 3 },
        { value: 1, count: 0 },
      ]),
    ).toBe(4);
    expect(medianOfCounts([{ value: 4, count: 0 }])).toBeNull();
    expect(medianOfCounts([])).toBeNull();
  });
});
