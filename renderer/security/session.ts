/**
 * The locked / unlocked state of the app (docs/security.md "Data at rest"): first run (create the
 * PIN), locked (the data key is not in memory), unlocked. Locking flushes unsaved edits (encrypted)
 * through the hooks the open screens registered, then forgets the data key; the UI drops every
 * decrypted state by unmounting the app. No React here: the gate component renders this state.
 */
import type { StorageContext } from '../storage/database';
import type { SessionCodec } from '../storage/encrypting-codec';
import { encryptLegacyRows } from '../storage/reencrypt';
import { DEFAULT_IDLE_LOCK_MS } from './idle-lock';
import { readMetaValue, writeMetaValue } from './meta';
import { waitBeforeAttempt } from './pin-throttle';
import {
  changePin,
  createKeyEnvelope,
  readKeyEnvelope,
  readThrottle,
  recoverWithCode,
  unlockWithPin,
  type KeyEnvelope,
  type Keychain,
  type UnlockedKey,
  type VaultOptions,
} from './vault';

export type LockReason = 'idle' | 'suspend' | 'manual';

export type SessionState =
  | { kind: 'starting' }
  | { kind: 'enrol' }
  | {
      kind: 'locked';
      reason: LockReason | 'start';
      keychainRefusal: KeyEnvelope['keychainRefusal'];
    }
  | { kind: 'unlocked'; keychainRefusal: KeyEnvelope['keychainRefusal'] }
  | { kind: 'failed'; message: string };

export const IDLE_LOCK_META = 'settings:idle-lock-minutes';
export const MIN_IDLE_MINUTES = 1;
export const MAX_IDLE_MINUTES = 60;
/** How long locking waits for unsaved edits to be written before it locks anyway. */
export const FLUSH_BEFORE_LOCK_MS = 5_000;

export interface SecuritySessionDeps {
  /** The database, or its opening: the gate renders while a new profile's database is created. */
  storage: StorageContext | Promise<StorageContext>;
  codec: SessionCodec;
  keychain: Keychain;
  /**
   * False only in the at-rest scan's control run (identity codec, non-production builds): the
   * legacy migration is then skipped so the database stays in clear on purpose.
   */
  encryptStorage: boolean;
  /** After every unlock, before the app shows (demo seed). */
  onUnlocked?: () => Promise<void>;
  /** When the session locks (clear the window title, which may name a person). */
  onLocked?: () => void;
  /** After the local database was erased (clear the journals left in sessionStorage). */
  onErased?: () => void | Promise<void>;
  vault?: VaultOptions;
}

export class SecuritySession {
  private state: SessionState = { kind: 'starting' };
  private readonly listeners = new Set<() => void>();
  private readonly beforeLock = new Set<() => Promise<void>>();
  private envelope: KeyEnvelope | null = null;

  private readonly storage: Promise<StorageContext>;

  constructor(private readonly deps: SecuritySessionDeps) {
    this.storage = Promise.resolve(deps.storage);
    // A database that cannot open is reported by start(), as the `failed` state.
    this.storage.catch(() => undefined);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): SessionState => this.state;

  private set(state: SessionState) {
    this.state = state;
    for (const listener of this.listeners) listener();
  }

  async start(): Promise<void> {
    try {
      this.envelope = await readKeyEnvelope(await this.storage);
      this.set(
        this.envelope
          ? { kind: 'locked', reason: 'start', keychainRefusal: this.envelope.keychainRefusal }
          : { kind: 'enrol' },
      );
    } catch (error) {
      this.set({ kind: 'failed', message: messageOf(error) });
    }
  }

  /**
   * First run: creates the data key, protected by `pin` and by the recovery code the page showed
   * (and the professional noted); unlocks.
   */
  async enrol(pin: string, recoveryCode: string): Promise<void> {
    const enrolment = await createKeyEnvelope(await this.storage, this.deps.keychain, pin, {
      ...this.deps.vault,
      recoveryCode,
    });
    this.envelope = await readKeyEnvelope(await this.storage);
    await this.open(enrolment);
  }

  /** Throws WrongPinError, ThrottledError or KeychainUnavailableError. */
  async unlock(pin: string): Promise<void> {
    const unlocked = await unlockWithPin(
      await this.storage,
      this.deps.keychain,
      pin,
      this.deps.vault,
    );
    await this.open(unlocked);
  }

  /** Forgotten PIN: the recovery code sets a new PIN and unlocks. */
  async recover(recoveryCode: string, newPin: string): Promise<void> {
    const unlocked = await recoverWithCode(
      await this.storage,
      this.deps.keychain,
      recoveryCode,
      newPin,
      this.deps.vault,
    );
    this.envelope = await readKeyEnvelope(await this.storage);
    await this.open(unlocked);
  }

  async changePin(oldPin: string, newPin: string): Promise<void> {
    await changePin(await this.storage, this.deps.keychain, oldPin, newPin, this.deps.vault);
    this.envelope = await readKeyEnvelope(await this.storage);
    if (this.state.kind === 'unlocked') {
      this.set({ ...this.state, keychainRefusal: this.envelope?.keychainRefusal ?? null });
    }
  }

  /**
   * Forgotten PIN without the recovery code: the local database is deleted (unsynced data is lost
   * by design); the app then starts at the first run, and the sync brings back what the server has.
   */
  async eraseLocalData(): Promise<void> {
    this.deps.codec.clear();
    const storage = await this.storage;
    storage.db.close();
    await storage.db.delete();
    await this.deps.onErased?.();
  }

  /** Milliseconds before the next PIN attempt is accepted (after reloads too). */
  async throttleWait(nowMs = Date.now()): Promise<number> {
    return waitBeforeAttempt(await readThrottle(await this.storage), nowMs);
  }

  /** Why the OS keychain does not protect the key (null when it does, or in a browser). */
  keychainRefusal(): KeyEnvelope['keychainRefusal'] {
    return this.envelope?.keychainRefusal ?? null;
  }

  /** A screen with unsaved edits registers how to flush them; returns the unregister function. */
  registerBeforeLock(flush: () => Promise<void>): () => void {
    this.beforeLock.add(flush);
    return () => this.beforeLock.delete(flush);
  }

  /**
   * Saves what the open screens have not saved yet (before a lock, or before the Electron window
   * closes). Settles within FLUSH_BEFORE_LOCK_MS whatever the flushes do; nothing to do when locked.
   */
  async flushPending(): Promise<void> {
    if (this.state.kind !== 'unlocked' || this.beforeLock.size === 0) return;
    const flushes = [...this.beforeLock].map((flush) => flush().catch(() => undefined));
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      Promise.all(flushes),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, FLUSH_BEFORE_LOCK_MS))),
    ]);
    clearTimeout(timer);
  }

  /**
   * Flushes unsaved edits (encrypted, while the key is still here), then forgets the key. A flush
   * that fails or hangs does not keep the session open: the edit stays in the encrypted journal.
   */
  async lock(reason: LockReason): Promise<void> {
    if (this.state.kind !== 'unlocked') return;
    await this.flushPending();
    if (this.state.kind !== 'unlocked') return;
    this.deps.codec.clear();
    this.deps.onLocked?.();
    this.set({
      kind: 'locked',
      reason,
      keychainRefusal: this.envelope?.keychainRefusal ?? null,
    });
  }

  async idleLockMs(): Promise<number> {
    const minutes = await readMetaValue(await this.storage, IDLE_LOCK_META);
    return typeof minutes === 'number' &&
      Number.isInteger(minutes) &&
      minutes >= MIN_IDLE_MINUTES &&
      minutes <= MAX_IDLE_MINUTES
      ? minutes * 60_000
      : DEFAULT_IDLE_LOCK_MS;
  }

  async setIdleLockMinutes(minutes: number): Promise<void> {
    if (!Number.isInteger(minutes) || minutes < MIN_IDLE_MINUTES || minutes > MAX_IDLE_MINUTES) {
      throw new RangeError(
        `idle lock must be ${MIN_IDLE_MINUTES} to ${MAX_IDLE_MINUTES} whole minutes`,
      );
    }
    await writeMetaValue(await this.storage, IDLE_LOCK_META, minutes);
    // Tell the gate, which re-arms its timer with the new value.
    if (this.state.kind === 'unlocked') this.set({ ...this.state });
  }

  private async open(unlocked: UnlockedKey): Promise<void> {
    this.deps.codec.setKey(unlocked.key, unlocked.keyId);
    try {
      if (this.deps.encryptStorage) await encryptLegacyRows(await this.storage, this.deps.codec);
      await this.deps.onUnlocked?.();
    } catch (error) {
      this.deps.codec.clear();
      this.set({ kind: 'failed', message: messageOf(error) });
      return;
    }
    this.set({ kind: 'unlocked', keychainRefusal: this.envelope?.keychainRefusal ?? null });
  }
}

function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'userMessage' in error) {
    const { userMessage } = error as { userMessage: unknown };
    if (typeof userMessage === 'string') return userMessage;
  }
  return `codiag ne peut pas ouvrir les données de cet ordinateur : ${error instanceof Error ? error.message : String(error)}`;
}
