import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoInterviews } from '../../../server/cli/demo-interviews';
import { computedPart } from '../../../shared/domain/draft-decision';
import { deriveCriteria } from '../../../shared/domain/derive-criteria';
import { type Interview, InterviewSchema } from '../../../shared/domain/interview';
import {
  buildInterviewExport,
  exportInterview,
  INTERVIEW_EXPORT_FORMAT,
  INTERVIEW_EXPORT_VERSION,
  interviewExportJsonSchema,
  InterviewExportSchema,
  type ReferentialLookup,
} from '../../../shared/interop/interview-export';
import { evaluateOrientation } from '../../../shared/orientation/evaluate-orientation';
import { loadReferential, NORD_2023 } from '../../../shared/referential';
import { ValidationError } from '../../../shared/util/errors';
import { baseInterview } from '../../fixtures/interviews';
import { checkJsonSchema } from './json-schema-check';

/** Compares with a golden file; UPDATE_GOLDEN=1 rewrites it (then review the diff). */
function expectGolden(name: string, value: unknown): void {
  const path = new URL(`./golden/${name}`, import.meta.url);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
  }
  // Parsed, so that prettier's layout of the file does not matter.
  expect(value).toEqual(JSON.parse(readFileSync(path, 'utf8')));
}

/** Free text that must never leave: notes, contact details, the drawn signature. */
const SECRET = 'SECRET-NOT-EXPORTED';

/**
 * A closed interview of a fake person: overridden to équilibre with a référente named, a
 * progressive schedule, two actions (one with a service), two of three signatures.
 */
function closedInterview(): Interview {
  const interview = baseInterview();
  interview.status = 'closed';
  interview.closedAt = '2026-03-02T11:40:00+01:00';
  interview.identity.sex = 'F';
  interview.identity.email = 'secret-not-exported@example.org';
  interview.identity.phone = '06 00 00 00 00';
  interview.identity.address = { street: SECRET, postcode: '59200', city: 'Tourcoing' };
  interview.employment.educationLevel = 'NV4';
  interview.employment.notes = SECRET;
  interview.employment.qualifications = SECRET;
  interview.barriers.health = { situations: ['acces-soins'], severity: 'none', notes: SECRET };
  interview.synthesis = SECRET;
  const derived = deriveCriteria(interview);
  if (!derived.complete) throw new Error('fixture: criteria incomplete');
  const result = evaluateOrientation(derived.criteria, NORD_2023);
  interview.decision = {
    computed: computedPart(result),
    opinions: {
      peAdvisor: { dominante: result.dominante, comment: SECRET },
      cdProfessional: { dominante: 'equilibre', comment: SECRET },
    },
    override: {
      dominante: 'equilibre',
      justification: 'Besoin de lever le frein santé avant une reprise à temps plein.',
    },
    finalDominante: 'equilibre',
    referentStructureId: 'binome-pe-cd',
    referentName: 'Référente Exemple',
    weeklyHours: {
      mode: 'progressive',
      startHours: 5,
      targetHours: 15,
      reachTargetByWeek: 4,
      motive: 'health',
      detail: 'Reprise progressive convenue.',
    },
  };
  interview.contract.actions = [
    {
      id: 'act-1',
      label: 'Rendez-vous avec la conseillère santé',
      dueDate: '2026-03-20',
      domain: 'health',
      serviceIds: ['dora-service-fictif-1'],
    },
    {
      id: 'act-2',
      label: 'Immersion en entreprise (PMSMP)',
      dueDate: '2026-04-15',
      domain: 'employment',
      serviceIds: [],
    },
  ];
  interview.contract.signatures = {
    beneficiary: {
      kind: 'drawn',
      svgPath: `M0 0 L10 10 ${SECRET}`,
      signedAt: '2026-03-02T11:30:00+01:00',
    },
    peAdvisor: { kind: 'paper', signedAt: '2026-03-02T11:31:00+01:00' },
    cdProfessional: null,
  };
  // The fixture is a valid stored interview (the override names a dominante other than the computed).
  return InterviewSchema.parse(interview);
}

const lookup: ReferentialLookup = (ref) =>
  ref.contentHash === NORD_2023.contentHash ? NORD_2023 : undefined;

describe('exportInterview', () => {
  it('exports a closed interview as the golden file says (identity references, orientation, référent, contract)', () => {
    const exported = exportInterview(closedInterview(), NORD_2023, '59-tourcoing');
    expect(exported.orientation.override?.dominante).toBe('equilibre');
    expect(exported.referent).toEqual({
      structureId: 'binome-pe-cd',
      structureLabel: expect.any(String),
      name: 'Référente Exemple',
    });
    expect(exported.contract.signatures.complete).toBe(false);
    expect(exported.contract.weeklyCommitment).toMatchObject({ mode: 'progressive', hours: 15 });
    expect(exported.contract.actions.map((a) => a.serviceIds)).toEqual([
      ['dora-service-fictif-1'],
      [],
    ]);
    expectGolden('interview-export.json', exported);
  });

  it('leaves out notes, contact details, opinions’ comments and the drawn signature', () => {
    const text = JSON.stringify(exportInterview(closedInterview(), NORD_2023));
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('example.org');
    expect(text).not.toContain('06 00 00 00 00');
    expect(text).not.toContain('svgPath');
    expect(text).not.toContain('acces-soins');
  });

  it('gives the reasons of the engine, one per criterion, and the stored computed result', () => {
    const interview = closedInterview();
    const exported = exportInterview(interview, NORD_2023);
    const derived = deriveCriteria(interview);
    if (!derived.complete) throw new Error('incomplete');
    const result = evaluateOrientation(derived.criteria, NORD_2023);
    expect(exported.orientation.reasons.map((r) => r.criterion)).toEqual(
      result.reasons.map((r) => r.criterion),
    );
    expect(exported.orientation.computed.ruleId).toBe(interview.decision?.computed.ruleId);
  });

  it('proposes the contract’s actions as the CEO draft does when none were edited, with ids tied to the interview', () => {
    const interview = closedInterview();
    interview.contract.actions = [];
    const exported = exportInterview(interview, NORD_2023);
    expect(exported.contract.actions.length).toBeGreaterThan(0);
    for (const a of exported.contract.actions) expect(a.id).toMatch(/^itw-test-1-proposed-\d+$/);
  });

  const refusals: [string, (i: Interview) => void, string][] = [
    ['a draft', (i) => (i.status = 'draft'), 'status: expected "closed", got "draft"'],
    ['no closing time', (i) => (i.closedAt = null), 'closedAt: expected the closing date-time'],
    ['no decision', (i) => (i.decision = null), 'decision: expected an orientation decision'],
    [
      'the person absent',
      (i) => (i.attendance.beneficiary = 'absent'),
      'attendance.beneficiary: expected "present"',
    ],
    [
      'no France Travail advisor',
      (i) => (i.attendance.peAdvisor = null),
      'attendance.peAdvisor: expected the France Travail advisor',
    ],
    [
      'answers changed after the decision',
      (i) => (i.employment.availability = 'unavailable'),
      'decision.computed: expected the engine',
    ],
    [
      'a referential other than the one that decided',
      (i) => {
        if (i.decision) i.decision.computed.referentialHash = 'f'.repeat(64);
      },
      'decision.computed.referentialHash: expected the référentiel that decided',
    ],
  ];
  it.each(refusals)('refuses %s, naming the field', (_name, change, message) => {
    const interview = closedInterview();
    change(interview);
    expect(() => exportInterview(interview, NORD_2023)).toThrow(ValidationError);
    expect(() => exportInterview(interview, NORD_2023)).toThrow(message);
  });
});

describe('buildInterviewExport', () => {
  const set = demoInterviews({
    count: 120,
    seed: 13,
    from: '2026-01-01',
    days: 120,
    territories: ['59-a', '59-b'],
    prefix: 'ix',
  });
  const period = { from: '2026-02-01', to: '2026-03-31' };
  const build = (territory: string | null = null, records = set) =>
    buildInterviewExport(records, {
      exportedAt: '2026-04-02T08:00:00.000Z',
      period,
      territory,
      referentials: lookup,
    });

  it('exports the latest closed version of each decided interview of the period, in date order', () => {
    const { document, leftOut } = build();
    const ids = document.interviews.map((i) => i.interview.id);
    const inPeriod = set.filter(
      (d) => d.interview.date >= period.from && d.interview.date <= period.to,
    );
    const expected = inPeriod.filter(
      (d) =>
        d.interview.status === 'closed' &&
        d.interview.decision !== null &&
        !set.some((o) => o.interview.previousVersionId === d.interview.id),
    );
    expect(ids).toEqual(
      expected
        .map((d) => d.interview)
        .sort((a, b) => (a.date === b.date ? (a.id < b.id ? -1 : 1) : a.date < b.date ? -1 : 1))
        .map((i) => i.id),
    );
    expect(ids.length).toBeGreaterThan(20);
    expect(leftOut.notClosed + leftOut.noDecision + leftOut.superseded + ids.length).toBe(
      inPeriod.length,
    );
    expect(leftOut.notClosed).toBeGreaterThan(0);
    expect(leftOut.noDecision).toBeGreaterThan(0);
  });

  it('keeps a correction and leaves out the version it corrects', () => {
    const corrected = closedInterview();
    const correction: Interview = {
      ...structuredClone(corrected),
      id: 'itw-test-1-v2',
      version: 2,
      previousVersionId: corrected.id,
    };
    const records = [{ interview: corrected }, { interview: correction }];
    const result = buildInterviewExport(records, {
      exportedAt: '2026-04-02T08:00:00.000Z',
      period: { from: '2026-03-01', to: '2026-03-31' },
      territory: null,
      referentials: lookup,
    });
    expect(
      result.document.interviews.map((i) => [i.interview.id, i.interview.previousVersionId]),
    ).toEqual([['itw-test-1-v2', 'itw-test-1']]);
    expect(result.leftOut.superseded).toBe(1);
    // A correction still in draft does not supersede the closed version yet.
    correction.status = 'draft';
    const draftCorrection = buildInterviewExport(records, {
      exportedAt: '2026-04-02T08:00:00.000Z',
      period: { from: '2026-03-01', to: '2026-03-31' },
      territory: null,
      referentials: lookup,
    });
    expect(draftCorrection.document.interviews.map((i) => i.interview.id)).toEqual(['itw-test-1']);
    expect(draftCorrection.leftOut.notClosed).toBe(1);
  });

  it.each(['59-a', '59-b'])(
    'keeps only the interviews filed under territory %s when asked',
    (t) => {
      const { document } = build(t);
      expect(document.territory).toBe(t);
      expect(document.interviews.length).toBeGreaterThan(0);
      expect(document.interviews.every((i) => i.interview.territory === t)).toBe(true);
    },
  );

  it('refuses a decision made with a référentiel version it does not know, naming the field', () => {
    const other = loadReferential({ ...structuredClone(NORD_2023), version: '9.9.9' });
    expect(other.contentHash).not.toBe(NORD_2023.contentHash);
    expect(() =>
      buildInterviewExport(set, {
        exportedAt: '2026-04-02T08:00:00.000Z',
        period,
        territory: null,
        referentials: (ref) => (ref.contentHash === other.contentHash ? other : undefined),
      }),
    ).toThrow('decision.computed.referentialVersion: expected a référentiel version known here');
  });
});

describe('the export format', () => {
  const document = buildInterviewExport(
    [{ interview: closedInterview(), territory: '59-tourcoing' }],
    {
      exportedAt: '2026-04-02T08:00:00.000Z',
      period: { from: '2026-03-01', to: '2026-03-31' },
      territory: null,
      referentials: lookup,
    },
  ).document;

  it('names its format and version', () => {
    expect(document.format).toBe(INTERVIEW_EXPORT_FORMAT);
    expect(document.version).toBe(INTERVIEW_EXPORT_VERSION);
    expect(document.interviews).toHaveLength(1);
  });

  it('validates against the zod schema and the published JSON Schema', () => {
    expect(InterviewExportSchema.safeParse(document).success).toBe(true);
    expect(checkJsonSchema(interviewExportJsonSchema(), document)).toEqual([]);
  });

  it.each([
    ['an unknown version', (d: Record<string, unknown>) => (d.version = '2.0'), '$.version'],
    [
      'a signature image',
      (d: Record<string, unknown>) => {
        const [first] = d.interviews as { contract: { signatures: { beneficiary: object } } }[];
        if (first) first.contract.signatures.beneficiary = { svgPath: 'M0 0', signed: true };
      },
      '$.interviews[0].contract.signatures.beneficiary',
    ],
    [
      'a missing référentiel',
      (d: Record<string, unknown>) => {
        const [first] = d.interviews as Record<string, unknown>[];
        if (first) delete first.referential;
      },
      'missing referential',
    ],
  ])('rejects %s in both schemas', (_name, change, error) => {
    const broken = structuredClone(document) as unknown as Record<string, unknown>;
    change(broken);
    expect(InterviewExportSchema.safeParse(broken).success).toBe(false);
    expect(checkJsonSchema(interviewExportJsonSchema(), broken).join('\n')).toContain(error);
  });

  it('has its committed JSON Schema up to date (npm run interop:schema rewrites it)', () => {
    const path = new URL(
      `../../../docs/interop/interview-export-${INTERVIEW_EXPORT_VERSION}.schema.json`,
      import.meta.url,
    );
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(interviewExportJsonSchema());
  });
});
