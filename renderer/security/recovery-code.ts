/**
 * The recovery code: a second secret that unwraps the data key when the PIN is forgotten. Shown
 * once at set-up, to be printed and kept by the service's administrator, away from the laptop
 * (docs/security.md "Forgotten PIN"). 100 random bits in Crockford base32 (no I, L, O, U), in
 * five groups of four: long enough that guessing it offline is out of reach.
 */
import { randomBytes } from './key-wrapping';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECOVERY_CODE_CHARS = 20;

export function generateRecoveryCode(): string {
  const bytes = randomBytes(RECOVERY_CODE_CHARS);
  const chars = [...bytes].map((b) => ALPHABET[b & 31] ?? '0');
  return (chars.join('').match(/.{4}/g) ?? []).join('-');
}

/** What was typed, made canonical: case, spaces and dashes ignored; O→0, I/L→1 (Crockford). */
export function normalizeRecoveryCode(typed: string): string {
  const clean = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return (clean.match(/.{1,4}/g) ?? []).join('-');
}

export function isWellFormedRecoveryCode(typed: string): boolean {
  const code = normalizeRecoveryCode(typed).replace(/-/g, '');
  return code.length === RECOVERY_CODE_CHARS && [...code].every((c) => ALPHABET.includes(c));
}
