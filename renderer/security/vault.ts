/**
 * The life of the data key (docs/security.md "Data at rest"): created at the first run and wrapped
 * by the professional's PIN (PBKDF2-SHA256, 600 000 iterations), that wrapping itself wrapped by
 * the OS keychain in Electron (safeStorage), and a second wrapping by the recovery code. Only the
 * wrapped forms are stored, in the `meta` table; the key itself lives in memory while unlocked.
 * Every PIN check goes through the persisted throttle.
 */
// zod/mini: this module is on the lock screen, and the mini API lets the build keep only the
// parts of zod these three schemas use (the app loads the full zod later).
import * as z from 'zod/mini';
import type { StorageContext } from '../storage/database';
import { createAesGcmCodec } from '../storage/encrypting-codec';
import { reencryptAll } from '../storage/reencrypt';
import {
  generateDataKey,
  MIN_SECRET_LENGTH,
  nonExtractableCopy,
  PBKDF2_ITERATIONS,
  toBase64,
  fromBase64,
  unwrapDataKey,
  wrapDataKey,
  WrongSecretError,
  type WrappedKey,
} from './key-wrapping';
import { readMetaValue, writeMetaValue } from './meta';
import {
  initialThrottle,
  recordFailure,
  recordSuccess,
  waitBeforeAttempt,
  type ThrottleState,
} from './pin-throttle';
import { generateRecoveryCode, normalizeRecoveryCode } from './recovery-code';

export const KEY_ENVELOPE_META = 'security:key-envelope';
export const THROTTLE_META = 'security:pin-throttle';

/** The OS keychain as the platform offers it (Electron's safeStorage; none in a browser). */
export type KeychainResult =
  | { ok: true; value: string }
  | {
      ok: false;
      reason: 'unsupported' | 'basic-text-backend' | 'unavailable' | 'undecryptable';
      message: string;
    };

export interface Keychain {
  wrapSecret(plainBase64: string): Promise<KeychainResult>;
  unwrapSecret(wrappedBase64: string): Promise<KeychainResult>;
}

const WrappedKeySchema = z.strictObject({
  version: z.literal(1),
  kdf: z.literal('PBKDF2-SHA256'),
  iterations: z.int().check(z.positive()),
  salt: z.base64(),
  iv: z.base64(),
  wrapped: z.base64(),
  keyId: z.string().check(z.minLength(1), z.maxLength(64)),
});

const KeyEnvelopeSchema = z.strictObject({
  version: z.literal(1),
  keyId: z.string().check(z.minLength(1), z.maxLength(64)),
  createdAt: z.string(),
  /** The PIN wrapping, in clear or itself wrapped by the OS keychain. */
  pin: z.discriminatedUnion('protection', [
    z.strictObject({ protection: z.literal('pin'), wrapped: WrappedKeySchema }),
    z.strictObject({ protection: z.literal('pin+keychain'), keychainBase64: z.base64() }),
  ]),
  /** Why the keychain was not used (shown in the UI), null when it was or in a browser. */
  keychainRefusal: z.nullable(z.strictObject({ reason: z.string(), message: z.string() })),
  recovery: WrappedKeySchema,
});
export type KeyEnvelope = z.infer<typeof KeyEnvelopeSchema>;

const ThrottleSchema = z.strictObject({
  failures: z.int().check(z.minimum(0)),
  blockedUntil: z.number(),
});

export class InvalidEnvelopeError extends Error {
  readonly userMessage =
    'La clé de chiffrement enregistrée sur cet ordinateur est illisible. Utilisez le code de secours ou réinitialisez le poste (voir la documentation).';
  constructor(detail: string) {
    super(`the stored key envelope is invalid: ${detail}`);
    this.name = 'InvalidEnvelopeError';
  }
}

/** A wrong PIN (or recovery code); `waitMs` before the next attempt is accepted. */
export class WrongPinError extends Error {
  constructor(
    readonly waitMs: number,
    readonly failures: number,
  ) {
    super('wrong PIN');
    this.name = 'WrongPinError';
  }
}

export class ThrottledError extends Error {
  constructor(readonly waitMs: number) {
    super(`too many wrong PINs: wait ${Math.ceil(waitMs / 1000)} s`);
    this.name = 'ThrottledError';
  }
}

/** The keychain cannot open the PIN wrapping (another OS account, keyring reset). */
export class KeychainUnavailableError extends Error {
  constructor(readonly userMessage: string) {
    super('the OS keychain cannot unwrap the data key');
    this.name = 'KeychainUnavailableError';
  }
}

export interface VaultOptions {
  /** PBKDF2 iterations for new wrappings (tests lower it; the app keeps the default). */
  iterations?: number;
  /** Epoch milliseconds (the throttle's clock). */
  nowMs?: () => number;
  /** ISO date-time, for `createdAt`. */
  now?: () => string;
  /** The recovery code shown to the professional (first run); generated when absent. */
  recoveryCode?: string;
}

export interface UnlockedKey {
  /** Not extractable. */
  key: CryptoKey;
  keyId: string;
}

export async function readKeyEnvelope(ctx: StorageContext): Promise<KeyEnvelope | null> {
  const stored = await readMetaValue(ctx, KEY_ENVELOPE_META);
  if (stored === undefined || stored === null) return null;
  const parsed = KeyEnvelopeSchema.safeParse(stored);
  if (!parsed.success) {
    throw new InvalidEnvelopeError(parsed.error.issues.map((i) => i.path.join('.')).join(', '));
  }
  return parsed.data;
}

export async function readThrottle(ctx: StorageContext): Promise<ThrottleState> {
  const parsed = ThrottleSchema.safeParse(await readMetaValue(ctx, THROTTLE_META));
  // A missing or altered state starts over: the throttle only slows guessing through the UI;
  // offline guessing is what PBKDF2 and the keychain are for.
  return parsed.success ? parsed.data : initialThrottle();
}

const writeThrottle = (ctx: StorageContext, state: ThrottleState) =>
  writeMetaValue(ctx, THROTTLE_META, state);

function checkNewPin(pin: string): void {
  if (pin.length < MIN_SECRET_LENGTH) {
    throw new RangeError(`the PIN needs at least ${MIN_SECRET_LENGTH} characters`);
  }
}

async function protectPinWrapping(
  keychain: Keychain,
  wrapped: WrappedKey,
): Promise<Pick<KeyEnvelope, 'pin' | 'keychainRefusal'>> {
  const plain = toBase64(new TextEncoder().encode(JSON.stringify(wrapped)));
  let result: KeychainResult;
  try {
    result = await keychain.wrapSecret(plain);
  } catch (error) {
    result = {
      ok: false,
      reason: 'unavailable',
      message: `Le trousseau du système n’a pas répondu : ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (result.ok) {
    return {
      pin: { protection: 'pin+keychain', keychainBase64: result.value },
      keychainRefusal: null,
    };
  }
  return {
    pin: { protection: 'pin', wrapped },
    keychainRefusal:
      result.reason === 'unsupported' ? null : { reason: result.reason, message: result.message },
  };
}

async function pinWrappingOf(keychain: Keychain, envelope: KeyEnvelope): Promise<WrappedKey> {
  if (envelope.pin.protection === 'pin') return envelope.pin.wrapped;
  let result: KeychainResult;
  try {
    result = await keychain.unwrapSecret(envelope.pin.keychainBase64);
  } catch (error) {
    throw new KeychainUnavailableError(
      `Le trousseau du système n’a pas répondu : ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!result.ok) throw new KeychainUnavailableError(result.message);
  const parsed = WrappedKeySchema.safeParse(
    JSON.parse(new TextDecoder().decode(fromBase64(result.value))),
  );
  if (!parsed.success) throw new InvalidEnvelopeError('keychain content');
  return parsed.data;
}

async function buildEnvelope(
  keychain: Keychain,
  dataKey: CryptoKey,
  keyId: string,
  pin: string,
  recoveryCode: string,
  options: VaultOptions,
): Promise<KeyEnvelope> {
  const iterations = options.iterations ?? PBKDF2_ITERATIONS;
  const [pinWrapped, recovery] = await Promise.all([
    wrapDataKey(dataKey, keyId, pin, iterations),
    wrapDataKey(dataKey, keyId, recoveryCode, iterations),
  ]);
  return {
    version: 1,
    keyId,
    createdAt: (options.now ?? (() => new Date().toISOString()))(),
    ...(await protectPinWrapping(keychain, pinWrapped)),
    recovery,
  };
}

export interface Enrolment extends UnlockedKey {
  /** Shown once; never stored in clear. */
  recoveryCode: string;
  keychainRefusal: KeyEnvelope['keychainRefusal'];
}

/** First run: a new data key, wrapped by the PIN (and the keychain) and by a recovery code. */
export async function createKeyEnvelope(
  ctx: StorageContext,
  keychain: Keychain,
  pin: string,
  options: VaultOptions = {},
): Promise<Enrolment> {
  checkNewPin(pin);
  if (await readKeyEnvelope(ctx)) throw new Error('a data key already exists on this computer');
  const { key, keyId } = await generateDataKey();
  const recoveryCode = options.recoveryCode
    ? normalizeRecoveryCode(options.recoveryCode)
    : generateRecoveryCode();
  const envelope = await buildEnvelope(keychain, key, keyId, pin, recoveryCode, options);
  await writeMetaValue(ctx, KEY_ENVELOPE_META, envelope);
  await writeThrottle(ctx, initialThrottle());
  return {
    key: await nonExtractableCopy(key),
    keyId,
    recoveryCode,
    keychainRefusal: envelope.keychainRefusal,
  };
}

/**
 * Runs one secret check under the throttle. The failure is recorded BEFORE the check, so that
 * reloading the page while PBKDF2 runs does not give a free attempt; success clears it.
 */
async function throttled<T>(
  ctx: StorageContext,
  options: VaultOptions,
  check: () => Promise<T>,
): Promise<T> {
  const nowMs = options.nowMs ?? Date.now;
  const state = await readThrottle(ctx);
  const wait = waitBeforeAttempt(state, nowMs());
  if (wait > 0) throw new ThrottledError(wait);
  const failed = recordFailure(state, nowMs());
  await writeThrottle(ctx, failed);
  try {
    const result = await check();
    await writeThrottle(ctx, recordSuccess());
    return result;
  } catch (error) {
    if (error instanceof WrongSecretError) {
      throw new WrongPinError(waitBeforeAttempt(failed, nowMs()), failed.failures);
    }
    // Not a wrong PIN (keychain, damaged envelope): the attempt does not count.
    await writeThrottle(ctx, state);
    throw error;
  }
}

async function requireEnvelope(ctx: StorageContext): Promise<KeyEnvelope> {
  const envelope = await readKeyEnvelope(ctx);
  if (!envelope) throw new Error('no data key on this computer: create a PIN first');
  return envelope;
}

export async function unlockWithPin(
  ctx: StorageContext,
  keychain: Keychain,
  pin: string,
  options: VaultOptions = {},
): Promise<UnlockedKey> {
  const envelope = await requireEnvelope(ctx);
  return throttled(ctx, options, async () => {
    const wrapped = await pinWrappingOf(keychain, envelope);
    return { key: await unwrapDataKey(wrapped, pin, false), keyId: envelope.keyId };
  });
}

/** Changing the PIN re-wraps the same data key: no record is re-encrypted. */
export async function changePin(
  ctx: StorageContext,
  keychain: Keychain,
  oldPin: string,
  newPin: string,
  options: VaultOptions = {},
): Promise<void> {
  checkNewPin(newPin);
  const envelope = await requireEnvelope(ctx);
  const key = await throttled(ctx, options, async () =>
    unwrapDataKey(await pinWrappingOf(keychain, envelope), oldPin),
  );
  const pinWrapped = await wrapDataKey(
    key,
    envelope.keyId,
    newPin,
    options.iterations ?? PBKDF2_ITERATIONS,
  );
  const next: KeyEnvelope = { ...envelope, ...(await protectPinWrapping(keychain, pinWrapped)) };
  await writeMetaValue(ctx, KEY_ENVELOPE_META, next);
}

/**
 * Forgotten PIN: the recovery code opens the data key and a new PIN is set. Throttled like a PIN
 * (the code is long enough that this hardly matters). Works even when the keychain is gone.
 */
export async function recoverWithCode(
  ctx: StorageContext,
  keychain: Keychain,
  recoveryCode: string,
  newPin: string,
  options: VaultOptions = {},
): Promise<UnlockedKey> {
  checkNewPin(newPin);
  const envelope = await requireEnvelope(ctx);
  const key = await throttled(ctx, options, () =>
    unwrapDataKey(envelope.recovery, normalizeRecoveryCode(recoveryCode)),
  );
  const pinWrapped = await wrapDataKey(
    key,
    envelope.keyId,
    newPin,
    options.iterations ?? PBKDF2_ITERATIONS,
  );
  await writeMetaValue(ctx, KEY_ENVELOPE_META, {
    ...envelope,
    ...(await protectPinWrapping(keychain, pinWrapped)),
  } satisfies KeyEnvelope);
  return { key: await nonExtractableCopy(key), keyId: envelope.keyId };
}

export interface Rotation extends UnlockedKey {
  /** The old recovery code no longer opens anything: this new one must be printed. */
  recoveryCode: string;
  rewritten: number;
}

/**
 * A new data key: every record is decrypted with the old key and encrypted with the new one, and
 * the new envelope is written in the same transaction. Run it with no interview open (nothing
 * saving meanwhile); a record changed during the run aborts it (ConcurrentChangeError), unchanged.
 */
export async function rotateDataKey(
  ctx: StorageContext,
  keychain: Keychain,
  pin: string,
  options: VaultOptions = {},
): Promise<Rotation> {
  const envelope = await requireEnvelope(ctx);
  const oldKey = await throttled(ctx, options, async () =>
    unwrapDataKey(await pinWrappingOf(keychain, envelope), pin, false),
  );
  const { key, keyId } = await generateDataKey();
  const recoveryCode = generateRecoveryCode();
  const next = await buildEnvelope(keychain, key, keyId, pin, recoveryCode, options);
  const rewritten = await reencryptAll(
    ctx,
    createAesGcmCodec(oldKey, envelope.keyId),
    createAesGcmCodec(key, keyId),
    { meta: [{ key: KEY_ENVELOPE_META, value: next }] },
  );
  return { key: await nonExtractableCopy(key), keyId, recoveryCode, rewritten };
}
