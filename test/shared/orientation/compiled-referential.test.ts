/**
 * The compiled référentiel's edge cases (docs/orientation.md, "The engine"): barriers read by
 * `for…in` whatever their shape, numeric answers beyond the outcome table, and results that
 * share only what is frozen.
 */
import { describe, expect, it } from 'vitest';
import type { Criteria } from '../../../shared/domain/criteria';
import { evaluateOrientation } from '../../../shared/orientation/evaluate-orientation';
import { NORD_2023 } from '../../../shared/referential';
import { withCriteria } from '../../fixtures/criteria';

const barriersOf = (barriers: Record<string, string | undefined>): Criteria =>
  ({ ...withCriteria({}), barriers }) as Criteria;

describe('the compiled référentiel', () => {
  it('reads a barrier domain set to undefined as none, in any key order', () => {
    const result = evaluateOrientation(
      barriersOf({ family: 'heavy', health: undefined, housing: 'light' }),
      NORD_2023,
    );
    const answers = Object.fromEntries(result.reasons.map((r) => [r.criterion, r.answer]));
    expect(answers['barriers.health']).toBe('none');
    expect(answers['barriers.family']).toBe('heavy');
    expect(answers['barriers.housing']).toBe('light');
    expect(result.counts).toEqual({ E: 12, Q: 1, R: 1 });
    const reversed = evaluateOrientation(
      barriersOf({ housing: 'light', family: 'heavy' }),
      NORD_2023,
    );
    expect(reversed.reasons).toEqual(result.reasons);
  });

  it('places numeric answers beyond its table in the right band', () => {
    const far = evaluateOrientation(withCriteria({ rsaSeniorityMonths: 1200 }), NORD_2023);
    expect(far.reasons[5]).toMatchObject({ answer: 1200, column: 'Q' });
    const unvalidated = { ...withCriteria({}), rsaSeniorityMonths: 5000 } as Criteria;
    expect(evaluateOrientation(unvalidated, NORD_2023).reasons[5]).toMatchObject({
      answer: 5000,
      column: 'Q',
    });
  });

  it('gives each result its own counts and shares only frozen lists', () => {
    const one = evaluateOrientation(withCriteria({ barriers: { health: 'heavy' } }), NORD_2023);
    const two = evaluateOrientation(withCriteria({ barriers: { health: 'heavy' } }), NORD_2023);
    expect(one.counts).not.toBe(two.counts);
    expect(one.exemptionSuggestions.map((s) => s.id)).toEqual(['heavy-health']);
    expect(Object.isFrozen(one.exemptionSuggestions)).toBe(true);
    expect(Object.isFrozen(one.reasons[0])).toBe(true);
  });
});
