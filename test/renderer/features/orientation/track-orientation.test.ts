import { describe, expect, it } from 'vitest';
import { trackOrientation } from '../../../../renderer/features/orientation/decision-form';
import { NORD_2023 } from '../../../../shared/referential';
import { baseInterview } from '../../../fixtures/interviews';

describe('trackOrientation', () => {
  it('returns the same orientation while the criteria answers do not change', () => {
    const orientationOf = trackOrientation(NORD_2023);
    const interview = baseInterview();
    const first = orientationOf(interview);
    expect(first.result?.dominante).toBe('emploi');
    const typed = { ...interview, synthesis: 'Souhaite reprendre une formation' };
    expect(orientationOf(typed)).toBe(first);
    const noted = { ...typed, employment: { ...typed.employment, notes: 'CACES à renouveler' } };
    expect(orientationOf(noted)).toBe(first);
  });

  it('evaluates again when a criteria answer changes', () => {
    const orientationOf = trackOrientation(NORD_2023);
    const interview = baseInterview();
    const first = orientationOf(interview);
    const unavailable = {
      ...interview,
      employment: { ...interview.employment, availability: 'unavailable' as const },
    };
    const next = orientationOf(unavailable);
    expect(next).not.toBe(first);
    expect(next.result?.dominante).toBe('remobilisation');
  });
});
