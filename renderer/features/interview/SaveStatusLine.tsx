/**
 * "Enregistré à 14:03:27" always in view; failures in French, with retries; and the date and time
 * of the last change. Each line subscribes to what it shows: a keystroke re-renders at most the
 * last-change line, and only when its text (to the second) changes.
 *
 * Screen readers hear what matters, not every autosave: the status line is not a live region (it
 * would speak after every pause in typing); a failure is an alert, and the first save that
 * succeeds after one is announced.
 */
import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState } from 'react';
import type { DraftSnapshot, InterviewDraftStore, SaveStatus } from './draft-store';
import { shallowEqual, useDraftSelector } from './use-interview-draft';

export function formatTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleTimeString('fr-FR') : '—';
}

/** Same text as `toLocaleString('fr-FR')`, with one formatter for every keystroke. */
const DATE_TIME = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'medium' });

const selectStatus = (snapshot: DraftSnapshot): SaveStatus => snapshot.status;
/** The text changes once a second at most while they type: formatted once per second. */
let lastFormatted = { second: '', text: '' };
const selectLastChange = (snapshot: DraftSnapshot): string => {
  const iso = snapshot.doc.interview.updatedAt;
  const second = iso.replace(/\.\d+/, '');
  if (second !== lastFormatted.second) {
    lastFormatted = { second, text: DATE_TIME.format(new Date(iso)) };
  }
  return lastFormatted.text;
};

function SaveState({ store }: { store: InterviewDraftStore }) {
  const status = useDraftSelector(store, selectStatus, shallowEqual);
  const text =
    status.state === 'saved'
      ? `Enregistré à ${formatTime(status.lastSavedAt)}`
      : status.state === 'error'
        ? `Non enregistré — dernière sauvegarde à ${formatTime(status.lastSavedAt)}`
        : 'Enregistrement…';
  return (
    <Typography data-testid="save-status" data-state={status.state} sx={{ fontWeight: 600 }}>
      {text}
    </Typography>
  );
}

/** Read by screen readers only, yet kept in the page (not `display: none`). */
const VISUALLY_HIDDEN = {
  position: 'absolute',
  // In px: MUI's sx reads a bare 1 as 100 %.
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

export const BACK_TO_SAVED = 'Les modifications sont de nouveau enregistrées.';

/** Announces the return to normal after a failure (the failure itself is an alert). */
function SaveRecovery({ store }: { store: InterviewDraftStore }) {
  const status = useDraftSelector(store, selectStatus, shallowEqual);
  const failed = useRef(false);
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (status.state === 'error') {
      failed.current = true;
      setMessage('');
    } else if (status.state === 'saved' && failed.current) {
      failed.current = false;
      setMessage(BACK_TO_SAVED);
    }
  }, [status.state]);
  return (
    <Typography role="status" aria-live="polite" sx={VISUALLY_HIDDEN}>
      {message}
    </Typography>
  );
}

function SaveError({ store }: { store: InterviewDraftStore }) {
  const status = useDraftSelector(store, selectStatus, shallowEqual);
  if (status.state !== 'error' || !status.errorMessage) return null;
  return (
    <Alert severity="error" role="alert" sx={{ mt: 1 }}>
      {status.errorMessage} (tentative {status.attempt})
    </Alert>
  );
}

function LastChange({ store }: { store: InterviewDraftStore }) {
  const text = useDraftSelector(store, selectLastChange);
  return (
    <Typography sx={{ color: 'text.secondary' }} data-testid="last-change">
      Dernière modification : {text}
    </Typography>
  );
}

export function SaveStatusLine({ store }: { store: InterviewDraftStore }) {
  return (
    <>
      <SaveState store={store} />
      <LastChange store={store} />
      <SaveError store={store} />
      <SaveRecovery store={store} />
    </>
  );
}
