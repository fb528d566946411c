/**
 * Generated interviews of fake people (shared/demo) for the indicator tests and benchmark, the
 * way a year of co-diagnostics looks: most people seen once, some seen again later (progression),
 * absences and excused absences, a few drafts, a few corrections of a closed interview (a new
 * version linked by `previousVersionId`), decisions from the orientation engine.
 */
import { fakeInterview, pick, seededRandom } from '../../shared/demo/fake-people';
import type { WeeklyHours } from '../../shared/domain/decision';
import { deriveCriteria } from '../../shared/domain/derive-criteria';
import { followComputed } from '../../shared/domain/draft-decision';
import type { Interview } from '../../shared/domain/interview';
import { evaluateOrientation } from '../../shared/orientation/evaluate-orientation';
import { NORD_2023, structuresFor } from '../../shared/referential';
import { addDays, type IsoDate } from '../../shared/util/dates';

const HOURS: readonly WeeklyHours[] = [
  { mode: 'standard', hours: 15 },
  {
    mode: 'progressive',
    startHours: 5,
    targetHours: 15,
    reachTargetByWeek: 8,
    motive: 'health',
    detail: '',
  },
  { mode: 'reduced', hours: 8, motive: 'family', detail: '' },
  { mode: 'exempt', motive: 'health', detail: '' },
];

export interface DemoInterview {
  interview: Interview;
  territory: string;
}

export interface DemoInterviewOptions {
  count: number;
  seed: number;
  /** The first interview date; interviews spread over `days` days from it. */
  from: IsoDate;
  days: number;
  territories: readonly string[];
  /** Prefix of interview and person ids, to keep generated sets apart. */
  prefix: string;
}

/** `count` interview records (corrections included), in date order. */
export function demoInterviews(options: DemoInterviewOptions): DemoInterview[] {
  const random = seededRandom(options.seed);
  const out: DemoInterview[] = [];
  const people: { id: string; first: Interview; territory: string }[] = [];
  for (let n = 0; out.length < options.count; n++) {
    const date = addDays(options.from, Math.floor((n * options.days) / options.count));
    const generated = fakeInterview(random, n, date, `${date}T09:00:00+01:00`);
    const again = people.length > 0 && random() < 0.2 ? pick(random, people) : null;
    const territory = again?.territory ?? pick(random, options.territories);
    const i: Interview = {
      ...generated,
      id: `${options.prefix}-itw-${n}`,
      beneficiaryId: again?.id ?? `${options.prefix}-p-${n}`,
      identity: again ? structuredClone(again.first.identity) : generated.identity,
    };
    const r = random();
    if (r < 0.1) i.attendance.beneficiary = 'absent';
    else if (r < 0.14) i.attendance.beneficiary = 'excused';
    else if (r < 0.16) i.attendance.beneficiary = null;
    i.status = r < 0.16 || random() < 0.97 ? 'closed' : 'draft';
    if (i.attendance.beneficiary === null) i.status = 'draft';
    i.closedAt = i.status === 'closed' ? `${date}T11:00:00+01:00` : null;
    const derived = deriveCriteria(i);
    if (i.attendance.beneficiary === 'present' && i.status === 'closed' && derived.complete) {
      const result = evaluateOrientation(derived.criteria, NORD_2023);
      i.decision = followComputed(
        result,
        structuresFor(NORD_2023, result.dominante)[0]?.id ?? 'pe-conseiller',
        pick(random, HOURS),
      );
      const actions = Math.floor(random() * 3);
      for (let k = 0; k < actions; k++) {
        i.contract.actions.push({
          id: `${i.id}-a${k}`,
          label: 'Action de démonstration',
          dueDate: addDays(date, 3 + Math.floor(random() * 40)),
          domain: 'employment',
          serviceIds: [],
        });
      }
      i.satisfaction.beneficiary.listened = pick(random, [1, 2, 3, 4, 'skipped', null] as const);
      i.satisfaction.professionals.peAdvisor = pick(random, [2, 3, 4, 'skipped'] as const);
    }
    out.push({ interview: i, territory });
    if (!again) people.push({ id: i.beneficiaryId, first: i, territory });
    if (i.decision && random() < 0.03 && out.length < options.count) {
      // A correction after closing: a new version that supersedes this one.
      const correction: Interview = {
        ...structuredClone(i),
        id: `${i.id}-v2`,
        version: 2,
        previousVersionId: i.id,
        decision: { ...i.decision, weeklyHours: pick(random, HOURS) },
      };
      out.push({ interview: correction, territory });
    }
  }
  return out;
}
