/**
 * Opens an interview for editing: loads it, recovers the session journal if the page went away
 * before its last save finished, creates the draft store and flushes it whenever the page may go
 * away (blur, hidden, pagehide, beforeunload, leaving the page).
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useServices } from '../../app/services';
import { InterviewDocumentSchema, loadInterview, saveInterview } from '../../storage';
import { InterviewDraftStore, sessionJournal, type DraftSnapshot } from './draft-store';

export type DraftState =
  | { kind: 'loading' }
  | { kind: 'not-found' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; store: InterviewDraftStore };

const storage = () => (typeof sessionStorage === 'undefined' ? undefined : sessionStorage);

export function useInterviewDraft(id: string): DraftState {
  const services = useServices();
  const [state, setState] = useState<DraftState>({ kind: 'loading' });

  useEffect(() => {
    let store: InterviewDraftStore | null = null;
    let cancelled = false;
    const onExit = () => store?.flushOnExit();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') onExit();
    };
    const onBlur = () => void store?.flush();
    (async () => {
      const doc = await loadInterview(services.storage, id);
      if (cancelled) return;
      if (!doc) return setState({ kind: 'not-found' });
      store = new InterviewDraftStore(doc, {
        save: (d) => saveInterview(services.storage, d),
        now: services.now,
        writeJournal: (d) => sessionJournal.write(storage(), d),
        clearJournal: (i) => sessionJournal.clear(storage(), i),
        onSaveError: (e) => console.error('save failed', e),
      });
      const journal = InterviewDocumentSchema.safeParse(sessionJournal.read(storage(), id));
      if (journal.success && journal.data.interview.updatedAt > doc.interview.updatedAt) {
        const recovered = journal.data;
        store.update(() => recovered, { force: true });
      } else {
        sessionJournal.clear(storage(), id);
      }
      window.addEventListener('pagehide', onExit);
      window.addEventListener('beforeunload', onExit);
      document.addEventListener('visibilitychange', onVisibility);
      document.addEventListener('focusout', onBlur);
      setState({ kind: 'ready', store });
    })().catch((error: unknown) => {
      if (!cancelled)
        setState({
          kind: 'error',
          message: error instanceof Error ? error.message : String(error),
        });
    });
    return () => {
      cancelled = true;
      window.removeEventListener('pagehide', onExit);
      window.removeEventListener('beforeunload', onExit);
      document.removeEventListener('visibilitychange', onVisibility);
      document.removeEventListener('focusout', onBlur);
      if (store) {
        const closing = store;
        void closing.flush().finally(() => closing.dispose());
      }
    };
  }, [id, services]);
  return state;
}

const noop = () => () => undefined;
const EMPTY: DraftSnapshot | null = null;

export function useDraftSnapshot(store: InterviewDraftStore): DraftSnapshot;
export function useDraftSnapshot(store: InterviewDraftStore | null): DraftSnapshot | null;
export function useDraftSnapshot(store: InterviewDraftStore | null): DraftSnapshot | null {
  return useSyncExternalStore(store?.subscribe ?? noop, () => store?.getSnapshot() ?? EMPTY);
}
