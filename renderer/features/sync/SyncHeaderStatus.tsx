/** The sync line of the header: last sync, what waits, what needs a decision, « Synchroniser ». */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { hrefFor, navigate } from '../../app/router';
import { formatDateTime } from './labels';
import { useSync } from './sync-context';

export function SyncHeaderStatus() {
  const { state, syncNow } = useSync();
  const { counts } = state;
  const toResolve = counts.conflicts + counts.rejected + counts.notices;
  const enrolled = state.transport?.enrolled === true && !state.needsEnrolment;
  return (
    <Box
      component="section"
      aria-label="Synchronisation"
      sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}
    >
      <Typography component="p" data-testid="sync-last">
        Dernière synchronisation : {formatDateTime(state.lastSyncAt)}
      </Typography>
      <Link href={hrefFor({ name: 'sync' })} color="inherit" data-testid="sync-waiting">
        {counts.waiting} en attente
        {toResolve > 0 ? `, ${toResolve} à traiter` : ''}
      </Link>
      <Button
        variant="contained"
        color="inherit"
        size="small"
        sx={{ color: 'primary.main' }}
        disabled={state.running}
        onClick={() => {
          if (!enrolled) navigate({ name: 'sync' });
          else void syncNow();
        }}
      >
        {state.running ? 'Synchronisation…' : 'Synchroniser'}
      </Button>
    </Box>
  );
}
