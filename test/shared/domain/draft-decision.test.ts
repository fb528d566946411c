import { describe, expect, it } from 'vitest';
import { deriveCriteria } from '../../../shared/domain/derive-criteria';
import {
  draftDecision,
  followComputed,
  judgeDecision,
  type ComputedOrientation,
  type DecisionAnswers,
} from '../../../shared/domain/draft-decision';
import { evaluateOrientation } from '../../../shared/orientation';
import { NORD_2023 } from '../../../shared/referential';
import { baseInterview } from '../../fixtures/interviews';

const COMPUTED: ComputedOrientation = {
  dominante: 'emploi',
  rule: { id: 'all-employment' },
  referential: {
    id: NORD_2023.id,
    version: NORD_2023.version,
    contentHash: NORD_2023.contentHash,
  },
};

function answers(overrides: Partial<DecisionAnswers> = {}): DecisionAnswers {
  return {
    opinions: {
      peAdvisor: { dominante: null, comment: '' },
      cdProfessional: { dominante: null, comment: '' },
    },
    finalDominante: null,
    justification: '',
    referentStructureId: 'pe-conseiller',
    referentName: '',
    weeklyHours: { mode: 'standard', hours: 15 },
    ...overrides,
  };
}

const JUSTIFIED = 'Garde d’enfant à organiser avant toute reprise, vu ensemble.';

describe('draftDecision', () => {
  it('records what the engine computed, with the référentiel it used', () => {
    expect(draftDecision(answers(), COMPUTED).computed).toEqual({
      dominante: 'emploi',
      ruleId: 'all-employment',
      referentialId: NORD_2023.id,
      referentialVersion: NORD_2023.version,
      referentialHash: NORD_2023.contentHash,
    });
  });

  it('takes an OrientationResult of the engine as what was computed', () => {
    const derived = deriveCriteria(baseInterview());
    if (!derived.complete) throw new Error('the base interview must be complete');
    const result = evaluateOrientation(derived.criteria, NORD_2023);
    const draft = draftDecision(answers(), result);
    expect(draft.computed).toMatchObject({
      dominante: result.dominante,
      ruleId: result.rule.id,
      referentialHash: NORD_2023.contentHash,
    });
  });

  it('keeps the computed dominante, without override, when they choose none', () => {
    const draft = draftDecision(answers({ justification: 'ignored' }), COMPUTED);
    expect(draft.finalDominante).toBe('emploi');
    expect(draft.override).toBeNull();
  });

  it('keeps the computed dominante, without override, when they choose the computed one', () => {
    const draft = draftDecision(answers({ finalDominante: 'emploi' }), COMPUTED);
    expect(draft.override).toBeNull();
  });

  it('records an override with its justification when they choose another dominante', () => {
    const draft = draftDecision(
      answers({ finalDominante: 'equilibre', justification: JUSTIFIED }),
      COMPUTED,
    );
    expect(draft.finalDominante).toBe('equilibre');
    expect(draft.override).toEqual({ dominante: 'equilibre', justification: JUSTIFIED });
    expect(draft.computed.dominante).toBe('emploi');
  });

  it('counts an opinion only when it names a dominante', () => {
    const draft = draftDecision(
      answers({
        opinions: {
          peAdvisor: { dominante: 'emploi', comment: 'Projet clair.' },
          cdProfessional: { dominante: null, comment: 'Un commentaire sans avis.' },
        },
      }),
      COMPUTED,
    );
    expect(draft.opinions).toEqual({
      peAdvisor: { dominante: 'emploi', comment: 'Projet clair.' },
      cdProfessional: null,
    });
  });
});

describe('judgeDecision', () => {
  it('accepts a complete decision under the référentiel', () => {
    const judged = judgeDecision(draftDecision(answers(), COMPUTED), NORD_2023);
    expect(judged.issues).toEqual([]);
    expect(judged.decision).toMatchObject({
      finalDominante: 'emploi',
      referentStructureId: 'pe-conseiller',
      weeklyHours: { mode: 'standard', hours: 15 },
    });
  });

  it('accepts an override with a justification long enough', () => {
    const draft = draftDecision(
      answers({
        finalDominante: 'equilibre',
        justification: JUSTIFIED,
        referentStructureId: 'binome-pe-cd',
      }),
      COMPUTED,
    );
    expect(judgeDecision(draft, NORD_2023).decision?.override?.dominante).toBe('equilibre');
  });

  it.each([
    [
      'an override with a short justification',
      answers({ finalDominante: 'equilibre', justification: 'trop court' }),
      'decision.override.justification',
    ],
    [
      'no référent structure',
      answers({ referentStructureId: null }),
      'decision.referentStructureId',
    ],
    [
      'weekly hours that are not a number',
      answers({ weeklyHours: { mode: 'standard', hours: 'quinze' } }),
      'decision.weeklyHours.hours',
    ],
  ])('refuses %s, naming the field', (_case, given, path) => {
    const judged = judgeDecision(draftDecision(given, COMPUTED), NORD_2023);
    expect(judged.decision).toBeNull();
    expect(judged.issues.map((i) => i.path)).toContain(path);
  });

  it.each([
    [
      'a structure of another dominante',
      answers({ referentStructureId: 'binome-pe-cd' }),
      'decision.referentStructureId',
    ],
    [
      'hours outside the référentiel’s range',
      answers({ weeklyHours: { mode: 'standard', hours: 25 } }),
      'decision.weeklyHours.hours',
    ],
    [
      'a total exemption for a motive that does not allow one',
      answers({ weeklyHours: { mode: 'exempt', motive: 'age', detail: '' } }),
      'decision.weeklyHours.mode',
    ],
    [
      'the « other » motive without its explanation',
      answers({ weeklyHours: { mode: 'reduced', hours: 10, motive: 'other', detail: ' ' } }),
      'decision.weeklyHours.detail',
    ],
  ])('refuses %s under the référentiel', (_case, given, path) => {
    const judged = judgeDecision(draftDecision(given, COMPUTED), NORD_2023);
    expect(judged.decision).toBeNull();
    expect(judged.issues).toEqual([expect.objectContaining({ path })]);
  });

  it('judges the référentiel only once the schema accepts the decision', () => {
    // A short justification and a structure of another dominante: the schema speaks first.
    const judged = judgeDecision(
      draftDecision(
        answers({
          finalDominante: 'equilibre',
          justification: 'court',
          referentStructureId: 'pe-conseiller',
        }),
        COMPUTED,
      ),
      NORD_2023,
    );
    expect(judged.issues.map((i) => i.path)).toEqual(['decision.override.justification']);
  });
});

describe('followComputed', () => {
  it('follows the engine: its dominante, rule and référentiel, no opinion, no override, and checks out', () => {
    const interview = baseInterview();
    const derived = deriveCriteria(interview);
    if (!derived.complete) throw new Error('the fixture interview must be complete');
    const result = evaluateOrientation(derived.criteria, NORD_2023);
    const structure = result.suggestedStructures[0];
    if (!structure) throw new Error('the dominante must have a structure');
    const decision = followComputed(result, structure.id, { mode: 'standard', hours: 15 });
    expect(decision).toMatchObject({
      computed: {
        dominante: result.dominante,
        ruleId: result.rule.id,
        referentialHash: NORD_2023.contentHash,
      },
      opinions: { peAdvisor: null, cdProfessional: null },
      override: null,
      finalDominante: result.dominante,
      referentStructureId: structure.id,
    });
    expect(judgeDecision(decision, NORD_2023).issues).toEqual([]);
  });
});
