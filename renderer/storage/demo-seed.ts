/**
 * Demo data for `npm run web`: about forty generated, obviously fake people with convocations
 * around today, and two interviews in progress, so a newcomer sees a full agenda at once. Only
 * when the database is empty; never in the packaged app.
 */
import type { Beneficiary, Interview } from '../../shared/domain';
import { fakeBeneficiary, fakeInterview, pick, seededRandom } from '../../shared/demo/fake-people';
import { addDays, type IsoDate } from '../../shared/util/dates';
import type { StorageContext } from './database';
import { NORD_2023 } from '../../shared/referential';
import { seedDemoHistory } from './demo-history';
import { seedDemoServicesIfEmpty } from './demo-services';
import { saveInterview } from './interview-repository';
import { importPeople } from './people-repository';
import type { AgendaEntry, DeclaredData } from './records';

export const DEMO_PEOPLE = 40;
const PLACE = 'Tourcoing — Maison Nord Emploi';
const HOURS = ['09:00', '10:00', '11:00', '14:00', '15:00', '16:00'] as const;

function declaredFor(random: () => number): DeclaredData | null {
  if (random() < 0.4) return null;
  return {
    maritalStatus: pick(random, ['single', 'married', 'cohabiting', 'separated'] as const),
    dependentChildren: Math.floor(random() * 4),
    workSituation: pick(random, [
      'job-seeking',
      'at-home',
      'employed',
      'training-seeking',
    ] as const),
    educationLevel: pick(random, ['CFG', 'NV5', 'NV4', 'NV3'] as const),
    franceTravailRegistered: random() < 0.6,
  };
}

export function buildDemoPeople(
  today: IsoDate,
  nowIso: string,
): { beneficiary: Beneficiary; convocation: AgendaEntry }[] {
  const random = seededRandom(2023);
  const items: { beneficiary: Beneficiary; convocation: AgendaEntry }[] = [];
  for (let i = 0; i < DEMO_PEOPLE; i++) {
    const beneficiary = fakeBeneficiary(random, i, today);
    // A third today, the rest over the next ten days; flux people are convoked after their rights
    // opened (some late, past the référentiel's 15 days).
    const dayOffset = i < 8 ? 0 : 1 + Math.floor(random() * 10);
    let day = addDays(today, dayOffset);
    if (day < beneficiary.rsaRightsOpenedOn) day = beneficiary.rsaRightsOpenedOn;
    const hour = pick(random, HOURS);
    items.push({
      beneficiary,
      convocation: {
        id: `conv-${String(i + 1).padStart(6, '0')}`,
        beneficiaryId: beneficiary.id,
        convocationAt: `${day}T${hour}:00+01:00`,
        place: PLACE,
        status: 'planned',
        declared: declaredFor(random),
        updatedAt: nowIso,
      },
    });
  }
  return items;
}

function beneficiaryOf(interview: Interview): Beneficiary {
  const { identity } = interview;
  return {
    id: interview.beneficiaryId,
    firstName: identity.firstName,
    lastName: identity.lastName,
    birthDate: identity.birthDate,
    rsaRightsOpenedOn: identity.rsaRightsOpenedOn,
    cohort: identity.cohort,
    ...(identity.sex ? { sex: identity.sex } : {}),
    ...(identity.address ? { address: identity.address } : {}),
    ...(identity.email ? { email: identity.email } : {}),
    ...(identity.phone ? { phone: identity.phone } : {}),
  };
}

/** Seeds the demo people once; returns whether it did. */
export async function seedDemoIfEmpty(ctx: StorageContext, today: IsoDate): Promise<boolean> {
  // Also on a demo database seeded before the services existed.
  await seedDemoServicesIfEmpty(ctx);
  const count = await ctx.db.beneficiaries.count();
  if (count > 0) return false;
  const now = ctx.now();
  await importPeople(ctx, buildDemoPeople(today, now));
  // A past of closed interviews, for the dashboard.
  await seedDemoHistory(ctx, today, NORD_2023);
  for (const interview of buildDemoInterviewsInProgress(today, now)) {
    await importPeople(ctx, [{ beneficiary: beneficiaryOf(interview), convocation: null }]);
    await saveInterview(ctx, { interview, formDrafts: {} });
  }
  return true;
}

/** The two demo interviews in progress today (the end-to-end tests recompute the dashboard). */
export function buildDemoInterviewsInProgress(today: IsoDate, now: string): Interview[] {
  const random = seededRandom(59);
  return [DEMO_PEOPLE, DEMO_PEOPLE + 1].map((index) => {
    const interview = fakeInterview(random, index, today, now);
    interview.id = `itw-demo-${index + 1}`;
    interview.synthesis = '';
    return interview;
  });
}
