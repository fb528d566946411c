import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateOrientation } from '../../../shared/orientation/evaluate-orientation';
import {
  hashReferential,
  loadReferential,
  loadVerifiedReferential,
  NORD_2023,
  suggestSeverity,
} from '../../../shared/referential';
import nordData from '../../../shared/referential/data/nord-2023.json';
import { ValidationError } from '../../../shared/util/errors';
import { withCriteria } from '../../fixtures/criteria';

const exempleData: unknown = JSON.parse(
  readFileSync(new URL('./fixtures/exemple-2026.json', import.meta.url), 'utf8'),
);
const clone = (): Record<string, unknown> => structuredClone(nordData) as Record<string, unknown>;

function issuesOf(data: unknown): string[] {
  try {
    loadReferential(data);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

describe('the Nord 2023 référentiel', () => {
  it('loads with its id, version and a SHA-256 content hash', () => {
    expect(NORD_2023.id).toBe('nord-2023');
    expect(NORD_2023.version).toBe('1.1.0');
    expect(NORD_2023.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(NORD_2023.contentHash).toBe(hashReferential(loadReferential(nordData)));
  });

  it('carries the deadlines of the convention and of the 2024 decree', () => {
    expect(NORD_2023.deadlines).toEqual({
      convocationDays: 15,
      orientationDays: 42,
      contractDays: 28,
      absenceJustificationMonths: 4,
    });
  });

  it('lists the eight barrier domains with French situations', () => {
    expect(NORD_2023.barrierDomains.map((d) => d.code)).toEqual([
      'housing',
      'health',
      'mobility',
      'family',
      'language',
      'budget',
      'digital',
      'administrative',
    ]);
    const housing = NORD_2023.barrierDomains[0];
    expect(housing?.situations.map((s) => s.label)).toContain('Hébergé chez un tiers');
  });

  it('gives parcours parameters per dominante (emploi: 3 months, immersion within a month)', () => {
    const emploi = NORD_2023.parcours.find((p) => p.dominante === 'emploi');
    expect(emploi).toMatchObject({ durationMonths: 3, renewalMonths: 3, reviewAfterMonths: 3 });
    expect(emploi?.employerLink?.withinDays).toBe(30);
  });

  it('changes hash when any value changes', () => {
    const data = clone();
    (data as { label: string }).label += ' (modifié)';
    expect(loadReferential(data).contentHash).not.toBe(NORD_2023.contentHash);
  });

  it('verifies an announced hash and refuses a mismatch', () => {
    expect(loadVerifiedReferential(nordData, NORD_2023.contentHash).id).toBe('nord-2023');
    expect(() => loadVerifiedReferential(nordData, '0'.repeat(64))).toThrow(/does not match/);
  });
});

describe('a second référentiel written only as data', () => {
  const exemple = loadReferential(exempleData);

  it('works with different thresholds and a fourth dominante, without code changes', () => {
    expect(exemple.dominantes).toHaveLength(4);
    const health = withCriteria({ barriers: { health: 'heavy' } });
    expect(evaluateOrientation(health, exemple)).toMatchObject({
      dominante: 'sante',
      rule: { id: 'health-first' },
    });
    expect(evaluateOrientation(health, NORD_2023).dominante).toBe('equilibre');
    expect(evaluateOrientation(health, exemple).suggestedStructures.map((s) => s.id)).toEqual([
      'centre-sante',
    ]);
  });

  it('applies its own seniority threshold (24 months instead of 48)', () => {
    const thirty = withCriteria({ rsaSeniorityMonths: 30, autonomy: 'partial' });
    expect(evaluateOrientation(thirty, NORD_2023).dominante).toBe('equilibre');
    expect(evaluateOrientation(thirty, exemple).dominante).toBe('equilibre');
    const oneQ = withCriteria({ rsaSeniorityMonths: 30 });
    expect(evaluateOrientation(oneQ, NORD_2023).dominante).toBe('emploi');
    expect(evaluateOrientation(oneQ, exemple).dominante).toBe('emploi');
    expect(evaluateOrientation(withCriteria({ rsaSeniorityMonths: 23 }), exemple).counts.Q).toBe(0);
    expect(evaluateOrientation(withCriteria({ rsaSeniorityMonths: 24 }), exemple).counts.Q).toBe(1);
  });

  it('counts its extra column S even when no answer points to it', () => {
    expect(evaluateOrientation(withCriteria({}), exemple).counts).toEqual({
      E: 14,
      Q: 0,
      R: 0,
      S: 0,
    });
  });
});

describe('malformed référentiels are errors that name the field', () => {
  it('refuses an unknown rule operator', () => {
    const data = clone() as { rules: { when: unknown }[] };
    (data.rules[1] as { when: unknown }).when = { op: 'atLeast', column: 'R', value: 2 };
    expect(issuesOf(data).join('\n')).toMatch(/^rules\[1\]\.when\.op/m);
  });

  it('refuses a rule that counts an unknown column or names an unknown criterion', () => {
    const data = clone() as { rules: { when: unknown }[] };
    (data.rules[1] as { when: unknown }).when = { op: 'count', column: 'Z', cmp: '>=', value: 2 };
    (data.rules[0] as { when: unknown }).when = { op: 'in', criterion: 'shoeSize', values: [42] };
    const issues = issuesOf(data).join('\n');
    expect(issues).toContain('rules[1].when.column: unknown column Z');
    expect(issues).toContain('rules[0].when.criterion: unknown criterion shoeSize');
  });

  it('refuses a rule list whose last step is not "always"', () => {
    const data = clone() as { rules: unknown[] };
    data.rules.pop();
    expect(issuesOf(data).join('\n')).toMatch(/last rule step must be/);
  });

  it('refuses a criterion value left unmapped', () => {
    const data = clone() as { criteria: { autonomy: { values: unknown[] } } };
    data.criteria.autonomy.values.pop();
    expect(issuesOf(data)).toContain(
      'criteria.autonomy.values: value none is not mapped to a column',
    );
  });

  it('refuses a structure of an unknown dominante and bands out of order', () => {
    const data = clone() as {
      structures: { dominante: string }[];
      criteria: { rsaSeniorityMonths: { bands: { below?: number }[] } };
    };
    (data.structures[0] as { dominante: string }).dominante = 'inconnue';
    data.criteria.rsaSeniorityMonths.bands.unshift({ below: 60, label: 'x', column: 'E' } as never);
    const issues = issuesOf(data).join('\n');
    expect(issues).toContain('structures[0].dominante: unknown dominante inconnue');
    expect(issues).toContain(
      'criteria.rsaSeniorityMonths.bands[1].below: bands must be in increasing order',
    );
  });
});

describe('suggestSeverity', () => {
  it.each([
    ['housing', [], null],
    ['housing', ['locataire-parc-social'], 'none'],
    ['housing', ['heberge-chez-un-tiers'], 'light'],
    ['housing', ['heberge-chez-un-tiers', 'sans-hebergement'], 'heavy'],
    ['family', ['enfant-de-moins-de-3-ans-sans-solution-de-garde'], 'heavy'],
  ] as const)('%s %j → %s', (domain, situations, expected) => {
    expect(suggestSeverity(NORD_2023, domain, situations)).toBe(expected);
  });
});
