/**
 * The codec the app writes with: every payload (everything about a person) encrypted with AES-GCM
 * 256 under the data key, bound to its store and record id (docs/security.md "Data at rest").
 *
 * The session codec holds the data key only while the session is unlocked: locking forgets it,
 * and any read or write while locked fails with SessionLockedError instead of touching the data.
 */
import {
  decryptJson,
  DecryptionError,
  encryptJson,
  type EncryptedPayload,
} from '../security/aes-gcm';
import type { PayloadCodec, PayloadContext, StoredPayload } from './codec';
import { UnknownCodecError } from './codec';

export const AES_GCM_CODEC_ID = 'aes-gcm';

export class SessionLockedError extends Error {
  readonly userMessage = 'La session est verrouillée : saisissez votre code personnel.';
  constructor() {
    super('the session is locked: the data key is not in memory');
    this.name = 'SessionLockedError';
  }
}

/** What the ciphertext is bound to: moving it to another store or record makes it unreadable. */
export function additionalData(context: PayloadContext): string {
  return `codiag/${context.store}/${context.id}`;
}

function isEncryptedPayload(value: unknown): value is EncryptedPayload {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.alg === 'A256GCM' &&
    typeof v.keyId === 'string' &&
    typeof v.iv === 'string' &&
    typeof v.data === 'string'
  );
}

/** A codec over one fixed data key (tests, key rotation, migration). */
export function createAesGcmCodec(key: CryptoKey, keyId: string): PayloadCodec & { keyId: string } {
  return {
    id: AES_GCM_CODEC_ID,
    keyId,
    async encode(value, context) {
      return {
        codec: AES_GCM_CODEC_ID,
        data: await encryptJson(key, keyId, additionalData(context), value),
      };
    },
    async decode(stored: StoredPayload, context) {
      if (stored.codec !== AES_GCM_CODEC_ID) {
        // A clear payload where an encrypted one is expected: refused, it may be planted.
        throw new UnknownCodecError(AES_GCM_CODEC_ID, String(stored.codec));
      }
      const recordId = `${context.store}/${context.id}`;
      if (!isEncryptedPayload(stored.data)) throw new DecryptionError(recordId, 'malformed');
      if (stored.data.keyId !== keyId) throw new DecryptionError(recordId, 'other-key');
      try {
        return await decryptJson(key, additionalData(context), stored.data);
      } catch (error) {
        if (error instanceof DecryptionError) throw new DecryptionError(recordId, error.reason);
        throw error;
      }
    },
  };
}

/** The codec of the running app: the data key while unlocked, nothing while locked. */
export interface SessionCodec extends PayloadCodec {
  setKey(key: CryptoKey, keyId: string): void;
  /** Forgets the data key (lock). */
  clear(): void;
  isUnlocked(): boolean;
  keyId(): string | null;
}

export function createSessionCodec(): SessionCodec {
  let current: (PayloadCodec & { keyId: string }) | null = null;
  /**
   * Starts the work at once rather than in a later microtask: a save's encryption then runs on
   * WebCrypto's thread while the page re-renders, instead of after the render (the render of a
   * save's "Enregistrement…" is queued first). Locked: a rejected promise, never a throw.
   */
  const run = <T>(work: (codec: PayloadCodec) => Promise<T>): Promise<T> => {
    if (!current) return Promise.reject(new SessionLockedError());
    try {
      return work(current);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
  return {
    id: AES_GCM_CODEC_ID,
    encode: (value, context) => run((codec) => codec.encode(value, context)),
    decode: (stored, context) => run((codec) => codec.decode(stored, context)),
    setKey(key, keyId) {
      current = createAesGcmCodec(key, keyId);
    },
    clear() {
      current = null;
    },
    isUnlocked: () => current !== null,
    keyId: () => current?.keyId ?? null,
  };
}
