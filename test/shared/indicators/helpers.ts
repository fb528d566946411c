/** Hand-built interview records for the indicator and export tests (fake people only). */
import type { OrientationDecision, WeeklyHours } from '../../../shared/domain/decision';
import type { Interview } from '../../../shared/domain/interview';
import type { SatisfactionSection } from '../../../shared/domain/satisfaction';
import type { IndicatorRecord } from '../../../shared/indicators';
import { baseInterview, decisionFor } from '../../fixtures/interviews';

const STRUCTURE: Record<string, string> = {
  emploi: 'pe-conseiller',
  equilibre: 'binome-pe-cd',
  remobilisation: 'cd-travailleur-social',
};

export const HOURS: Record<WeeklyHours['mode'], WeeklyHours> = {
  standard: { mode: 'standard', hours: 15 },
  progressive: {
    mode: 'progressive',
    startHours: 5,
    targetHours: 15,
    reachTargetByWeek: 8,
    motive: 'health',
    detail: '',
  },
  reduced: { mode: 'reduced', hours: 8, motive: 'family', detail: '' },
  exempt: { mode: 'exempt', motive: 'health', detail: '' },
};

export interface Spec {
  id: string;
  person: string;
  date: string;
  opened: string;
  cohort?: 'flux' | 'stock';
  attendance?: 'present' | 'absent' | 'excused' | null;
  status?: 'draft' | 'closed';
  dominante?: string;
  hours?: WeeklyHours['mode'];
  dues?: string[];
  satisfaction?: SatisfactionSection;
  version?: number;
  previousVersionId?: string;
  territory?: string;
  edit?: (interview: Interview) => void;
}

export function interviewOf(spec: Spec): Interview {
  const i = baseInterview();
  i.id = spec.id;
  i.beneficiaryId = spec.person;
  i.date = spec.date;
  i.identity.lastName = `Fictif-${spec.person}`;
  i.identity.rsaRightsOpenedOn = spec.opened;
  i.identity.cohort = spec.cohort ?? 'flux';
  i.employment.lastJobDate = '2024-01-01';
  i.attendance.beneficiary = spec.attendance === undefined ? 'present' : spec.attendance;
  i.status = spec.status ?? 'closed';
  i.closedAt = i.status === 'closed' ? `${spec.date}T11:00:00+01:00` : null;
  i.version = spec.version ?? 1;
  i.previousVersionId = spec.previousVersionId ?? null;
  if (spec.dominante) {
    const decision: OrientationDecision = decisionFor(
      spec.dominante,
      STRUCTURE[spec.dominante] ?? 'pe-conseiller',
      { weeklyHours: HOURS[spec.hours ?? 'standard'] },
    );
    i.decision = decision;
  }
  i.contract.actions = (spec.dues ?? []).map((dueDate, n) => ({
    id: `${spec.id}-action-${n + 1}`,
    label: `Action ${n + 1}`,
    dueDate,
    domain: 'employment',
    serviceIds: [],
  }));
  if (spec.satisfaction) i.satisfaction = spec.satisfaction;
  spec.edit?.(i);
  return i;
}

export const recordOf = (spec: Spec): IndicatorRecord => ({
  interview: interviewOf(spec),
  territory: spec.territory ?? null,
});
