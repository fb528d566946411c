/**
 * Pseudonymisation of identities for the evaluation file (Annexe 8 of the convention, § 3.5: the
 * Ministry of Labour receives data for the evaluation; DOMAIN §6). A keyed hash replaces each
 * direct identifier: the same person gives the same pseudonym in every file made with the same
 * secret, so files can be linked, but the value cannot be recovered nor checked against a guess
 * without the secret. shared/ has no crypto library: the server may pass its own HMAC instead.
 */
import { sha256Hex } from '../util/sha256';

/** Maps an identifier (already normalised) to its pseudonym. */
export type Pseudonymiser = (value: string) => string;

export const MIN_PSEUDONYMISATION_SECRET_LENGTH = 16;

/**
 * A keyed hash from the pure SHA-256 of shared/util: SHA-256(secret ‖ 0x00 ‖ SHA-256(secret ‖ 0x01 ‖
 * value)), nested like HMAC so that the outer hash cannot be extended; hex, 64 characters.
 */
export function keyedHashPseudonymiser(secret: string): Pseudonymiser {
  if (secret.length < MIN_PSEUDONYMISATION_SECRET_LENGTH) {
    throw new Error(
      `the pseudonymisation secret must have at least ${MIN_PSEUDONYMISATION_SECRET_LENGTH} characters`,
    );
  }
  return (value) => sha256Hex(`${secret}\u0000${sha256Hex(`${secret}\u0001${value}`)}`);
}

/** Names compare without case, accents or extra spaces: « Élodie  Dupont » = « elodie dupont ». */
export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s'’-]+/g, ' ')
    .trim();
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Digits only, a French +33 / 0033 prefix written as the national 0. */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.startsWith('0033')) return `0${digits.slice(4)}`;
  if (phone.trim().startsWith('+33')) return `0${digits.slice(2)}`;
  return digits;
}

export function normaliseText(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}
