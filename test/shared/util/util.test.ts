import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  ageOn,
  daysBetween,
  formatFrenchDate,
  IsoDateSchema,
  monthsBetween,
} from '../../../shared/util/dates';
import { canonicalJson, sha256Hex } from '../../../shared/util/sha256';

describe('sha256Hex', () => {
  it('matches Node’s SHA-256 on any text, including multi-byte characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      }),
    );
  });

  it('matches on lengths around the 64-byte block boundary', () => {
    for (let n = 50; n < 140; n++) {
      const text = 'é'.repeat(n % 7) + 'x'.repeat(n);
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text).digest('hex'));
    }
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level so equal data hashes equally', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe('dates', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-03-02', 3, '2026-06-02'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-05-15', -12, '2025-05-15'],
  ])('addMonths(%s, %i) = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-20', 15)).toBe('2027-01-04');
    expect(daysBetween('2026-02-20', '2026-03-02')).toBe(10);
  });

  it('counts whole months and ages on birthdays', () => {
    expect(monthsBetween('2026-01-15', '2026-02-14')).toBe(0);
    expect(monthsBetween('2026-01-15', '2026-02-15')).toBe(1);
    expect(ageOn('2000-03-02', '2026-03-01')).toBe(25);
    expect(ageOn('2000-03-02', '2026-03-02')).toBe(26);
  });

  it('writes dates the French way', () => {
    expect(formatFrenchDate('2026-03-01')).toBe('1er mars 2026');
    expect(formatFrenchDate('2026-08-15')).toBe('15 août 2026');
  });

  it('refuses impossible calendar dates', () => {
    expect(IsoDateSchema.safeParse('2026-02-30').success).toBe(false);
    expect(IsoDateSchema.safeParse('2026-2-3').success).toBe(false);
    expect(() => addDays('2026-13-01', 1)).toThrow(/not an ISO date/);
  });
});
