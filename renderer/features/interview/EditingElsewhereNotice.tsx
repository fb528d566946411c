/**
 * Shown while another window edits this interview (edit-lock.ts): this window is read-only, and
 * « Modifier dans cette fenêtre » asks the other one to save and hand it over.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { useState } from 'react';
import type { DraftSnapshot, InterviewDraftStore } from './draft-store';
import { useDraftSelector } from './use-interview-draft';

const selectElsewhere = (snapshot: DraftSnapshot) => snapshot.editingElsewhere;

export function EditingElsewhereNotice(props: {
  store: InterviewDraftStore;
  takeOver: () => void;
}) {
  const elsewhere = useDraftSelector(props.store, selectElsewhere);
  const [asked, setAsked] = useState(false);
  if (!elsewhere) return null;
  return (
    <Alert
      severity="warning"
      data-testid="editing-elsewhere"
      sx={{ mb: 2 }}
      action={
        <Button
          color="inherit"
          variant="outlined"
          disabled={asked}
          onClick={() => {
            setAsked(true);
            props.takeOver();
          }}
        >
          {asked ? 'Reprise en cours…' : 'Modifier dans cette fenêtre'}
        </Button>
      }
    >
      Cet entretien est modifié dans une autre fenêtre ou un autre onglet : il est affiché ici en
      lecture seule, tel qu’il était enregistré. « Modifier dans cette fenêtre » enregistre ce qui a
      été saisi là-bas et l’ouvre ici.
    </Alert>
  );
}
