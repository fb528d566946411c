import { describe, expect, it } from 'vitest';
import { evaluateOrientation } from '../../../shared/orientation/evaluate-orientation';
import { NORD_2023 } from '../../../shared/referential';
import { ALL_E, withCriteria } from '../../fixtures/criteria';

const orient = (overrides: Parameters<typeof withCriteria>[0]) =>
  evaluateOrientation(withCriteria(overrides), NORD_2023);

describe('evaluateOrientation with the Nord 2023 référentiel (DOMAIN §2.2)', () => {
  it('orients a profile with every answer in column E to emploi (step 4)', () => {
    const result = evaluateOrientation(ALL_E, NORD_2023);
    expect(result.dominante).toBe('emploi');
    expect(result.rule.id).toBe('all-employment');
    expect(result.counts).toEqual({ E: 14, Q: 0, R: 0 });
  });

  it.each([
    ['availability', { availability: 'unavailable' }, 'remobilisation', 'not-available'],
    ['availability soon', { availability: 'soon' }, 'equilibre', 'some-constraints'],
    ['motivationWork partial', { motivationWork: 'partial' }, 'equilibre', 'some-constraints'],
    ['motivationWork no', { motivationWork: 'no' }, 'equilibre', 'some-constraints'],
    [
      'motivationSupport partial',
      { motivationSupport: 'partial' },
      'equilibre',
      'some-constraints',
    ],
    ['motivationSupport no', { motivationSupport: 'no' }, 'equilibre', 'some-constraints'],
    ['autonomy partial', { autonomy: 'partial' }, 'equilibre', 'some-constraints'],
    ['autonomy none', { autonomy: 'none' }, 'equilibre', 'some-constraints'],
    ['lastExperience medium', { lastExperience: 'medium' }, 'equilibre', 'some-constraints'],
    ['lastExperience distant', { lastExperience: 'distant' }, 'equilibre', 'some-constraints'],
    ['lastExperience never', { lastExperience: 'never' }, 'equilibre', 'some-constraints'],
    ['seniority 47 months', { rsaSeniorityMonths: 47 }, 'emploi', 'all-employment'],
    ['seniority 48 months', { rsaSeniorityMonths: 48 }, 'equilibre', 'some-constraints'],
    ['seniority 0 months', { rsaSeniorityMonths: 0 }, 'emploi', 'all-employment'],
    ['one light barrier', { barriers: { housing: 'light' } }, 'equilibre', 'some-constraints'],
    ['one heavy barrier', { barriers: { health: 'heavy' } }, 'equilibre', 'some-constraints'],
    [
      'two heavy barriers',
      { barriers: { health: 'heavy', budget: 'heavy' } },
      'remobilisation',
      'cumulative-constraints',
    ],
    [
      'a heavy barrier and no motivation',
      { barriers: { family: 'heavy' }, motivationWork: 'no' },
      'remobilisation',
      'cumulative-constraints',
    ],
    [
      'explicit none barriers',
      { barriers: { housing: 'none', digital: 'none' } },
      'emploi',
      'all-employment',
    ],
    [
      'all eight barriers light',
      {
        barriers: {
          housing: 'light',
          health: 'light',
          mobility: 'light',
          family: 'light',
          language: 'light',
          budget: 'light',
          digital: 'light',
          administrative: 'light',
        },
      },
      'equilibre',
      'some-constraints',
    ],
    ['age 17 (informative only)', { age: 17 }, 'emploi', 'all-employment'],
    ['age 66 (informative only)', { age: 66 }, 'emploi', 'all-employment'],
    ['part-time work', { employmentStatus: 'partTime' }, 'emploi', 'all-employment'],
    ['full-time work', { employmentStatus: 'fullTime' }, 'emploi', 'all-employment'],
    [
      'unavailable wins over everything else in E',
      { availability: 'unavailable', rsaSeniorityMonths: 1 },
      'remobilisation',
      'not-available',
    ],
  ] as const)('%s → %s (%s)', (_name, overrides, dominante, rule) => {
    const result = orient(overrides);
    expect(result.dominante).toBe(dominante);
    expect(result.rule.id).toBe(rule);
  });

  it('counts each barrier domain on its own in column R (exactly one R is équilibre, two are remobilisation)', () => {
    expect(orient({ autonomy: 'none' }).counts).toEqual({ E: 13, Q: 0, R: 1 });
    expect(orient({ autonomy: 'none' }).dominante).toBe('equilibre');
    expect(orient({ autonomy: 'none', lastExperience: 'never' }).counts.R).toBe(2);
    expect(orient({ autonomy: 'none', lastExperience: 'never' }).dominante).toBe('remobilisation');
  });

  it('lists every criterion with its answer, its column and French labels', () => {
    const result = orient({ rsaSeniorityMonths: 60, barriers: { mobility: 'heavy' } });
    expect(result.reasons.map((r) => r.criterion)).toEqual([
      'availability',
      'motivationWork',
      'motivationSupport',
      'autonomy',
      'lastExperience',
      'rsaSeniorityMonths',
      'barriers.housing',
      'barriers.health',
      'barriers.mobility',
      'barriers.family',
      'barriers.language',
      'barriers.budget',
      'barriers.digital',
      'barriers.administrative',
      'age',
      'employmentStatus',
    ]);
    const seniority = result.reasons.find((r) => r.criterion === 'rsaSeniorityMonths');
    expect(seniority).toMatchObject({ answer: 60, answerLabel: '48 mois ou plus', column: 'Q' });
    const mobility = result.reasons.find((r) => r.criterion === 'barriers.mobility');
    expect(mobility).toMatchObject({
      answer: 'heavy',
      column: 'R',
      label: 'Freins périphériques — Mobilité',
      columnLabel: 'Dominante remobilisation',
    });
    const age = result.reasons.find((r) => r.criterion === 'age');
    expect(age).toMatchObject({ answer: 34, column: null });
  });

  it('flags full-time workers as outside intensive support, with the reason', () => {
    const result = orient({ employmentStatus: 'fullTime' });
    expect(result.eligibleForIntensiveSupport).toBe(false);
    expect(result.eligibilityNote).toMatch(/temps plein/);
    expect(orient({ employmentStatus: 'partTime' }).eligibleForIntensiveSupport).toBe(true);
  });

  it('suggests the structures of the dominante, with their portfolio caps', () => {
    const result = orient({ barriers: { health: 'heavy', housing: 'heavy' } });
    expect(result.suggestedStructures.map((s) => s.id)).toEqual([
      'cd-travailleur-social',
      'prestataire',
      'aap-integre',
    ]);
    expect(result.suggestedStructures.every((s) => s.portfolioCap === 50)).toBe(true);
  });

  it.each([
    [{ barriers: { health: 'heavy' } }, ['heavy-health']],
    [{ barriers: { family: 'heavy', health: 'heavy' } }, ['heavy-health', 'heavy-family']],
    [{ age: 59 }, []],
    [{ age: 60 }, ['senior']],
    [{ barriers: { health: 'light' } }, []],
  ] as const)('suggests exemptions %j → %j', (overrides, ids) => {
    expect(orient(overrides).exemptionSuggestions.map((s) => s.id)).toEqual(ids);
  });

  it('records the référentiel version and hash that produced the result', () => {
    expect(orient({}).referential).toEqual({
      id: 'nord-2023',
      version: '1.1.0',
      contentHash: NORD_2023.contentHash,
    });
  });
});
