/**
 * The orientation decision (DOMAIN §2.2–2.3): the computed dominante is kept beside each
 * professional's opinion and any override, which needs a written justification; the weekly
 * activity commitment or its exemption is recorded with its motive.
 */
import { z } from 'zod';

const Code = z.string().min(1).max(64);
export const MIN_JUSTIFICATION_LENGTH = 20;

export const OpinionSchema = z.strictObject({
  dominante: Code,
  comment: z.string().max(2000),
});

export const WeeklyHoursSchema = z.discriminatedUnion('mode', [
  /** The référentiel's target (15–20 h in Nord). */
  z.strictObject({ mode: z.literal('standard'), hours: z.number().min(1).max(35) }),
  /** A ramp-up from `startHours` to the target by week `reachTargetByWeek`. */
  z.strictObject({
    mode: z.literal('progressive'),
    startHours: z.number().min(1).max(35),
    targetHours: z.number().min(1).max(35),
    reachTargetByWeek: z.number().int().min(2).max(52),
    motive: Code,
    detail: z.string().max(1000),
  }),
  z.strictObject({
    mode: z.literal('reduced'),
    hours: z.number().min(1).max(35),
    motive: Code,
    detail: z.string().max(1000),
  }),
  z.strictObject({ mode: z.literal('exempt'), motive: Code, detail: z.string().max(1000) }),
]);
export type WeeklyHours = z.infer<typeof WeeklyHoursSchema>;

export const OrientationDecisionSchema = z
  .strictObject({
    /** What the engine computed, with the référentiel version, kept even when overridden. */
    computed: z.strictObject({
      dominante: Code,
      ruleId: Code,
      referentialId: Code,
      referentialVersion: z.string(),
      referentialHash: z.string().regex(/^[0-9a-f]{64}$/),
    }),
    opinions: z.strictObject({
      peAdvisor: OpinionSchema.nullable(),
      cdProfessional: OpinionSchema.nullable(),
    }),
    override: z
      .strictObject({
        dominante: Code,
        justification: z
          .string()
          .trim()
          .min(
            MIN_JUSTIFICATION_LENGTH,
            `a justification of at least ${MIN_JUSTIFICATION_LENGTH} characters is required`,
          ),
      })
      .nullable(),
    finalDominante: Code,
    referentStructureId: Code,
    referentName: z.string().max(120),
    weeklyHours: WeeklyHoursSchema,
  })
  .superRefine((d, ctx) => {
    if (d.finalDominante !== d.computed.dominante) {
      if (!d.override) {
        ctx.addIssue({
          code: 'custom',
          path: ['override'],
          message:
            'the final dominante differs from the computed one: an override with a justification is required',
        });
      } else if (d.override.dominante !== d.finalDominante) {
        ctx.addIssue({
          code: 'custom',
          path: ['override', 'dominante'],
          message: 'the override must name the final dominante',
        });
      }
    } else if (d.override) {
      ctx.addIssue({
        code: 'custom',
        path: ['override'],
        message: 'no override is needed when the final dominante is the computed one',
      });
    }
  });
export type OrientationDecision = z.infer<typeof OrientationDecisionSchema>;
