import { describe, expect, it } from 'vitest';
import { InterviewSchema } from '../../../shared/domain/interview';
import { emptySatisfaction, SatisfactionSectionSchema } from '../../../shared/domain/satisfaction';
import { baseInterview } from '../../fixtures/interviews';

describe('the satisfaction section', () => {
  it('lets a record written before it existed parse, with every answer not asked', () => {
    const { satisfaction: _ignored, ...older } = baseInterview();
    const parsed = InterviewSchema.parse(older);
    expect(parsed.satisfaction).toEqual(emptySatisfaction());
  });

  it.each([[1], [4], ['skipped'], [null]])('accepts the answer %s', (answer) => {
    const section = emptySatisfaction();
    expect(
      SatisfactionSectionSchema.safeParse({
        ...section,
        beneficiary: { ...section.beneficiary, useful: answer },
      }).success,
    ).toBe(true);
  });

  it.each([[0], [5], [2.5], ['yes']])('refuses the answer %s', (answer) => {
    const section = emptySatisfaction();
    const result = SatisfactionSectionSchema.safeParse({
      ...section,
      professionals: { ...section.professionals, peAdvisor: answer },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['professionals', 'peAdvisor']);
  });
});
