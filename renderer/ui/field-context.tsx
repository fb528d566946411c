/** Read-only mode for every wrapped field (a closed interview can be read, not edited). */
import { createContext, useContext } from 'react';

export const ReadOnlyContext = createContext(false);
export const useReadOnly = () => useContext(ReadOnlyContext);

/** A stable DOM id from a field path: `identity.email` → `f-identity-email`. */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
