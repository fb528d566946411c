/**
 * The closing list of the interview page: what the shared rule (findMissing) says closing still
 * needs, each item with the place of the page that completes it (a section, the orientation panel,
 * or the contract page).
 */
import { findMissing, type ClosingInputs, type ClosingPlace } from '../../../shared/domain';
import type { Referential } from '../../../shared/referential';
import { missingLabel, type Orientation } from '../orientation/decision-form';

export interface MissingItem {
  /** Where to go to fix it (a section id of the interview page, or the contract page). */
  target:
    | 'sec-attendance'
    | 'sec-identity'
    | 'sec-employment'
    | 'sec-barriers'
    | 'orientation'
    | 'contract'
    | 'sec-consent';
  label: string;
}

const TARGETS = {
  attendance: 'sec-attendance',
  identity: 'sec-identity',
  employment: 'sec-employment',
  barriers: 'sec-barriers',
  decision: 'orientation',
  contract: 'contract',
  consent: 'sec-consent',
} as const satisfies Record<ClosingPlace, MissingItem['target']>;

export function missingForClosing(
  interview: ClosingInputs,
  orientation: Orientation,
  referential: Referential,
): MissingItem[] {
  const criteria = orientation.derived.missing.map((m) => ({
    field: m.field,
    label: missingLabel(m, referential),
  }));
  return findMissing(interview, criteria).map((m) => ({
    target: TARGETS[m.place],
    label: m.label,
  }));
}
