/**
 * The co-diagnostic on one page (DOMAIN §8): a section navigator, the sections, and the sticky
 * orientation panel; the time of the last change always visible. Lazy-loaded.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { memo, useDeferredValue, useEffect } from 'react';
import { formatFrenchDate } from '../../../shared/util/dates';
import { Loading } from '../../app/Loading';
import { hrefFor } from '../../app/router';
import { useServices } from '../../app/services';
import { ReadOnlyContext } from '../../ui';
import { ClosingPanel } from '../closing/ClosingPanel';
import { OrientationPanel } from '../orientation/OrientationPanel';
import { useOrientation } from '../orientation/use-orientation';
import { isReadOnly, type DraftSnapshot, type InterviewDraftStore } from './draft-store';
import { EditingElsewhereNotice } from './EditingElsewhereNotice';
import { SaveStatusLine } from './SaveStatusLine';
import { AttendanceSection } from './sections/AttendanceSection';
import { BarriersSection } from './sections/BarriersSection';
import { EmploymentSection } from './sections/EmploymentSection';
import { IdentitySection } from './sections/IdentitySection';
import { ConsentSection, SynthesisSection } from './sections/SynthesisSection';
import { rememberPosition, restorePosition } from './ui-position';
import { shallowEqual, useDraftSelector, useInterviewDraft } from './use-interview-draft';
import { ExportPersonButton } from './ExportPersonButton';

const NAV = [
  ['sec-attendance', 'Personnes présentes'],
  ['sec-identity', 'Identité et situation'],
  ['sec-employment', 'Emploi et motivation'],
  ['sec-barriers', 'Freins périphériques'],
  ['sec-synthesis', 'Synthèse'],
  ['sec-consent', 'Consentements'],
  ['orientation', 'Orientation'],
  ['closing', 'Clôture'],
] as const;

function jumpTo(target: string) {
  const id = target === 'orientation' ? 'orientation-title' : `${target}-title`;
  const el = document.getElementById(id);
  el?.scrollIntoView({ block: 'start' });
  el?.focus({ preventScroll: true });
}

const SectionNavigator = memo(function SectionNavigator({ present }: { present: boolean }) {
  return (
    <Box
      component="nav"
      aria-label="Sections de l’entretien"
      sx={{ position: { lg: 'sticky' }, top: { lg: 16 } }}
    >
      <Box
        component="ol"
        sx={{
          listStyle: 'none',
          p: 0,
          m: 0,
          display: 'flex',
          flexDirection: { xs: 'row', lg: 'column' },
          flexWrap: 'wrap',
          gap: 0.5,
        }}
      >
        {NAV.filter(([id]) => present || id === 'sec-attendance' || id === 'closing').map(
          ([id, label]) => (
            <li key={id}>
              <Link
                component="button"
                type="button"
                onClick={() => jumpTo(id)}
                sx={{ fontSize: '1rem', textAlign: 'left', p: 0.5 }}
              >
                {label}
              </Link>
            </li>
          ),
        )}
      </Box>
    </Box>
  );
});

/** What the page's layout depends on; the parts below subscribe to their own slices. */
const selectView = (snapshot: DraftSnapshot) => {
  const { interview } = snapshot.doc;
  return {
    id: interview.id,
    date: interview.date,
    beneficiaryId: interview.beneficiaryId,
    present: interview.attendance.beneficiary === 'present',
    closed: interview.status === 'closed',
    readOnly: isReadOnly(snapshot),
  };
};

const selectHeading = ({ doc: { interview } }: DraftSnapshot) => ({
  name: `${interview.identity.firstName} ${interview.identity.lastName}`,
  place: interview.place,
  version: interview.version,
});

type View = ReturnType<typeof selectView>;

const InterviewHeader = memo(function InterviewHeader(props: {
  store: InterviewDraftStore;
  view: View;
}) {
  const { store, view } = props;
  const { name, place, version } = useDraftSelector(store, selectHeading, shallowEqual);
  return (
    <Paper
      variant="outlined"
      sx={{
        p: 2,
        mb: 2,
        display: 'flex',
        flexWrap: 'wrap',
        gap: 2,
        alignItems: 'center',
        contain: 'content', // like the section cards
      }}
    >
      <Box sx={{ flexGrow: 1 }}>
        <Typography component="h1" variant="h1">
          Co-diagnostic — {name}
        </Typography>
        <Typography>
          Entretien du {formatFrenchDate(view.date)}
          {place ? `, ${place}` : ''} — version {version}
          {view.closed ? ' — clôturé, lecture seule' : ''}
        </Typography>
      </Box>
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
        <Button variant="outlined" href={hrefFor({ name: 'agenda' })}>
          Agenda
        </Button>
        {view.present && (
          <Button variant="contained" href={hrefFor({ name: 'contract', id: view.id })}>
            Contrat
          </Button>
        )}
        <ExportPersonButton store={store} beneficiaryId={view.beneficiaryId} />
      </Box>
    </Paper>
  );
});

/**
 * The save state and the date and time of the last change, pinned to the bottom of the window so
 * that they stay in view wherever the page is scrolled (issue 3: "always visible").
 */
function SaveBar({ store }: { store: InterviewDraftStore }) {
  useEffect(() => {
    // A field focused with Tab near the bottom of the window must not hide under the bar.
    const root = document.documentElement;
    root.style.scrollPaddingBottom = '6rem';
    return () => {
      root.style.scrollPaddingBottom = '';
    };
  }, []);
  return (
    <Paper
      variant="outlined"
      data-testid="save-bar"
      sx={{
        position: 'sticky',
        bottom: 0,
        zIndex: 3,
        mt: 2,
        px: 2,
        py: 1,
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'center',
        columnGap: 3,
        borderTopWidth: 2,
        contain: 'content', // the last-change time repaints only here
      }}
    >
      <SaveStatusLine store={store} />
    </Paper>
  );
}

function InterviewView({ store, takeOver }: { store: InterviewDraftStore; takeOver: () => void }) {
  const { referential } = useServices();
  const view = useDraftSelector(store, selectView, shallowEqual);
  const { id, present, closed, readOnly } = view;
  // A new object only when the criteria answers change; the panel and the closing list follow
  // it at a lower priority than what is being typed or clicked.
  const orientation = useDeferredValue(useOrientation(store, referential));

  useEffect(() => {
    // Never the person's name: Chromium keeps window titles on disk (History, session restore)
    // and the OS shows them in the task bar.
    document.title = `Entretien du ${formatFrenchDate(view.date)} — codiag`;
  }, [view.date]);
  useEffect(() => {
    requestAnimationFrame(() => restorePosition(id));
    return rememberPosition(id);
  }, [id]);

  return (
    <ReadOnlyContext.Provider value={readOnly}>
      <InterviewHeader store={store} view={view} />
      <EditingElsewhereNotice store={store} takeOver={takeOver} />
      {closed && (
        <Alert severity="info" sx={{ mb: 2 }}>
          Entretien clôturé : lecture seule. Une correction crée une nouvelle version.
        </Alert>
      )}
      <Box
        sx={{
          display: 'grid',
          gap: 2,
          gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: '180px minmax(0, 1fr) 400px' },
          alignItems: 'start',
        }}
      >
        <SectionNavigator present={present} />
        <Box>
          <AttendanceSection store={store} referential={referential} />
          {present && (
            <>
              <IdentitySection store={store} />
              <EmploymentSection store={store} referential={referential} />
              <BarriersSection store={store} referential={referential} />
              <SynthesisSection store={store} />
              <ConsentSection store={store} />
            </>
          )}
          <Paper variant="outlined" sx={{ p: { xs: 2, md: 3 }, contain: 'content' }} id="closing">
            <ClosingPanel store={store} orientation={orientation} />
          </Paper>
        </Box>
        {present ? (
          <OrientationPanel store={store} orientation={orientation} referential={referential} />
        ) : (
          <Box />
        )}
      </Box>
      <SaveBar store={store} />
    </ReadOnlyContext.Provider>
  );
}

export function InterviewPage({ id }: { id: string }) {
  const state = useInterviewDraft(id);
  switch (state.kind) {
    case 'loading':
      return <Loading label="Ouverture de l’entretien…" />;
    case 'not-found':
      return <Alert severity="error">Cet entretien n’existe pas sur cet ordinateur.</Alert>;
    case 'error':
      return <Alert severity="error">L’entretien ne peut pas être lu : {state.message}</Alert>;
    case 'ready':
      return <InterviewView key={state.opening} store={state.store} takeOver={state.takeOver} />;
  }
}
