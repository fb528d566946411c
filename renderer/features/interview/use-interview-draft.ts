/**
 * Opens an interview for editing: takes its edit lock (one window edits an interview at a time,
 * edit-lock.ts), loads it, recovers the (encrypted) session journal if the page went away before
 * its last save finished, creates the draft store and flushes it whenever the page may go away
 * (blur, hidden, pagehide, beforeunload, leaving the page) or the session locks. When another
 * window edits the interview, it is shown read-only with a way to take it over.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useServices } from '../../app/services';
import {
  InterviewDocumentSchema,
  loadInterview,
  prepareInterview,
  saveInterview,
  savePreparedInterview,
  userMessageOf,
} from '../../storage';
import { useSecuritySession } from '../security/security-context';
import {
  InterviewDraftStore,
  InterviewJournal,
  type DraftSnapshot,
  type DraftStoreDeps,
} from './draft-store';
import { EditLocks, type EditAccess, type EditLockHolder } from './edit-lock';
import { SavePreparer } from './save-preparer';

export type DraftState =
  | { kind: 'loading' }
  | { kind: 'not-found' }
  | { kind: 'error'; message: string }
  | {
      kind: 'ready';
      store: InterviewDraftStore;
      /** Asks the window editing this interview to hand it over, then opens it here for editing. */
      takeOver: () => void;
      /**
       * Which opening of the interview in this page (0, then one more per take-over): the views
       * are keyed on it, so that their forms start again from the new store's document.
       */
      opening: number;
    };

const storage = () => (typeof sessionStorage === 'undefined' ? undefined : sessionStorage);

export function useInterviewDraft(id: string): DraftState {
  const services = useServices();
  const security = useSecuritySession();
  const [state, setState] = useState<DraftState>({ kind: 'loading' });
  /** Incremented by « Modifier ici »: the interview is opened again, asking for the edit lock. */
  const [takeOvers, setTakeOvers] = useState(0);

  useEffect(() => {
    let store: InterviewDraftStore | null = null;
    let cancelled = false;
    /** Asked to step down (or the lock taken) before the store existed. */
    let steppedDown = false;
    let access: EditAccess | null = null;
    const editLocks = new EditLocks(services.storage.db.name);
    const holder: EditLockHolder = {
      handOver: () => {
        if (store) return store.handOver();
        steppedDown = true;
        return Promise.resolve();
      },
      lost: () => {
        if (store) store.editedElsewhere();
        else steppedDown = true;
      },
    };
    const takeOver = () => setTakeOvers((n) => n + 1);
    const release = () => {
      if (access && access.kind !== 'elsewhere') access.release();
    };
    let unregisterLock: () => void = () => undefined;
    const journal = new InterviewJournal(services.storage.codec, storage);
    const preparer = new SavePreparer(
      (d) => prepareInterview(services.storage, d),
      (p) => journal.keep(p.doc.interview.id, p.encoded.payload),
    );
    const onExit = () => store?.flushOnExit();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') onExit();
    };
    const onBlur = () => void store?.flush();
    (async () => {
      const granted = await (takeOvers > 0
        ? editLocks.takeOver(id, holder)
        : editLocks.open(id, holder));
      access = granted;
      if (cancelled) return release();
      const doc = await loadInterview(services.storage, id);
      if (cancelled) return;
      if (!doc) return setState({ kind: 'not-found' });
      const deps: DraftStoreDeps = {
        save: (d) => {
          const prepared = preparer.for(d);
          if (!prepared) return saveInterview(services.storage, d);
          return prepared.then((p) => savePreparedInterview(services.storage, p));
        },
        now: services.now,
        prepare: (d) => preparer.stage(d),
        writeJournal: (d) => journal.write(d.interview.id),
        clearJournal: (i) => journal.clear(i),
        onSaveError: (e) => console.error('save failed', e),
      };
      if (granted.kind === 'elsewhere' || steppedDown) {
        // Shown as saved; this window's journal, if any, waits until it edits again.
        store = new InterviewDraftStore(doc, deps, doc.interview.updatedAt, true);
        return setState({ kind: 'ready', store, takeOver, opening: takeOvers });
      }
      store = new InterviewDraftStore(doc, deps);
      const recovered = InterviewDocumentSchema.safeParse(await journal.read(id));
      if (cancelled) return;
      if (recovered.success && recovered.data.interview.updatedAt > doc.interview.updatedAt) {
        const newer = recovered.data;
        store.update(() => newer, { force: true });
      } else {
        journal.clear(id);
      }
      const open = store;
      unregisterLock = security?.registerBeforeLock(() => open.flushBeforeLock()) ?? unregisterLock;
      window.addEventListener('pagehide', onExit);
      window.addEventListener('beforeunload', onExit);
      document.addEventListener('visibilitychange', onVisibility);
      document.addEventListener('focusout', onBlur);
      setState({ kind: 'ready', store, takeOver, opening: takeOvers });
    })().catch((error: unknown) => {
      console.error('interview cannot be opened', error);
      if (!cancelled)
        setState({
          kind: 'error',
          message: userMessageOf(error),
        });
    });
    return () => {
      cancelled = true;
      unregisterLock();
      window.removeEventListener('pagehide', onExit);
      window.removeEventListener('beforeunload', onExit);
      document.removeEventListener('visibilitychange', onVisibility);
      document.removeEventListener('focusout', onBlur);
      if (store) {
        const closing = store;
        // The lock passes once what is pending is written, not before.
        void closing.flush().finally(() => {
          closing.dispose();
          release();
        });
      } else {
        release();
      }
    };
  }, [id, services, security, takeOvers]);
  return state;
}

const noop = () => () => undefined;
const EMPTY: DraftSnapshot | null = null;

export function useDraftSnapshot(store: InterviewDraftStore): DraftSnapshot;
export function useDraftSnapshot(store: InterviewDraftStore | null): DraftSnapshot | null;
export function useDraftSnapshot(store: InterviewDraftStore | null): DraftSnapshot | null {
  return useSyncExternalStore(store?.subscribe ?? noop, () => store?.getSnapshot() ?? EMPTY);
}

/**
 * One slice of the draft: the component re-renders when its slice changes (by `isEqual`), not on
 * every edit of the interview. A keystroke in the synthesis must not re-render the orientation
 * panel or the closing list. Pass a stable `select` (module-level or memoised): a new one
 * recomputes the slice.
 */
export function useDraftSelector<T>(
  store: InterviewDraftStore,
  select: (snapshot: DraftSnapshot) => T,
  isEqual: (a: T, b: T) => boolean = Object.is,
): T {
  const getSelection = useMemo(() => {
    let memo: { snapshot: DraftSnapshot; value: T } | null = null;
    return () => {
      const snapshot = store.getSnapshot();
      if (memo?.snapshot === snapshot) return memo.value;
      const next = select(snapshot);
      const value = memo && isEqual(memo.value, next) ? memo.value : next;
      memo = { snapshot, value };
      return value;
    };
  }, [store, select, isEqual]);
  return useSyncExternalStore(store.subscribe, getSelection);
}

/** Equality of two records key by key (the slices `useDraftSelector` picks). */
export function shallowEqual<T extends object>(a: T, b: T): boolean {
  if (Object.is(a, b)) return true;
  const keys = Object.keys(a) as (keyof T)[];
  return keys.length === Object.keys(b).length && keys.every((key) => Object.is(a[key], b[key]));
}
