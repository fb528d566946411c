/**
 * Wraps the local data key with the OS keychain through Electron's safeStorage (DPAPI on Windows,
 * libsecret/KWallet on Linux), as a second wrapping next to the PIN-derived one. Refuses Linux's
 * `basic_text` backend: it "encrypts" with a hard-coded password, which protects nothing.
 */
import type { IpcResponse } from '../../shared/ipc/contract';

/** The subset of Electron's `safeStorage` used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only; other platforms do not have it. */
  getSelectedStorageBackend?: () => string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

type SecureStoreFailure = Extract<IpcResponse<'secure-store:wrap'>, { ok: false }>;

export const SECURE_STORE_MESSAGES = {
  'basic-text-backend':
    "Aucun trousseau système (GNOME Keyring ou KWallet) n'est disponible : Electron ne ferait que " +
    'masquer la clé avec un mot de passe fixe, identique sur tous les postes. La clé reste protégée ' +
    'par votre code PIN uniquement.',
  unavailable:
    "Le coffre-fort du système d'exploitation n'est pas disponible sur ce poste : la clé reste " +
    'protégée par votre code PIN uniquement.',
  undecryptable:
    "La clé protégée par le système n'a pas pu être ouverte (autre session ou autre poste) : " +
    'déverrouillez avec votre code PIN.',
} as const;

export function checkSecureStorage(
  safe: SafeStorageLike,
  platform: NodeJS.Platform,
): { ok: true } | SecureStoreFailure {
  if (platform === 'linux') {
    const backend = safe.getSelectedStorageBackend?.() ?? 'unknown';
    if (backend === 'basic_text') {
      return {
        ok: false,
        reason: 'basic-text-backend',
        message: SECURE_STORE_MESSAGES['basic-text-backend'],
      };
    }
    if (backend === 'unknown') {
      return { ok: false, reason: 'unavailable', message: SECURE_STORE_MESSAGES.unavailable };
    }
  }
  if (!safe.isEncryptionAvailable()) {
    return { ok: false, reason: 'unavailable', message: SECURE_STORE_MESSAGES.unavailable };
  }
  return { ok: true };
}

export function wrapSecret(
  safe: SafeStorageLike,
  platform: NodeJS.Platform,
  keyBase64: string,
): IpcResponse<'secure-store:wrap'> {
  const check = checkSecureStorage(safe, platform);
  if (!check.ok) return check;
  return { ok: true, wrappedBase64: safe.encryptString(keyBase64).toString('base64') };
}

export function unwrapSecret(
  safe: SafeStorageLike,
  platform: NodeJS.Platform,
  wrappedBase64: string,
): IpcResponse<'secure-store:unwrap'> {
  const check = checkSecureStorage(safe, platform);
  if (!check.ok) return check;
  try {
    return { ok: true, keyBase64: safe.decryptString(Buffer.from(wrappedBase64, 'base64')) };
  } catch {
    return { ok: false, reason: 'undecryptable', message: SECURE_STORE_MESSAGES.undecryptable };
  }
}
