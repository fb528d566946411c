/**
 * Starting an interview from a convocation: a new draft for the person, pre-filled with what they
 * declared (RDSP, DOMAIN §9), each such answer marked « À confirmer (déclaré dans la demande RSA) »
 * (shared/interop/rdsp.ts does the mapping).
 */
import { newInterview, type Beneficiary, type Interview } from '../../../shared/domain';
import { prefillFromDeclaration } from '../../../shared/interop/rdsp';
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
  return args.declared ? prefillFromDeclaration(interview, args.declared).interview : interview;
}
