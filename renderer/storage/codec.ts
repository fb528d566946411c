/**
 * How record payloads are written to IndexedDB. Personal data lives only in the payload. The app
 * writes with the AES-GCM codec (encrypting-codec.ts, docs/security.md "Data at rest"); the
 * identity codec is what databases written before encryption hold (migrated on first unlock), and
 * what tests and the at-rest scan's control run use.
 *
 * Encoding is asynchronous (WebCrypto) and must therefore happen BEFORE a Dexie transaction is
 * opened: awaiting a non-IndexedDB promise inside one commits it early.
 */

/** A payload as stored: the codec that wrote it and its opaque data. */
export interface StoredPayload {
  codec: string;
  data: unknown;
}

/**
 * Where a payload belongs. An encrypting codec binds it as additional authenticated data, so a
 * ciphertext copied into another record fails to decrypt instead of showing someone else's data.
 */
export interface PayloadContext {
  /** `journal`: the copy of unsaved edits kept in sessionStorage when the page goes away. */
  store: 'beneficiaries' | 'agenda' | 'interviews' | 'interviewSummaries' | 'outbox' | 'journal';
  id: string;
}

export interface PayloadCodec {
  readonly id: string;
  encode(value: unknown, context: PayloadContext): Promise<StoredPayload>;
  decode(stored: StoredPayload, context: PayloadContext): Promise<unknown>;
}

export class UnknownCodecError extends Error {
  constructor(
    readonly expected: string,
    readonly found: string,
  ) {
    super(`payload written by codec ${found}, cannot be read with codec ${expected}`);
    this.name = 'UnknownCodecError';
  }
}

/** Stores the value unchanged (a structured clone is made by IndexedDB itself). */
export const identityCodec: PayloadCodec = {
  id: 'identity',
  encode: (value) => Promise.resolve({ codec: 'identity', data: value }),
  decode: (stored) => {
    if (stored.codec !== 'identity') {
      return Promise.reject(new UnknownCodecError('identity', stored.codec));
    }
    return Promise.resolve(stored.data);
  },
};

export function isStoredPayload(value: unknown): value is StoredPayload {
  return typeof value === 'object' && value !== null && 'codec' in value && 'data' in value;
}
