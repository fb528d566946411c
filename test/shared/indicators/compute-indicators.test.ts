import { describe, expect, it } from 'vitest';
import { deriveCriteria } from '../../../shared/domain/derive-criteria';
import { followComputed } from '../../../shared/domain/draft-decision';
import type { Interview } from '../../../shared/domain/interview';
import { fakeInterview, pick, seededRandom } from '../../../shared/demo/fake-people';
import {
  computeIndicators,
  computeIndicatorsByTerritory,
  type IndicatorRecord,
  median,
} from '../../../shared/indicators';
import { evaluateOrientation } from '../../../shared/orientation';
import { NORD_2023, structuresFor } from '../../../shared/referential';
import { addDays, daysBetween } from '../../../shared/util/dates';
import { HOURS, recordOf } from './helpers';

const Q1_2026 = { from: '2026-01-01', to: '2026-03-31' };

/**
 * Eight people, computed by hand in the comments. A: flux, seen 10 days after the opening of
 * rights, emploi. B: flux, absent first (22 days), then équilibre. C: stock, remobilisation in
 * 2025 then équilibre (progression). D: stock, a corrected interview (only version 2 counts).
 * E: flux, interview in progress. G: planned, attendance not recorded. H: flux, excused, in
 * another territory. F: out of the period.
 */
function handBuiltSet(): IndicatorRecord[] {
  return [
    recordOf({
      id: 'a1',
      person: 'A',
      date: '2026-01-15',
      opened: '2026-01-05',
      dominante: 'emploi',
      hours: 'standard',
      dues: ['2026-02-10', '2026-01-25'],
      territory: 'tourcoing',
      satisfaction: {
        beneficiary: { listened: 4, understood: 3, useful: 'skipped' },
        professionals: { peAdvisor: 4, cdProfessional: 3 },
      },
    }),
    recordOf({
      id: 'b1',
      person: 'B',
      date: '2026-02-01',
      opened: '2026-01-10',
      attendance: 'absent',
      territory: 'tourcoing',
    }),
    recordOf({
      id: 'b2',
      person: 'B',
      date: '2026-02-20',
      opened: '2026-01-10',
      dominante: 'equilibre',
      hours: 'progressive',
      dues: ['2026-03-20'],
      territory: 'tourcoing',
      satisfaction: {
        beneficiary: { listened: 2, understood: null, useful: 1 },
        professionals: { peAdvisor: 'skipped', cdProfessional: null },
      },
    }),
    recordOf({
      id: 'c0',
      person: 'C',
      date: '2025-11-10',
      opened: '2020-01-01',
      cohort: 'stock',
      dominante: 'remobilisation',
      hours: 'reduced',
      territory: 'tourcoing',
      edit: (i) => {
        i.employment.availability = 'unavailable';
        i.barriers.health = { situations: [], severity: 'heavy', notes: '' };
      },
    }),
    recordOf({
      id: 'c1',
      person: 'C',
      date: '2026-03-05',
      opened: '2020-01-01',
      cohort: 'stock',
      dominante: 'equilibre',
      hours: 'standard',
      territory: 'tourcoing',
      edit: (i) => {
        i.barriers.health = { situations: [], severity: 'light', notes: '' };
      },
    }),
    recordOf({
      id: 'd1',
      person: 'D',
      date: '2026-03-10',
      opened: '2019-06-01',
      cohort: 'stock',
      dominante: 'emploi',
      hours: 'standard',
      territory: 'tourcoing',
    }),
    recordOf({
      id: 'd1-v2',
      person: 'D',
      date: '2026-03-10',
      opened: '2019-06-01',
      cohort: 'stock',
      dominante: 'remobilisation',
      hours: 'exempt',
      dues: ['2026-03-10'],
      version: 2,
      previousVersionId: 'd1',
      territory: 'tourcoing',
    }),
    recordOf({
      id: 'e1',
      person: 'E',
      date: '2026-03-25',
      opened: '2026-03-01',
      status: 'draft',
      territory: 'tourcoing',
    }),
    recordOf({
      id: 'f1',
      person: 'F',
      date: '2026-04-02',
      opened: '2026-03-20',
      attendance: null,
      status: 'draft',
      territory: 'tourcoing',
    }),
    recordOf({
      id: 'g1',
      person: 'G',
      date: '2026-03-30',
      opened: '2026-03-28',
      attendance: null,
      status: 'draft',
      territory: 'tourcoing',
    }),
    recordOf({
      id: 'h1',
      person: 'H',
      date: '2026-02-12',
      opened: '2026-02-10',
      attendance: 'excused',
      territory: 'roubaix',
    }),
  ];
}

describe('computeIndicators on a hand-built set', () => {
  const report = computeIndicators(handBuiltSet(), NORD_2023, { period: Q1_2026 });

  it('counts interviews by attendance, the latest version of each only', () => {
    expect(report.attendance).toEqual({
      records: 8,
      held: 4,
      inProgress: 1,
      absent: 1,
      excused: 1,
      attendanceNotRecorded: 1,
      absenceRate: 28.6,
      beneficiaries: 7,
      diagnostics: 4,
    });
  });

  it('counts each month the interviews whose attendance is recorded', () => {
    expect(report.byMonth).toEqual([
      { month: '2026-01', held: 1, inProgress: 0, absent: 0, excused: 0 },
      { month: '2026-02', held: 1, inProgress: 0, absent: 1, excused: 1 },
      { month: '2026-03', held: 2, inProgress: 1, absent: 0, excused: 0 },
    ]);
  });

  it('measures the delay from the opening of rights to the first interview of new entrants', () => {
    // A 10, B 22 (its absence is its first interview), E 24, H 2 → median (10 + 22) / 2.
    expect(report.delayToFirstInterview).toEqual({
      count: 4,
      medianDays: 16,
      meanDays: 14.5,
      deadlineDays: 15,
      withinDeadline: 2,
      shareWithinDeadline: 50,
      inconsistent: 0,
    });
  });

  it('splits the stock by final dominante against the 50 / 20 / 30 target', () => {
    expect(report.split.stock).toEqual({
      total: 2,
      rows: [
        {
          dominante: 'emploi',
          label: 'Dominante emploi',
          count: 0,
          share: 0,
          target: 50,
          gapPoints: -50,
        },
        {
          dominante: 'equilibre',
          label: 'Dominante équilibre social et professionnel',
          count: 1,
          share: 50,
          target: 20,
          gapPoints: 30,
        },
        {
          dominante: 'remobilisation',
          label: 'Dominante remobilisation',
          count: 1,
          share: 50,
          target: 30,
          gapPoints: 20,
        },
      ],
    });
    expect(report.split.flux.rows.map((r) => r.count)).toEqual([1, 1, 0]);
    expect(report.split.all.rows.map((r) => r.share)).toEqual([25, 50, 25]);
  });

  it('counts standard and progressive hours as intensive support', () => {
    expect(report.intensiveSupport).toEqual({
      decided: 4,
      intensive: 3,
      share: 75,
      byMode: { standard: 2, progressive: 1, reduced: 0, exempt: 1 },
    });
  });

  it('measures the delay from the diagnostic to the earliest action due', () => {
    // a1 → 2026-01-25: 10 days; b2: 28; d1-v2: 0; c1 has no action.
    expect(report.delayToFirstAction).toEqual({
      count: 3,
      withoutActions: 1,
      medianDays: 10,
      meanDays: 12.7,
      minDays: 0,
      maxDays: 28,
      inconsistent: 0,
    });
  });

  it('sees the progression of a person from remobilisation to équilibre', () => {
    // c0: R = availability + health (2), Q = last job + seniority (2), E = 10.
    // c1: R = 0, Q = last job + seniority + health (3), E = 11.
    expect(report.progression).toEqual({
      pairs: 1,
      beneficiaries: 1,
      towardEmploi: 1,
      sameDominante: 0,
      awayFromEmploi: 0,
      notComparable: 0,
      withCriteria: 1,
      fewerConstraints: 1,
      moreConstraints: 0,
      columnDeltas: [
        { column: 'E', meanDelta: 1 },
        { column: 'Q', meanDelta: 1 },
        { column: 'R', meanDelta: -2 },
      ],
    });
  });

  it('counts satisfaction answers, skipped questions and questions not asked', () => {
    expect(report.satisfaction.interviews).toBe(4);
    expect(report.satisfaction.beneficiary).toEqual({
      listened: { answered: 2, skipped: 0, notAsked: 2, average: 3, distribution: [0, 1, 0, 1] },
      understood: { answered: 1, skipped: 0, notAsked: 3, average: 3, distribution: [0, 0, 1, 0] },
      useful: { answered: 1, skipped: 1, notAsked: 2, average: 1, distribution: [1, 0, 0, 0] },
    });
    expect(report.satisfaction.professionals).toEqual({
      peAdvisor: { answered: 1, skipped: 1, notAsked: 2, average: 4, distribution: [0, 0, 0, 1] },
      cdProfessional: {
        answered: 1,
        skipped: 0,
        notAsked: 3,
        average: 3,
        distribution: [0, 0, 1, 0],
      },
      all: { answered: 2, skipped: 1, notAsked: 5, average: 3.5, distribution: [0, 0, 1, 1] },
    });
  });

  it('includes both bounds of the period', () => {
    const onBounds = computeIndicators(handBuiltSet(), NORD_2023, {
      period: { from: '2026-01-15', to: '2026-02-01' },
    });
    expect(onBounds.attendance.records).toBe(2);
    expect(onBounds.attendance.held).toBe(1);
    expect(onBounds.attendance.absent).toBe(1);
  });

  it('groups by territory on the server, each with its own people', () => {
    const reports = computeIndicatorsByTerritory(handBuiltSet(), NORD_2023, { period: Q1_2026 });
    expect(reports.map((r) => [r.territory, r.attendance.records])).toEqual([
      ['roubaix', 1],
      ['tourcoing', 7],
    ]);
    expect(reports[0]?.delayToFirstInterview.medianDays).toBe(2);
    expect(reports[1]?.delayToFirstInterview.count).toBe(3);
  });

  it('leaves out a first interview dated before the opening of rights, and says so', () => {
    const records = [recordOf({ id: 'x1', person: 'X', date: '2026-02-01', opened: '2026-02-05' })];
    const r = computeIndicators(records, NORD_2023, { period: Q1_2026 });
    expect(r.delayToFirstInterview.count).toBe(0);
    expect(r.delayToFirstInterview.inconsistent).toBe(1);
    expect(r.delayToFirstInterview.medianDays).toBeNull();
  });

  it('gives null shares rather than dividing by zero on an empty period', () => {
    const r = computeIndicators([], NORD_2023, { period: Q1_2026 });
    expect(r.attendance.absenceRate).toBeNull();
    expect(r.split.stock.rows.every((row) => row.share === null && row.gapPoints === null)).toBe(
      true,
    );
    expect(r.intensiveSupport.share).toBeNull();
    expect(r.progression.columnDeltas.every((c) => c.meanDelta === null)).toBe(true);
  });
});

/** A year of generated interviews (fake people), closed with the engine's decision. */
function generatedYear(seed: number): { records: IndicatorRecord[]; interviews: Interview[] } {
  const random = seededRandom(seed);
  const interviews: Interview[] = [];
  for (let n = 0; n < 730; n++) {
    const date = addDays('2025-01-01', Math.floor(n / 2));
    const i = fakeInterview(random, n, date, `${date}T09:00:00+01:00`);
    const r = random();
    if (r < 0.1) i.attendance.beneficiary = 'absent';
    else if (r < 0.15) i.attendance.beneficiary = 'excused';
    i.status = r < 0.97 ? 'closed' : 'draft';
    i.closedAt = i.status === 'closed' ? `${date}T11:00:00+01:00` : null;
    const derived = deriveCriteria(i);
    if (i.attendance.beneficiary === 'present' && i.status === 'closed' && derived.complete) {
      const result = evaluateOrientation(derived.criteria, NORD_2023);
      const structure = structuresFor(NORD_2023, result.dominante)[0];
      i.decision = followComputed(
        result,
        structure?.id ?? 'pe-conseiller',
        HOURS[pick(random, ['standard', 'progressive', 'reduced', 'exempt'] as const)],
      );
      const actions = Math.floor(random() * 3);
      for (let k = 0; k < actions; k++) {
        i.contract.actions.push({
          id: `${i.id}-a${k}`,
          label: 'Action',
          dueDate: addDays(date, 3 + Math.floor(random() * 40)),
          domain: 'employment',
          serviceIds: [],
        });
      }
      i.satisfaction.beneficiary.listened = pick(random, [1, 2, 3, 4, 'skipped', null] as const);
    }
    interviews.push(i);
  }
  return { records: interviews.map((interview) => ({ interview })), interviews };
}

describe('computeIndicators on a generated year', () => {
  const { records, interviews } = generatedYear(2025);
  const report = computeIndicators(records, NORD_2023, {
    period: { from: '2025-01-01', to: '2025-12-31' },
  });
  const diagnostics = interviews.filter((i) => i.decision !== null);

  it('accounts for every record exactly once', () => {
    const a = report.attendance;
    expect(a.records).toBe(730);
    expect(a.held + a.inProgress + a.absent + a.excused + a.attendanceNotRecorded).toBe(730);
    expect(report.byMonth).toHaveLength(12);
    expect(report.byMonth.reduce((sum, m) => sum + m.held, 0)).toBe(a.held);
  });

  it('splits the diagnostics as a direct count does', () => {
    for (const row of report.split.all.rows) {
      expect(row.count).toBe(
        diagnostics.filter((i) => i.decision?.finalDominante === row.dominante).length,
      );
    }
    expect(report.split.all.total).toBe(diagnostics.length);
    expect(report.split.stock.total + report.split.flux.total).toBe(diagnostics.length);
  });

  it('finds the median delay to the first interview that a direct sort gives', () => {
    const delays = interviews
      .filter((i) => i.identity.cohort === 'flux' && i.attendance.beneficiary !== null)
      .map((i) => daysBetween(i.identity.rsaRightsOpenedOn, i.date));
    expect(report.delayToFirstInterview.count).toBe(delays.length);
    expect(report.delayToFirstInterview.medianDays).toBe(median(delays));
    expect(report.delayToFirstInterview.withinDeadline).toBe(delays.filter((d) => d <= 15).length);
  });

  it('counts intensive support as the decisions say', () => {
    const intensive = diagnostics.filter(
      (i) =>
        i.decision?.weeklyHours.mode === 'standard' ||
        i.decision?.weeklyHours.mode === 'progressive',
    ).length;
    expect(report.intensiveSupport.intensive).toBe(intensive);
  });

  it('gives the same report for the same seed', () => {
    const again = computeIndicators(generatedYear(2025).records, NORD_2023, {
      period: { from: '2025-01-01', to: '2025-12-31' },
    });
    expect(again).toEqual(report);
  });
});
