/**
 * Persistent storage (navigator.storage.persist): without it the browser may evict the local
 * database under disk pressure. The state is shown to the professionals.
 */

export interface PersistenceInfo {
  /** 'granted' | 'denied' by the browser, or 'unsupported' when the API is missing. */
  state: 'granted' | 'denied' | 'unsupported';
  usageBytes: number | null;
  quotaBytes: number | null;
}

export async function requestPersistence(
  storage: StorageManager | undefined = globalThis.navigator?.storage,
): Promise<PersistenceInfo> {
  if (!storage || typeof storage.persist !== 'function') {
    return { state: 'unsupported', usageBytes: null, quotaBytes: null };
  }
  let persisted = typeof storage.persisted === 'function' ? await storage.persisted() : false;
  if (!persisted) persisted = await storage.persist();
  const estimate = typeof storage.estimate === 'function' ? await storage.estimate() : {};
  return {
    state: persisted ? 'granted' : 'denied',
    usageBytes: estimate.usage ?? null,
    quotaBytes: estimate.quota ?? null,
  };
}
