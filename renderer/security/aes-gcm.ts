/**
 * Authenticated encryption of one stored record with the data key (AES-GCM 256, a fresh 96-bit IV
 * each time). The record's id is bound as additional data, so a ciphertext moved to another
 * record fails to decrypt instead of showing someone else's data.
 */
import { fromBase64, randomBytes, toBase64 } from './key-wrapping';

export interface EncryptedPayload {
  alg: 'A256GCM';
  keyId: string;
  /** base64 */
  iv: string;
  /** base64 */
  data: string;
}

/**
 * A stored record that cannot be read: altered on disk, moved to another record, or encrypted with
 * another data key. Never shown as garbage: the UI shows `userMessage` instead of the record.
 */
export class DecryptionError extends Error {
  readonly userMessage: string;
  constructor(
    readonly recordId: string,
    readonly reason: 'tampered-or-wrong-key' | 'other-key' | 'malformed' = 'tampered-or-wrong-key',
  ) {
    super(`record ${recordId} cannot be decrypted (${reason}): wrong key or tampered data`);
    this.name = 'DecryptionError';
    this.userMessage =
      reason === 'other-key'
        ? 'Cet enregistrement a été chiffré avec une autre clé que celle de cet ordinateur : il ne peut pas être affiché.'
        : 'Cet enregistrement est illisible : il a été modifié en dehors de codiag ou endommagé. Il n’est pas affiché.';
  }
}

export async function encryptJson(
  key: CryptoKey,
  keyId: string,
  recordId: string,
  value: unknown,
): Promise<EncryptedPayload> {
  const iv = randomBytes(12);
  const plain = new TextEncoder().encode(JSON.stringify(value));
  const data = await globalThis.crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(recordId) },
    key,
    plain,
  );
  return { alg: 'A256GCM', keyId, iv: toBase64(iv), data: toBase64(new Uint8Array(data)) };
}

export async function decryptJson(
  key: CryptoKey,
  recordId: string,
  payload: EncryptedPayload,
): Promise<unknown> {
  let plain: ArrayBuffer;
  if (
    payload.alg !== 'A256GCM' ||
    typeof payload.iv !== 'string' ||
    typeof payload.data !== 'string'
  ) {
    throw new DecryptionError(recordId, 'malformed');
  }
  try {
    plain = await globalThis.crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: fromBase64(payload.iv),
        additionalData: new TextEncoder().encode(recordId),
      },
      key,
      fromBase64(payload.data),
    );
  } catch {
    throw new DecryptionError(recordId);
  }
  try {
    return JSON.parse(new TextDecoder().decode(plain)) as unknown;
  } catch {
    throw new DecryptionError(recordId, 'malformed');
  }
}
