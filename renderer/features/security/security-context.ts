/**
 * The security session for the screens that need it: the header's « Verrouiller » button, the
 * interview (flush before locking). Null where the app runs without one (component tests).
 */
import { createContext, useContext } from 'react';
import type { SecuritySession } from '../../security/session';

export const SecurityContext = createContext<SecuritySession | null>(null);

export function useSecuritySession(): SecuritySession | null {
  return useContext(SecurityContext);
}
