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

export class DecryptionError extends Error {
  constructor(readonly recordId: string) {
    super(`record ${recordId} cannot be decrypted: wrong key or tampered data`);
    this.name = 'DecryptionError';
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
  return JSON.parse(new TextDecoder().decode(plain));
}
