/** "Enregistré à 14:03:27" always in view, announced politely; failures in French, with retries. */
import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import type { SaveStatus } from './draft-store';

export function formatTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleTimeString('fr-FR') : '—';
}

export function SaveStatusLine({ status, updatedAt }: { status: SaveStatus; updatedAt: string }) {
  const text =
    status.state === 'saved'
      ? `Enregistré à ${formatTime(status.lastSavedAt)}`
      : status.state === 'error'
        ? `Non enregistré — dernière sauvegarde à ${formatTime(status.lastSavedAt)}`
        : 'Enregistrement…';
  return (
    <>
      <Typography
        role="status"
        aria-live="polite"
        data-testid="save-status"
        data-state={status.state}
        sx={{ fontWeight: 600 }}
      >
        {text}
      </Typography>
      <Typography sx={{ color: 'text.secondary' }} data-testid="last-change">
        Dernière modification : {new Date(updatedAt).toLocaleString('fr-FR')}
      </Typography>
      {status.state === 'error' && status.errorMessage && (
        <Alert severity="error" role="alert" sx={{ mt: 1 }}>
          {status.errorMessage} (tentative {status.attempt})
        </Alert>
      )}
    </>
  );
}
