/** Random secrets (enrolment codes, device tokens) and their stored form: a SHA-256 hex digest. */
import { createHash, randomBytes, randomInt } from 'node:crypto';

/** Crockford-style alphabet: no 0/O, 1/I/L or U to misread when typed from a printed code. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A one-time enrolment code such as `K7QM-2XHP-9RTA` (about 59 bits). */
export function newEnrolmentCode(): string {
  const chars = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8)].map((g) => g.join('')).join('-');
}

/** Case and dashes do not matter when the code is typed. */
export function normaliseEnrolmentCode(code: string): string {
  return code.trim().toUpperCase().replaceAll('-', '');
}

/** A device token: 32 random bytes, base64url, with a prefix that makes a leaked one recognisable. */
export function newDeviceToken(): string {
  return `cdt_${randomBytes(32).toString('base64url')}`;
}
