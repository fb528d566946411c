/**
 * Satisfaction questions asked at the end of the co-diagnostic (Annexe D of the convention:
 * "satisfaction des bénéficiaires et des professionnels"; DOMAIN §4). Three short questions for the
 * beneficiary, on the laptop turned to them, and one for each professional; every answer is a
 * score from 1 to 4, `skipped` when the person chose not to answer, or null when not asked yet.
 * Records written before this section existed parse with every answer null.
 */
import { z } from 'zod';

export const SATISFACTION_SCORES = [1, 2, 3, 4] as const;

/** A score of 1 (pas du tout) to 4 (tout à fait), `skipped`, or null (not asked). */
export const SatisfactionAnswerSchema = z
  .union([
    z.literal('skipped'),
    z.number().int().min(1, 'expected a score from 1 to 4').max(4, 'expected a score from 1 to 4'),
  ])
  .nullable();
export type SatisfactionAnswer = z.infer<typeof SatisfactionAnswerSchema>;

export const BENEFICIARY_SATISFACTION_QUESTIONS = ['listened', 'understood', 'useful'] as const;
export type BeneficiarySatisfactionQuestion = (typeof BENEFICIARY_SATISFACTION_QUESTIONS)[number];

export const SatisfactionSectionSchema = z.strictObject({
  beneficiary: z.strictObject({
    listened: SatisfactionAnswerSchema,
    understood: SatisfactionAnswerSchema,
    useful: SatisfactionAnswerSchema,
  }),
  /** The one professionals' question, answered by each of the two. */
  professionals: z.strictObject({
    peAdvisor: SatisfactionAnswerSchema,
    cdProfessional: SatisfactionAnswerSchema,
  }),
});
export type SatisfactionSection = z.infer<typeof SatisfactionSectionSchema>;

/** The questions in plain French, as the laptop shows them (large type, one at a time). */
export const SATISFACTION_QUESTION_LABELS = {
  listened: 'Aujourd’hui, vous êtes-vous senti(e) écouté(e) ?',
  understood: 'Avez-vous bien compris ce qui va se passer pour vous maintenant ?',
  useful: 'Pensez-vous que ce rendez-vous va vous aider ?',
  professional: 'Ce co-diagnostic à deux a-t-il permis de bien orienter la personne ?',
} as const satisfies Record<BeneficiarySatisfactionQuestion | 'professional', string>;

export const SATISFACTION_SCALE_LABELS = {
  1: 'Pas du tout',
  2: 'Plutôt non',
  3: 'Plutôt oui',
  4: 'Tout à fait',
} as const satisfies Record<(typeof SATISFACTION_SCORES)[number], string>;

export function emptySatisfaction(): SatisfactionSection {
  return {
    beneficiary: { listened: null, understood: null, useful: null },
    professionals: { peAdvisor: null, cdProfessional: null },
  };
}
