/**
 * The sync engine as the screens see it: one engine per app, its state (what waits, the last sync,
 * the progress), the « Synchroniser » action, enrolment, and the automatic triggers.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useServices } from '../../app/services';
import type { Platform } from '../../platform';
import {
  countSyncItems,
  readSyncStatus,
  type LastAttempt,
  type StorageContext,
  type SyncCounts,
} from '../../storage';
import { startAutoSync } from './auto-sync';
import { createElectronTransport } from './electron-transport';
import { createFetchTransport } from './fetch-transport';
import {
  createSyncEngine,
  type SyncEngine,
  type SyncProgress,
  type SyncReport,
} from './sync-engine';
import type { EnrolOutcome, SyncTransport, TransportStatus } from './transport';

export interface SyncState {
  transport: TransportStatus | null;
  counts: SyncCounts;
  lastSyncAt: string | null;
  lastAttempt: LastAttempt | null;
  needsEnrolment: boolean;
  running: boolean;
  progress: SyncProgress | null;
}

export interface SyncApi {
  state: SyncState;
  syncNow: () => Promise<SyncReport | null>;
  refresh: () => Promise<void>;
  enrol: (input: { serverUrl: string; code: string; deviceName: string }) => Promise<EnrolOutcome>;
}

export function createTransport(platform: Platform, storage: StorageContext): SyncTransport {
  return platform.sync ? createElectronTransport(platform.sync) : createFetchTransport({ storage });
}

const SyncContext = createContext<SyncApi | null>(null);

export function useSync(): SyncApi {
  const api = useContext(SyncContext);
  if (!api) throw new Error('useSync must be used inside <SyncProvider>');
  return api;
}

const EMPTY: SyncState = {
  transport: null,
  counts: { waiting: 0, conflicts: 0, rejected: 0, notices: 0 },
  lastSyncAt: null,
  lastAttempt: null,
  needsEnrolment: false,
  running: false,
  progress: null,
};

export function SyncProvider(props: { children: ReactNode; engine?: SyncEngine }) {
  const { storage, platform } = useServices();
  const transport = useMemo(() => createTransport(platform, storage), [platform, storage]);
  const engine = useMemo(
    () => props.engine ?? createSyncEngine({ storage, transport }),
    [props.engine, storage, transport],
  );
  const [state, setState] = useState<SyncState>(EMPTY);

  const refresh = useCallback(async () => {
    try {
      const [counts, status, transportStatus] = await Promise.all([
        countSyncItems(storage),
        readSyncStatus(storage),
        transport.status(),
      ]);
      // Every 5 s: the same state keeps the same object, so nothing re-renders for nothing.
      setState((s) => {
        const next = { ...s, counts, ...status, transport: transportStatus };
        return JSON.stringify(next) === JSON.stringify(s) ? s : next;
      });
    } catch {
      // Locked or closed database: the next refresh shows the state again.
    }
  }, [storage, transport]);

  const syncNow = useCallback(async () => {
    const status = await transport.status().catch(() => null);
    if (!status?.enrolled) {
      await refresh();
      return null;
    }
    setState((s) => ({ ...s, running: true }));
    try {
      return await engine.sync();
    } finally {
      setState((s) => ({ ...s, running: false }));
      await refresh();
    }
  }, [engine, refresh, transport]);

  const enrol = useCallback<SyncApi['enrol']>(
    async (input) => {
      const outcome = await transport.enrol(input);
      await refresh();
      return outcome;
    },
    [refresh, transport],
  );

  useEffect(() => engine.subscribe((progress) => setState((s) => ({ ...s, progress }))), [engine]);

  useEffect(() => {
    void refresh();
    // The outbox changes with every save elsewhere in the app: follow it cheaply.
    const timer = setInterval(() => void refresh(), 5_000);
    window.addEventListener('hashchange', refresh);
    const stop = startAutoSync({
      target: window,
      run: async () => (await syncNow())?.outcome ?? null,
    });
    return () => {
      clearInterval(timer);
      window.removeEventListener('hashchange', refresh);
      stop();
    };
  }, [refresh, syncNow]);

  const api = useMemo(() => ({ state, syncNow, refresh, enrol }), [state, syncNow, refresh, enrol]);
  return <SyncContext.Provider value={api}>{props.children}</SyncContext.Provider>;
}
