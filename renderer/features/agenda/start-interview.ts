/**
 * Starting an interview from a convocation: a new draft for the person, pre-filled with what they
 * declared (RDSP, DOMAIN §9), each such answer marked « déclaré — à confirmer ».
 */
import {
  DECLARABLE_FIELDS,
  newInterview,
  type Beneficiary,
  type Interview,
} from '../../../shared/domain';
import type { DeclaredData } from '../../storage';

export function interviewFromConvocation(args: {
  id: string;
  beneficiary: Beneficiary;
  declared: DeclaredData | null;
  date: string;
  place: string;
  now: string;
}): Interview {
  const interview = newInterview(args);
  const declared = args.declared ?? {};
  const marked: Interview['declaredUnconfirmed'] = [];
  for (const field of DECLARABLE_FIELDS) {
    const value = declared[field];
    if (value === undefined || value === null) continue;
    marked.push(field);
    switch (field) {
      case 'maritalStatus':
        interview.identity.maritalStatus = declared.maritalStatus ?? null;
        break;
      case 'dependentChildren':
        interview.identity.dependentChildren = declared.dependentChildren ?? null;
        break;
      case 'childrenUnder3':
        interview.identity.childrenUnder3 = declared.childrenUnder3 ?? null;
        break;
      case 'workSituation':
        interview.employment.workSituation = declared.workSituation ?? null;
        break;
      case 'lastJobDate':
        interview.employment.lastJobDate = declared.lastJobDate ?? null;
        break;
      case 'educationLevel':
        interview.employment.educationLevel = declared.educationLevel ?? null;
        break;
      case 'franceTravailRegistered':
        interview.employment.franceTravailRegistered = declared.franceTravailRegistered ?? null;
        break;
    }
  }
  interview.declaredUnconfirmed = marked;
  return interview;
}
