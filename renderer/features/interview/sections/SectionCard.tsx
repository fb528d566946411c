/** A titled section of the one-page interview (a landmark the navigator jumps to). */
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

export function SectionCard(props: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper
      component="section"
      id={props.id}
      aria-labelledby={`${props.id}-title`}
      variant="outlined"
      sx={{ p: { xs: 2, md: 3 }, mb: 3, scrollMarginTop: '1rem' }}
    >
      <Typography component="h2" variant="h2" id={`${props.id}-title`} tabIndex={-1} sx={{ mb: 2 }}>
        {props.title}
      </Typography>
      {props.children}
    </Paper>
  );
}

export const formGrid = {
  display: 'grid',
  gap: 2.5,
  gridTemplateColumns: { xs: '1fr', lg: 'repeat(2, minmax(0, 1fr))' },
  alignItems: 'start',
} as const;
