/**
 * A past of fake closed interviews for the demo (`?demo=1`), so the dashboard has something to
 * show without a server: about two dozen interviews over the last six months, some absences,
 * decisions computed by the orientation engine, actions and satisfaction answers. Stored as if
 * already synced (server revision, acknowledged, no outbox entry), so the agenda and the sync
 * page stay as they were. Only on an empty demo database; never in the packaged app.
 */
import { deriveCriteria } from '../../shared/domain/derive-criteria';
import { followComputed } from '../../shared/domain/draft-decision';
import type { Interview, OrientationDecision } from '../../shared/domain';
import { fakeInterview, pick, seededRandom } from '../../shared/demo/fake-people';
import { evaluateOrientation } from '../../shared/orientation';
import { structuresFor, type Referential } from '../../shared/referential';
import { addDays, type IsoDate } from '../../shared/util/dates';
import type { StorageContext } from './database';
import { encodeInterview, interviewRowOf, interviewSummaryRowOf } from './interview-repository';
import { InterviewDocumentSchema, type InterviewRow, type InterviewSummaryRow } from './records';

export const DEMO_HISTORY = 24;

function decide(interview: Interview, referential: Referential): OrientationDecision | null {
  const derived = deriveCriteria(interview);
  if (!derived.complete) return null;
  const result = evaluateOrientation(derived.criteria, referential);
  const structure = structuresFor(referential, result.dominante)[0];
  if (!structure) return null;
  return followComputed(result, structure.id, { mode: 'standard', hours: 15 });
}

export function buildDemoHistory(
  today: IsoDate,
  now: string,
  referential: Referential,
): Interview[] {
  const random = seededRandom(404);
  const score = () => pick(random, [2, 3, 3, 4, 4, 'skipped'] as const);
  const history: Interview[] = [];
  for (let n = 0; n < DEMO_HISTORY; n++) {
    const date = addDays(today, -7 - Math.floor((n * 180) / DEMO_HISTORY));
    const interview = fakeInterview(random, 100 + n, date, now);
    interview.id = `itw-demo-past-${n + 1}`;
    // Rights opened 5 to 30 days before for new entrants (some past the 15-day deadline).
    interview.identity.rsaRightsOpenedOn = addDays(date, -5 - Math.floor(random() * 25));
    if (n % 6 === 5) {
      interview.attendance.beneficiary = 'absent';
      interview.attendance.absence = {
        suspensionNoticeGiven: true,
        justificationDeadline: addDays(date, 10),
        comment: '',
      };
    } else {
      const decision = decide(interview, referential);
      if (!decision) continue;
      interview.decision = decision;
      interview.contract.actions = [
        {
          id: `${interview.id}-action-1`,
          label: 'Premier rendez-vous avec le référent',
          dueDate: addDays(date, 7 + Math.floor(random() * 21)),
          domain: 'employment',
          serviceIds: [],
        },
      ];
      interview.satisfaction = {
        beneficiary: { listened: score(), understood: score(), useful: score() },
        professionals: { peAdvisor: score(), cdProfessional: score() },
      };
    }
    interview.status = 'closed';
    interview.closedAt = `${date}T11:00:00.000Z`;
    interview.updatedAt = interview.closedAt;
    history.push(interview);
  }
  return history;
}

/** Stores the demo history as already synced: no outbox entry, nothing waits. */
export async function seedDemoHistory(
  ctx: StorageContext,
  today: IsoDate,
  referential: Referential,
): Promise<number> {
  const now = ctx.now();
  const rows: InterviewRow[] = [];
  const summaries: InterviewSummaryRow[] = [];
  for (const interview of buildDemoHistory(today, now, referential)) {
    const doc = InterviewDocumentSchema.parse({ interview, formDrafts: {} });
    const encoded = await encodeInterview(ctx, doc);
    rows.push(interviewRowOf(doc.interview, encoded.payload, 1, now));
    summaries.push(interviewSummaryRowOf(doc.interview, encoded));
  }
  await ctx.db.transaction('rw', ctx.db.interviews, ctx.db.interviewSummaries, async () => {
    await ctx.db.interviews.bulkPut(rows);
    await ctx.db.interviewSummaries.bulkPut(summaries);
  });
  return rows.length;
}
