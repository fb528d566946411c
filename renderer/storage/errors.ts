/**
 * Storage failures the professionals must understand: a full disk or an exceeded quota is shown in
 * French while the typed text stays in memory and the save is retried; anything else is reported
 * as an unexpected storage error with its technical cause kept for the logs.
 */

export type StorageFailureKind = 'quota' | 'closed' | 'unknown';

export class StorageFailure extends Error {
  constructor(
    readonly kind: StorageFailureKind,
    /** The sentence the UI shows. */
    readonly userMessage: string,
    cause?: unknown,
  ) {
    super(`storage failure (${kind}): ${describeCause(cause)}`, { cause });
    this.name = 'StorageFailure';
  }
}

export const QUOTA_MESSAGE =
  "L'ordinateur n'a plus assez de place pour enregistrer. Ce que vous avez saisi reste affiché et sera enregistré dès que de la place sera libérée : ne fermez pas la fenêtre.";
const CLOSED_MESSAGE =
  "La base de données locale s'est fermée. Nouvelle tentative en cours ; ne fermez pas la fenêtre.";
const UNKNOWN_MESSAGE =
  "L'enregistrement a échoué. Nouvelle tentative en cours ; ne fermez pas la fenêtre.";

function describeCause(cause: unknown): string {
  if (cause instanceof Error) return `${cause.name}: ${cause.message}`;
  return String(cause);
}

function names(error: unknown): string[] {
  const found: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const { name } = current as { name?: unknown };
    if (typeof name === 'string') found.push(name);
    current =
      (current as { inner?: unknown; cause?: unknown }).inner ??
      (current as { cause?: unknown }).cause;
  }
  return found;
}

/** Turns whatever IndexedDB or Dexie threw into a StorageFailure. */
export function classifyStorageError(error: unknown): StorageFailure {
  if (error instanceof StorageFailure) return error;
  const all = names(error);
  if (all.some((n) => n === 'QuotaExceededError')) {
    return new StorageFailure('quota', QUOTA_MESSAGE, error);
  }
  if (all.some((n) => n === 'DatabaseClosedError' || n === 'InvalidStateError')) {
    return new StorageFailure('closed', CLOSED_MESSAGE, error);
  }
  return new StorageFailure('unknown', UNKNOWN_MESSAGE, error);
}

/**
 * The French sentence for any error met while reading or writing records: an unreadable
 * (tampered, wrongly keyed) record, a locked session, a storage failure. Never the record itself.
 */
export function userMessageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'userMessage' in error) {
    const { userMessage } = error as { userMessage: unknown };
    if (typeof userMessage === 'string') return userMessage;
  }
  if (error instanceof Error && error.name === 'UnknownCodecError') {
    return 'Cet enregistrement n’est pas chiffré comme il devrait l’être : il n’est pas affiché.';
  }
  if (error instanceof Error && error.name === 'ValidationError') {
    return 'Cet enregistrement ne correspond pas au format attendu (fichier endommagé ou version plus récente de codiag) : il n’est pas affiché.';
  }
  return 'Une erreur inattendue empêche de lire ces données. Réessayez ; si elle persiste, signalez-la.';
}
