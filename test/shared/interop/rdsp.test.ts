import { describe, expect, it } from 'vitest';
import { fakeBeneficiary, seededRandom } from '../../../shared/demo/fake-people';
import { newInterview, type Interview } from '../../../shared/domain';
import {
  parseRdspJsonLines,
  prefillFromDeclaration,
  RdspDeclarationSchema,
  type RdspAnswers,
} from '../../../shared/interop/rdsp';

const beneficiary = fakeBeneficiary(seededRandom(7), 0, '2026-04-01');
const blank = (): Interview =>
  newInterview({
    id: 'itw-rdsp',
    beneficiary,
    date: '2026-04-10',
    place: 'Agence fictive',
    now: '2026-04-10T07:30:00.000Z',
  });

/** Reads a dotted field path of the interview. */
const at = (interview: Interview, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], interview);

describe('prefillFromDeclaration (RDSP answers → interview answers « à confirmer »)', () => {
  it.each<[string, RdspAnswers, string, unknown]>([
    ['the marital status', { maritalStatus: 'separated' }, 'identity.maritalStatus', 'separated'],
    ['the dependent children', { dependentChildren: 3 }, 'identity.dependentChildren', 3],
    ['the children under 3', { childrenUnder3: 0 }, 'identity.childrenUnder3', 0],
    [
      'the work situation',
      { workSituation: 'family-caregiver' },
      'employment.workSituation',
      'family-caregiver',
    ],
    ['the last job date', { lastJobDate: '2024-11-30' }, 'employment.lastJobDate', '2024-11-30'],
    ['the education level', { educationLevel: 'CP4' }, 'employment.educationLevel', 'CP4'],
    [
      'the France Travail registration (even false)',
      { franceTravailRegistered: false },
      'employment.franceTravailRegistered',
      false,
    ],
  ])('pre-fills %s at its path and marks only it to confirm', (_name, answers, path, value) => {
    const { interview, prefilled, paths } = prefillFromDeclaration(blank(), answers);
    expect(at(interview, path)).toEqual(value);
    expect(paths).toEqual([path]);
    expect(interview.declaredUnconfirmed).toEqual(prefilled);
    expect(prefilled).toHaveLength(1);
  });

  it('leaves every other answer as it was and lists the pre-filled ones in page order', () => {
    const before = blank();
    const { interview, paths } = prefillFromDeclaration(before, {
      educationLevel: 'NV5',
      maritalStatus: 'single',
    });
    expect(paths).toEqual(['identity.maritalStatus', 'employment.educationLevel']);
    expect(interview.declaredUnconfirmed).toEqual(['maritalStatus', 'educationLevel']);
    expect({ ...interview.employment, educationLevel: null }).toEqual(before.employment);
    expect({ ...interview.identity, maritalStatus: null }).toEqual(before.identity);
    expect(before.employment.educationLevel).toBeNull();
  });

  it('pre-fills nothing from an empty declaration, or from answers left null', () => {
    expect(prefillFromDeclaration(blank(), {})).toEqual({
      interview: blank(),
      prefilled: [],
      paths: [],
    });
    expect(prefillFromDeclaration(blank(), { workSituation: null }).prefilled).toEqual([]);
  });
});

describe('RdspDeclarationSchema', () => {
  const valid = {
    beneficiaryId: 'demo-000001',
    declaredOn: '2026-03-20',
    answers: { dependentChildren: 2, childrenUnder3: 1, lastJobDate: '2026-03-20' },
  };

  it('accepts a declaration with some answers', () => {
    expect(RdspDeclarationSchema.parse(valid)).toEqual(valid);
  });

  it.each<[string, unknown, string]>([
    [
      'more children under 3 than dependent children',
      { dependentChildren: 1, childrenUnder3: 2 },
      'answers.childrenUnder3',
    ],
    ['a last job after the declaration', { lastJobDate: '2026-03-21' }, 'answers.lastJobDate'],
    ['an unknown education level', { educationLevel: 'BAC' }, 'answers.educationLevel'],
    ['a negative number of children', { dependentChildren: -1 }, 'answers.dependentChildren'],
    ['an answer the schema does not know', { housing: 'hosted' }, 'answers'],
  ])('refuses %s, naming the field', (_name, answers, path) => {
    const result = RdspDeclarationSchema.safeParse({ ...valid, answers });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual([path]);
  });
});

describe('parseRdspJsonLines', () => {
  it('numbers lines from 1, skips blank lines, and names each error by line and field', () => {
    const text = [
      JSON.stringify({ beneficiaryId: 'a-1', declaredOn: '2026-03-01', answers: {} }),
      '',
      'not json',
      JSON.stringify({ beneficiaryId: 'a-2', declaredOn: '2026-02-30', answers: {} }),
    ].join('\r\n');
    const parsed = parseRdspJsonLines(text);
    expect(parsed.declarations.map((d) => d.line)).toEqual([1]);
    expect(parsed.errors).toEqual([
      { line: 3, path: '(line)', message: 'expected one JSON object on the line' },
      {
        line: 4,
        path: 'declaredOn',
        message: expect.stringContaining('expected a real calendar date'),
      },
    ]);
  });
});
