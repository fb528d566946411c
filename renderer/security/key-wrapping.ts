/**
 * The data key of the laptop's database and how it is kept: one random AES-GCM 256-bit key,
 * never written in clear, wrapped by a key derived from the professional's PIN or passphrase
 * (PBKDF2-SHA256, 600 000 iterations by default, OWASP 2023) — and, in Electron, wrapped again by
 * the OS keychain through safeStorage (see docs/security.md).
 */

export const PBKDF2_ITERATIONS = 600_000;
export const MIN_SECRET_LENGTH = 6;

/** What is stored on disk for one wrapping of the data key: no secret in it. */
export interface WrappedKey {
  version: 1;
  kdf: 'PBKDF2-SHA256';
  iterations: number;
  /** base64 */
  salt: string;
  /** base64 */
  iv: string;
  /** base64: the AES-GCM encryption of the raw data key */
  wrapped: string;
  /** Identifies the data key (not secret), so records say which key encrypted them. */
  keyId: string;
}

export class WrongSecretError extends Error {
  constructor() {
    super('wrong PIN or passphrase');
    this.name = 'WrongSecretError';
  }
}

const subtle = () => globalThis.crypto.subtle;

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}

/** A new random data key (extractable only so that it can be wrapped). */
export async function generateDataKey(): Promise<{ key: CryptoKey; keyId: string }> {
  const key = await subtle().generateKey({ name: 'AES-GCM', length: 256 }, true, [
    'encrypt',
    'decrypt',
  ]);
  return { key, keyId: toBase64(randomBytes(9)).replace(/[+/=]/g, 'x') };
}

async function deriveWrappingKey(
  secret: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<CryptoKey> {
  const material = await subtle().importKey(
    'raw',
    new TextEncoder().encode(secret),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function wrapDataKey(
  dataKey: CryptoKey,
  keyId: string,
  secret: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<WrappedKey> {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new RangeError(`the PIN or passphrase needs at least ${MIN_SECRET_LENGTH} characters`);
  }
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const wrappingKey = await deriveWrappingKey(secret, salt, iterations);
  const raw = new Uint8Array(await subtle().exportKey('raw', dataKey));
  const wrapped = new Uint8Array(
    await subtle().encrypt(
      { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(keyId) },
      wrappingKey,
      raw,
    ),
  );
  raw.fill(0);
  return {
    version: 1,
    kdf: 'PBKDF2-SHA256',
    iterations,
    salt: toBase64(salt),
    iv: toBase64(iv),
    wrapped: toBase64(wrapped),
    keyId,
  };
}

/**
 * Unwraps the data key; a wrong secret (or a tampered blob) is a WrongSecretError. The session's
 * copy is not extractable (`extractable: false`): script in the page can use it while unlocked but
 * cannot read it out.
 */
export async function unwrapDataKey(
  wrapped: WrappedKey,
  secret: string,
  extractable = true,
): Promise<CryptoKey> {
  const wrappingKey = await deriveWrappingKey(secret, fromBase64(wrapped.salt), wrapped.iterations);
  let raw: Uint8Array<ArrayBuffer>;
  try {
    raw = new Uint8Array(
      await subtle().decrypt(
        {
          name: 'AES-GCM',
          iv: fromBase64(wrapped.iv),
          additionalData: new TextEncoder().encode(wrapped.keyId),
        },
        wrappingKey,
        fromBase64(wrapped.wrapped),
      ),
    );
  } catch {
    throw new WrongSecretError();
  }
  const key = await subtle().importKey('raw', raw, { name: 'AES-GCM', length: 256 }, extractable, [
    'encrypt',
    'decrypt',
  ]);
  raw.fill(0);
  return key;
}

/** A non-extractable copy of an extractable key (the session keeps only that one). */
export async function nonExtractableCopy(key: CryptoKey): Promise<CryptoKey> {
  const raw = new Uint8Array(await subtle().exportKey('raw', key));
  const copy = await subtle().importKey('raw', raw, { name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  raw.fill(0);
  return copy;
}

/** Changing the PIN re-wraps the same data key: no record needs re-encrypting. */
export async function rewrapDataKey(
  wrapped: WrappedKey,
  oldSecret: string,
  newSecret: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<WrappedKey> {
  const key = await unwrapDataKey(wrapped, oldSecret);
  return wrapDataKey(key, wrapped.keyId, newSecret, iterations);
}
