/**
 * The orientation of the interview being typed, for the panel and the closing list: a component
 * that uses it renders again when the criteria answers change, not on every keystroke.
 */
import { useMemo } from 'react';
import type { Referential } from '../../../shared/referential';
import type { DraftSnapshot, InterviewDraftStore } from '../interview/draft-store';
import { useDraftSelector } from '../interview/use-interview-draft';
import { trackOrientation, type Orientation } from './decision-form';

export function useOrientation(store: InterviewDraftStore, referential: Referential): Orientation {
  const select = useMemo(() => {
    const orientationOf = trackOrientation(referential);
    return (snapshot: DraftSnapshot) => orientationOf(snapshot.doc.interview);
  }, [referential]);
  return useDraftSelector(store, select);
}
