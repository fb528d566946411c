/**
 * The contract's weekly plan (Article 1 of the convention, DOMAIN §2.3: 15 to 20 hours of activity
 * a week): adds up the weekly hours (`volume_horaire_hebdomadaire`) of the chosen services, week by
 * week when they last a limited number of weeks (`nombre_semaines`), and says how far the total is
 * from the hours the decision commits to.
 */
import type { WeeklyHours } from '../domain/decision';
import { assertNever } from '../util/assert';
import type { Service } from './service-schema';

export type PlannedService = Pick<
  Service,
  'id' | 'nom' | 'volume_horaire_hebdomadaire' | 'nombre_semaines'
>;

export interface WeeklyPlan {
  /** Hours a week in the first week (every chosen service running). */
  totalHours: number;
  commitmentHours: number;
  /** total − commitment: negative when hours are missing. */
  gapHours: number;
  status: 'below' | 'met' | 'above';
  /** Services whose catalogue entry gives no weekly hours: not counted, to be asked. */
  withoutHours: string[];
  /** Hours in each week while a service with a limited number of weeks runs; empty otherwise. */
  byWeek: { week: number; hours: number; status: 'below' | 'met' | 'above' }[];
}

const round2 = (v: number) => Math.round(v * 100) / 100;
const statusOf = (hours: number, commitment: number): WeeklyPlan['status'] =>
  hours < commitment ? 'below' : hours > commitment ? 'above' : 'met';

export function weeklyPlan(
  chosenServices: readonly PlannedService[],
  commitmentHours: number,
): WeeklyPlan {
  const counted = chosenServices.filter((s) => s.volume_horaire_hebdomadaire !== null);
  const hoursInWeek = (week: number) =>
    round2(
      counted
        .filter((s) => s.nombre_semaines === null || s.nombre_semaines >= week)
        .reduce((sum, s) => sum + (s.volume_horaire_hebdomadaire ?? 0), 0),
    );
  const totalHours = hoursInWeek(1);
  const horizon = Math.max(0, ...counted.map((s) => s.nombre_semaines ?? 0));
  const byWeek = [];
  for (let week = 1; week <= horizon; week++) {
    const hours = hoursInWeek(week);
    byWeek.push({ week, hours, status: statusOf(hours, commitmentHours) });
  }
  return {
    totalHours,
    commitmentHours,
    gapHours: round2(totalHours - commitmentHours),
    status: statusOf(totalHours, commitmentHours),
    withoutHours: chosenServices
      .filter((s) => s.volume_horaire_hebdomadaire === null)
      .map((s) => s.id),
    byWeek,
  };
}

/**
 * The weekly hours a decision commits to: the target hours (standard), the hours to reach
 * (progressive: the plan is built toward the target), the reduced hours, or none (exempt).
 */
export function commitmentHoursOf(weeklyHours: WeeklyHours): number {
  switch (weeklyHours.mode) {
    case 'standard':
      return weeklyHours.hours;
    case 'progressive':
      return weeklyHours.targetHours;
    case 'reduced':
      return weeklyHours.hours;
    case 'exempt':
      return 0;
    default:
      return assertNever(weeklyHours);
  }
}
