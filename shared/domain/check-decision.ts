/**
 * Checks an orientation decision against the référentiel it was made with: the dominantes,
 * structure and exemption motive it names must exist there, and a total exemption needs a motive
 * that allows one (DOMAIN §2.3, §7).
 */
import type { Referential } from '../referential/load-referential';
import type { FieldIssue } from '../util/errors';
import type { OrientationDecision } from './decision';

export function checkDecision(
  decision: OrientationDecision,
  referential: Referential,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const dominantes = new Set(referential.dominantes.map((d) => d.code));
  const add = (path: string, message: string) => issues.push({ path, message });
  if (!dominantes.has(decision.finalDominante)) {
    add('decision.finalDominante', `expected one of ${[...dominantes].join(', ')}`);
  }
  const structure = referential.structures.find((s) => s.id === decision.referentStructureId);
  if (!structure) {
    add('decision.referentStructureId', 'expected a structure of the référentiel');
  } else if (structure.dominante !== decision.finalDominante) {
    add(
      'decision.referentStructureId',
      `structure ${structure.id} belongs to dominante ${structure.dominante}, not ${decision.finalDominante}`,
    );
  }
  const hours = decision.weeklyHours;
  if (hours.mode !== 'standard') {
    const motive = referential.exemptionMotives.find((m) => m.code === hours.motive);
    if (!motive) {
      add(
        'decision.weeklyHours.motive',
        `expected one of ${referential.exemptionMotives.map((m) => m.code).join(', ')}`,
      );
    } else {
      if (hours.mode === 'exempt' && !motive.allowsTotal) {
        add(
          'decision.weeklyHours.mode',
          `the motive ${motive.code} does not allow a total exemption`,
        );
      }
      if (motive.requiresDetail && hours.detail.trim() === '') {
        add('decision.weeklyHours.detail', `the motive ${motive.code} must be explained`);
      }
    }
  }
  if (hours.mode === 'standard' || hours.mode === 'progressive') {
    const target = hours.mode === 'standard' ? hours.hours : hours.targetHours;
    const { min, max } = referential.weeklyHours;
    if (target < min || target > max) {
      add(
        hours.mode === 'standard'
          ? 'decision.weeklyHours.hours'
          : 'decision.weeklyHours.targetHours',
        `expected between ${min} and ${max} hours a week`,
      );
    }
  }
  if (hours.mode === 'progressive' && hours.startHours >= hours.targetHours) {
    add('decision.weeklyHours.startHours', 'expected fewer hours at the start than the target');
  }
  if (hours.mode === 'reduced' && hours.hours >= referential.weeklyHours.min) {
    add('decision.weeklyHours.hours', `expected fewer than ${referential.weeklyHours.min} hours`);
  }
  return issues;
}
