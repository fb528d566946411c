import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BARRIER_DOMAINS, type Criteria } from '../../../shared/domain/criteria';
import { evaluateOrientation } from '../../../shared/orientation/evaluate-orientation';
import { NORD_2023 } from '../../../shared/referential';

const criteriaArb: fc.Arbitrary<Criteria> = fc.record({
  availability: fc.constantFrom('immediate', 'soon', 'unavailable'),
  motivationWork: fc.constantFrom('yes', 'partial', 'no'),
  motivationSupport: fc.constantFrom('yes', 'partial', 'no'),
  autonomy: fc.constantFrom('full', 'partial', 'none'),
  lastExperience: fc.constantFrom('recent', 'medium', 'distant', 'never'),
  rsaSeniorityMonths: fc.integer({ min: 0, max: 400 }),
  age: fc.integer({ min: 16, max: 80 }),
  employmentStatus: fc.constantFrom('unemployed', 'partTime', 'fullTime'),
  barriers: fc.record(
    Object.fromEntries(BARRIER_DOMAINS.map((d) => [d, fc.constantFrom('none', 'light', 'heavy')])),
    { requiredKeys: [] },
  ),
}) as fc.Arbitrary<Criteria>;

/** Each answer's less favourable neighbours (toward R), per criterion. */
const WORSE: Record<string, Record<string, string[]>> = {
  availability: { immediate: ['soon', 'unavailable'], soon: ['unavailable'], unavailable: [] },
  motivationWork: { yes: ['partial', 'no'], partial: ['no'], no: [] },
  motivationSupport: { yes: ['partial', 'no'], partial: ['no'], no: [] },
  autonomy: { full: ['partial', 'none'], partial: ['none'], none: [] },
  lastExperience: {
    recent: ['medium', 'distant', 'never'],
    medium: ['distant', 'never'],
    distant: ['never'],
    never: [],
  },
};
const SEVERITY_WORSE: Record<string, string[]> = {
  none: ['light', 'heavy'],
  light: ['heavy'],
  heavy: [],
};

/** Distance from emploi: emploi 0, équilibre 1, remobilisation 2. */
const RANK: Record<string, number> = { emploi: 0, equilibre: 1, remobilisation: 2 };

function worsenings(c: Criteria): Criteria[] {
  const out: Criteria[] = [];
  for (const [key, map] of Object.entries(WORSE)) {
    for (const worse of map[c[key as keyof Criteria] as string] ?? [])
      out.push({ ...c, [key]: worse });
  }
  for (const d of BARRIER_DOMAINS) {
    for (const worse of SEVERITY_WORSE[c.barriers[d] ?? 'none'] ?? []) {
      out.push({ ...c, barriers: { ...c.barriers, [d]: worse } });
    }
  }
  out.push({ ...c, rsaSeniorityMonths: c.rsaSeniorityMonths + 12 });
  return out;
}

describe('orientation invariants (fast-check)', () => {
  it('making any single answer less favourable never moves the dominante toward emploi', () => {
    fc.assert(
      fc.property(criteriaArb, (criteria) => {
        const before = RANK[evaluateOrientation(criteria, NORD_2023).dominante] as number;
        for (const worse of worsenings(criteria)) {
          const after = RANK[evaluateOrientation(worse, NORD_2023).dominante] as number;
          expect(after).toBeGreaterThanOrEqual(before);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('is deterministic: the same criteria give the same result', () => {
    fc.assert(
      fc.property(criteriaArb, (criteria) => {
        const copy = structuredClone(criteria);
        expect(evaluateOrientation(copy, NORD_2023)).toEqual(
          evaluateOrientation(criteria, NORD_2023),
        );
      }),
    );
  });

  it('gives every criterion in the reasons, with the answer it was given', () => {
    fc.assert(
      fc.property(criteriaArb, (criteria) => {
        const { reasons, counts } = evaluateOrientation(criteria, NORD_2023);
        const byCriterion = new Map(reasons.map((r) => [r.criterion, r.answer]));
        for (const key of [
          'availability',
          'motivationWork',
          'motivationSupport',
          'autonomy',
          'lastExperience',
          'rsaSeniorityMonths',
          'age',
          'employmentStatus',
        ] as const) {
          expect(byCriterion.get(key)).toBe(criteria[key]);
        }
        for (const d of BARRIER_DOMAINS) {
          expect(byCriterion.get(`barriers.${d}`)).toBe(criteria.barriers[d] ?? 'none');
        }
        const inColumns = reasons.filter((r) => r.column !== null).length;
        expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(inColumns);
      }),
    );
  });
});
