/** The waiting indicator, announced to screen readers. */
import CircularProgress from '@mui/material/CircularProgress';
import Box from '@mui/material/Box';

export function Loading({ label = 'Chargement…' }: { label?: string }) {
  return (
    <Box role="status" sx={{ display: 'flex', gap: 1.5, alignItems: 'center', p: 3 }}>
      <CircularProgress size={24} aria-hidden="true" />
      <span>{label}</span>
    </Box>
  );
}
