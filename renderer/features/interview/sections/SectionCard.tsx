/**
 * A titled section of the one-page interview (a landmark the navigator jumps to). Two things keep
 * a keystroke cheap on this long page. Each card is drawn only near the viewport
 * (`drawnWhenNearView`, which also contains it like `contain: content`): typing in one field lays
 * out and repaints that card only, and a frame costs what is on screen. And each card's fields
 * are a <form> of their own: on every change Chromium's autofill reads the whole form of the field (labels, values,
 * visibility, after a layout), and fields outside any form all make one form, the whole page.
 * Saving is continuous: the form is never submitted.
 */
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { FormEvent, ReactNode } from 'react';

const neverSubmit = (event: FormEvent) => event.preventDefault();

export function SectionCard(props: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper
      component="section"
      id={props.id}
      aria-labelledby={`${props.id}-title`}
      variant="outlined"
      sx={{
        p: { xs: 2, md: 3 },
        mb: 3,
        scrollMarginTop: '1rem',
        ...drawnWhenNearView('40rem'),
      }}
    >
      <Typography component="h2" variant="h2" id={`${props.id}-title`} tabIndex={-1} sx={{ mb: 2 }}>
        {props.title}
      </Typography>
      <form noValidate onSubmit={neverSubmit}>
        {props.children}
      </form>
    </Paper>
  );
}

/**
 * Chromium skips the style, layout and paint of what is far from the viewport (`content-visibility:
 * auto`): every frame of the long interview page — each keystroke — then costs what is on screen,
 * not the whole page. `estimate` is the height kept for it until it has been drawn once (then its
 * last height). Skipped content stays in the accessibility tree, in find-in-page and in print.
 */
export function drawnWhenNearView(estimate: string) {
  return { contentVisibility: 'auto', containIntrinsicSize: `auto ${estimate}` } as const;
}

export const formGrid = {
  display: 'grid',
  gap: 2.5,
  gridTemplateColumns: { xs: '1fr', lg: 'repeat(2, minmax(0, 1fr))' },
  alignItems: 'start',
} as const;
