import { describe, expect, it } from 'vitest';
import { OrientationDecisionSchema } from '../../../shared/domain/decision';
import { deriveCriteria } from '../../../shared/domain/derive-criteria';
import { InterviewSchema, newInterview } from '../../../shared/domain/interview';
import { baseInterview, decisionFor } from '../../fixtures/interviews';

describe('deriveCriteria', () => {
  it('derives complete criteria from a filled-in interview, as of the interview date', () => {
    const derived = deriveCriteria(baseInterview());
    expect(derived).toEqual({
      complete: true,
      missing: [],
      criteria: {
        availability: 'immediate',
        motivationWork: 'yes',
        motivationSupport: 'yes',
        autonomy: 'full',
        lastExperience: 'recent',
        rsaSeniorityMonths: 0,
        age: 35,
        employmentStatus: 'unemployed',
        barriers: {
          housing: 'none',
          health: 'none',
          mobility: 'none',
          family: 'none',
          language: 'none',
          budget: 'none',
          digital: 'none',
          administrative: 'none',
        },
      },
    });
  });

  it.each([
    ['2025-02-03', 'recent'],
    ['2025-02-02', 'medium'],
    ['2023-03-02', 'medium'],
    ['2023-02-03', 'medium'],
    ['2023-02-02', 'distant'],
  ])(
    'a last job on %s is %s on 2026-03-02 (12 and 36 whole months are the edges)',
    (lastJobDate, expected) => {
      const interview = baseInterview();
      interview.employment.lastJobDate = lastJobDate;
      const derived = deriveCriteria(interview);
      expect(derived.criteria.lastExperience).toBe(expected);
    },
  );

  it('uses « never » when the person never worked, whatever the date field says', () => {
    const interview = baseInterview();
    interview.employment.neverWorked = true;
    expect(deriveCriteria(interview).criteria.lastExperience).toBe('never');
  });

  it.each([
    ['employed', 'full', 'fullTime'],
    ['employed', 'part', 'partTime'],
    ['iae', 'part', 'partTime'],
    ['job-seeking', null, 'unemployed'],
    ['student', null, 'unemployed'],
  ] as const)('work situation %s (%s) → %s', (workSituation, workingTime, expected) => {
    const interview = baseInterview();
    interview.employment.workSituation = workSituation;
    interview.employment.workingTime = workingTime;
    expect(deriveCriteria(interview).criteria.employmentStatus).toBe(expected);
  });

  it('computes the RSA seniority in whole months', () => {
    const interview = baseInterview();
    interview.identity.rsaRightsOpenedOn = '2022-03-03';
    expect(deriveCriteria(interview).criteria.rsaSeniorityMonths).toBe(47);
    interview.identity.rsaRightsOpenedOn = '2022-03-02';
    expect(deriveCriteria(interview).criteria.rsaSeniorityMonths).toBe(48);
  });

  it('lists what is missing, with French labels, for a new interview', () => {
    const interview = newInterview({
      id: 'x',
      beneficiary: {
        id: 'b',
        firstName: 'A',
        lastName: 'Fictif',
        birthDate: '1990-01-01',
        rsaRightsOpenedOn: '2026-01-01',
        cohort: 'flux',
      },
      date: '2026-01-10',
      place: '',
      now: '2026-01-10T09:00:00Z',
    });
    const derived = deriveCriteria(interview);
    expect(derived.complete).toBe(false);
    expect(derived.missing.map((m) => m.field)).toEqual([
      'employment.availability',
      'employment.motivationWork',
      'employment.motivationSupport',
      'employment.autonomy',
      'employment.lastJobDate',
      'employment.workSituation',
    ]);
    expect(derived.missing[0]?.label).toBe("Disponibilité vers l'emploi");
  });

  it('asks for a severity when situations are ticked but none chosen', () => {
    const interview = baseInterview();
    interview.barriers.housing.situations = ['heberge-chez-un-tiers'];
    const derived = deriveCriteria(interview);
    expect(derived.missing).toEqual([
      { field: 'barriers.housing.severity', label: 'Niveau du frein — Logement' },
    ]);
  });

  it('asks for the working time of someone in employment', () => {
    const interview = baseInterview();
    interview.employment.workSituation = 'employed';
    expect(deriveCriteria(interview).missing.map((m) => m.field)).toEqual([
      'employment.workingTime',
    ]);
  });
});

describe('the interview and decision schemas', () => {
  it('accepts the fixture interview as stored', () => {
    expect(InterviewSchema.safeParse(baseInterview()).success).toBe(true);
  });

  it('requires an override with a justification when the final dominante differs', () => {
    const decision = decisionFor('emploi', 'binome-pe-cd', { finalDominante: 'equilibre' });
    const result = OrientationDecisionSchema.safeParse(decision);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['override']);
  });

  it('refuses a justification that is too short', () => {
    const decision = decisionFor('emploi', 'binome-pe-cd', {
      finalDominante: 'equilibre',
      override: { dominante: 'equilibre', justification: 'parce que' },
    });
    const result = OrientationDecisionSchema.safeParse(decision);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['override.justification']);
  });

  it('keeps the computed dominante beside an accepted override', () => {
    const decision = decisionFor('emploi', 'binome-pe-cd', {
      finalDominante: 'equilibre',
      override: {
        dominante: 'equilibre',
        justification: 'Situation de logement très instable depuis ce matin.',
      },
    });
    const parsed = OrientationDecisionSchema.parse(decision);
    expect(parsed.computed.dominante).toBe('emploi');
    expect(parsed.finalDominante).toBe('equilibre');
  });
});
