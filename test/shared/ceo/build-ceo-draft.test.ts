import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCeoDraft, progressiveSchedule, renderCeoText } from '../../../shared/ceo';
import type { Interview } from '../../../shared/domain/interview';
import { NORD_2023 } from '../../../shared/referential';
import { ValidationError } from '../../../shared/util/errors';
import { baseInterview, decisionFor } from '../../fixtures/interviews';

const ctx = () => {
  let n = 0;
  return { now: '2026-03-02T10:30:00+01:00', newId: () => `id-${++n}` };
};

/** Compares with a golden file; UPDATE_GOLDEN=1 rewrites it (then review the diff). */
function expectGolden(name: string, text: string): void {
  const path = new URL(`./golden/${name}`, import.meta.url);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) writeFileSync(path, text);
  expect(text).toBe(readFileSync(path, 'utf8'));
}

function withBarriers(
  interview: Interview,
  severities: Partial<Record<keyof Interview['barriers'], 'light' | 'heavy'>>,
) {
  for (const [domain, severity] of Object.entries(severities)) {
    interview.barriers[domain as keyof Interview['barriers']].severity = severity;
  }
  return interview;
}

describe('buildCeoDraft', () => {
  it('drafts an emploi contract: 3 months, review at 3 months, immersion within the first month', () => {
    const draft = buildCeoDraft(
      baseInterview(),
      decisionFor('emploi', 'pe-conseiller'),
      NORD_2023,
      ctx(),
    );
    expect(draft.parcours).toMatchObject({
      startDate: '2026-03-02',
      endDate: '2026-06-02',
      reviewDate: '2026-06-02',
      latestEndIfRenewed: '2026-09-02',
    });
    expect(draft.actions).toEqual([
      {
        id: 'id-2',
        label: 'Immersion en entreprise (PMSMP)',
        dueDate: '2026-04-01',
        domain: 'employment',
        serviceIds: [],
      },
    ]);
    expect(draft.referent.structureLabel).toBe('Conseiller France Travail (ex-Pôle emploi)');
    expect(draft.weeklyCommitment.summary).toBe("15 h d'activité par semaine.");
    expectGolden('emploi.txt', renderCeoText(draft));
  });

  it('drafts an équilibre contract with an action per barrier, heavy ones first due', () => {
    const interview = withBarriers(baseInterview(), { housing: 'light', budget: 'heavy' });
    const draft = buildCeoDraft(
      interview,
      decisionFor('equilibre', 'binome-pe-cd', { referentName: 'Binôme Exemple' }),
      NORD_2023,
      ctx(),
    );
    expect(draft.parcours.endDate).toBe('2026-09-02');
    expect(draft.actions.map((a) => [a.domain, a.dueDate])).toEqual([
      ['employment', '2026-05-31'],
      ['housing', '2026-05-01'],
      ['budget', '2026-04-01'],
    ]);
    expectGolden('equilibre.txt', renderCeoText(draft));
  });

  it('drafts a remobilisation contract with a progressive schedule and its motive', () => {
    const interview = withBarriers(baseInterview(), { health: 'heavy', mobility: 'heavy' });
    const draft = buildCeoDraft(
      interview,
      decisionFor('remobilisation', 'cd-travailleur-social', {
        weeklyHours: {
          mode: 'progressive',
          startHours: 5,
          targetHours: 15,
          reachTargetByWeek: 5,
          motive: 'health',
          detail: '',
        },
      }),
      NORD_2023,
      ctx(),
    );
    expect(draft.weeklyCommitment.schedule.map((s) => s.hours)).toEqual([5, 7.5, 10, 12.5, 15]);
    expect(draft.weeklyCommitment.motiveLabel).toBe('Santé');
    expectGolden('remobilisation.txt', renderCeoText(draft));
  });

  it('drafts a total exemption with its motive, without an hours commitment', () => {
    const draft = buildCeoDraft(
      baseInterview(),
      decisionFor('remobilisation', 'cd-travailleur-social', {
        override: {
          dominante: 'remobilisation',
          justification: 'Hospitalisation prévue le mois prochain, reprise impossible.',
        },
        computed: { ...decisionFor('emploi', 'pe-conseiller').computed },
        weeklyHours: { mode: 'exempt', motive: 'health', detail: 'Hospitalisation prévue' },
      }),
      NORD_2023,
      ctx(),
    );
    expect(draft.weeklyCommitment.mode).toBe('exempt');
    expect(draft.orientation).toEqual({
      computedDominante: 'emploi',
      overridden: true,
      justification: 'Hospitalisation prévue le mois prochain, reprise impossible.',
    });
    expect(draft.commitments.beneficiary.join(' ')).not.toMatch(/par semaine/);
    expectGolden('exemption.txt', renderCeoText(draft));
  });

  it('keeps the actions the professionals edited instead of proposing new ones', () => {
    const interview = baseInterview();
    interview.contract.actions = [
      {
        id: 'a1',
        label: 'Atelier CV',
        dueDate: '2026-03-10',
        domain: 'employment',
        serviceIds: [],
      },
    ];
    const draft = buildCeoDraft(
      interview,
      decisionFor('emploi', 'pe-conseiller'),
      NORD_2023,
      ctx(),
    );
    expect(draft.actions.map((a) => a.label)).toEqual(['Atelier CV']);
  });

  it('is deterministic: the same inputs and context give the same draft', () => {
    const a = buildCeoDraft(
      baseInterview(),
      decisionFor('emploi', 'pe-conseiller'),
      NORD_2023,
      ctx(),
    );
    const b = buildCeoDraft(
      baseInterview(),
      decisionFor('emploi', 'pe-conseiller'),
      NORD_2023,
      ctx(),
    );
    expect(a).toEqual(b);
  });

  it.each([
    [
      'a structure of another dominante',
      decisionFor('emploi', 'prestataire'),
      'decision.referentStructureId',
    ],
    [
      'an unknown motive',
      decisionFor('emploi', 'pe-conseiller', {
        weeklyHours: { mode: 'reduced', hours: 10, motive: 'meteo', detail: '' },
      }),
      'decision.weeklyHours.motive',
    ],
    [
      'a total exemption for age',
      decisionFor('emploi', 'pe-conseiller', {
        weeklyHours: { mode: 'exempt', motive: 'age', detail: '' },
      }),
      'decision.weeklyHours.mode',
    ],
    [
      'an "other" motive without detail',
      decisionFor('emploi', 'pe-conseiller', {
        weeklyHours: { mode: 'reduced', hours: 8, motive: 'other', detail: ' ' },
      }),
      'decision.weeklyHours.detail',
    ],
    [
      'hours above the target range',
      decisionFor('emploi', 'pe-conseiller', { weeklyHours: { mode: 'standard', hours: 25 } }),
      'decision.weeklyHours.hours',
    ],
  ])('refuses %s, naming the field', (_name, decision, path) => {
    try {
      buildCeoDraft(baseInterview(), decision, NORD_2023, ctx());
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.path)).toContain(path);
    }
  });

  it('refuses to draft a contract for an absent person', () => {
    const interview = baseInterview();
    interview.attendance.beneficiary = 'absent';
    expect(() =>
      buildCeoDraft(interview, decisionFor('emploi', 'pe-conseiller'), NORD_2023, ctx()),
    ).toThrow(/attendance.beneficiary/);
  });
});

describe('progressiveSchedule', () => {
  it('rises evenly to the target, rounded to the half hour', () => {
    expect(progressiveSchedule(4, 15, 4)).toEqual([
      { week: 1, hours: 4 },
      { week: 2, hours: 7.5 },
      { week: 3, hours: 11.5 },
      { week: 4, hours: 15 },
    ]);
  });
});
