/**
 * The admin route of the steering indicators (Annexe D of the convention, issue 6):
 * `POST /admin/indicators` asks for a period (and a territory), and answers the reports of
 * shared/indicators exactly as `codiag indicators --format json` prints them. The answer's schema
 * mirrors `IndicatorReport`; a compile-time check below keeps the two in step.
 */
import { z } from 'zod';
import type { IndicatorReport } from '../indicators/compute-indicators';
import { IsoDateSchema } from '../util/dates';
import { TerritorySchema } from './messages';

/** `nord-2023@1.1.0`: a référentiel version published on the server. */
export const ReferentialSelectorSchema = z
  .string()
  .regex(/^[^@\s]{1,100}@[^@\s]{1,100}$/, 'expected ID@VERSION, such as nord-2023@1.1.0');

export const IndicatorsRequestSchema = z
  .strictObject({
    from: IsoDateSchema,
    to: IsoDateSchema,
    /** One territory; absent: one report per territory that has interviews in the period. */
    territory: TerritorySchema.optional(),
    /** The référentiel to read dominantes and deadlines with; absent: the shipped default. */
    referential: ReferentialSelectorSchema.optional(),
  })
  .superRefine((request, ctx) => {
    if (request.from > request.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'expected a date not before from' });
    }
  });
export type IndicatorsRequest = z.infer<typeof IndicatorsRequestSchema>;

const count = z.number().int().min(0);
const share = z.number().nullable();
const days = z.number().nullable();

const QuestionStatsSchema = z.strictObject({
  answered: count,
  skipped: count,
  notAsked: count,
  average: z.number().nullable(),
  distribution: z.tuple([count, count, count, count]),
});

const SplitSchema = z.strictObject({
  total: count,
  rows: z.array(
    z.strictObject({
      dominante: z.string(),
      label: z.string(),
      count,
      share,
      target: z.number().nullable(),
      gapPoints: z.number().nullable(),
    }),
  ),
});

export const IndicatorReportSchema = z.strictObject({
  period: z.strictObject({ from: IsoDateSchema.nullable(), to: IsoDateSchema.nullable() }),
  territory: z.string().nullable(),
  referential: z.strictObject({ id: z.string(), version: z.string(), contentHash: z.string() }),
  attendance: z.strictObject({
    records: count,
    held: count,
    inProgress: count,
    absent: count,
    excused: count,
    attendanceNotRecorded: count,
    absenceRate: share,
    beneficiaries: count,
    diagnostics: count,
  }),
  byMonth: z.array(
    z.strictObject({
      month: z.string(),
      held: count,
      inProgress: count,
      absent: count,
      excused: count,
    }),
  ),
  delayToFirstInterview: z.strictObject({
    count,
    medianDays: days,
    meanDays: days,
    deadlineDays: z.number(),
    withinDeadline: count,
    shareWithinDeadline: share,
    inconsistent: count,
  }),
  split: z.strictObject({ stock: SplitSchema, flux: SplitSchema, all: SplitSchema }),
  intensiveSupport: z.strictObject({
    decided: count,
    intensive: count,
    share,
    byMode: z.strictObject({ standard: count, progressive: count, reduced: count, exempt: count }),
  }),
  delayToFirstAction: z.strictObject({
    count,
    withoutActions: count,
    medianDays: days,
    meanDays: days,
    minDays: days,
    maxDays: days,
    inconsistent: count,
  }),
  progression: z.strictObject({
    pairs: count,
    beneficiaries: count,
    towardEmploi: count,
    sameDominante: count,
    awayFromEmploi: count,
    notComparable: count,
    withCriteria: count,
    fewerConstraints: count,
    moreConstraints: count,
    columnDeltas: z.array(z.strictObject({ column: z.string(), meanDelta: z.number().nullable() })),
  }),
  satisfaction: z.strictObject({
    interviews: count,
    beneficiary: z.strictObject({
      listened: QuestionStatsSchema,
      understood: QuestionStatsSchema,
      useful: QuestionStatsSchema,
    }),
    professionals: z.strictObject({
      peAdvisor: QuestionStatsSchema,
      cdProfessional: QuestionStatsSchema,
      all: QuestionStatsSchema,
    }),
  }),
});

// The wire schema and the core's type must describe the same object: a field added to one and
// not the other fails to compile here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesReport: Same<z.infer<typeof IndicatorReportSchema>, IndicatorReport> = true;
void schemaMatchesReport;

export const IndicatorsResponseSchema = z.strictObject({
  /** One report per territory (sorted by code), or the one asked for. */
  reports: z.array(IndicatorReportSchema),
});
export type IndicatorsResponse = z.infer<typeof IndicatorsResponseSchema>;
