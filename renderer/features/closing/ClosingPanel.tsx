/** The closing list: what is missing, the button that closes, and the correction of a closed one. */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { memo, useMemo, useState } from 'react';
import { closeInterview } from '../../../shared/domain';
import { hrefFor, navigate } from '../../app/router';
import { useServices } from '../../app/services';
import { useReadOnly } from '../../ui';
import { correctionOf, saveInterview } from '../../storage';
import type { DraftSnapshot, InterviewDraftStore } from '../interview/draft-store';
import { shallowEqual, useDraftSelector } from '../interview/use-interview-draft';
import type { Orientation } from '../orientation/decision-form';
import { missingForClosing } from './closing';
import { SatisfactionPanel } from './SatisfactionPanel';

/** What the closing list shows: a keystroke in a text field changes none of it. */
const selectClosing = ({ doc: { interview } }: DraftSnapshot) => ({
  id: interview.id,
  version: interview.version,
  status: interview.status,
  closedOn:
    interview.status === 'closed'
      ? new Date(interview.closedAt ?? interview.updatedAt).toLocaleString('fr-FR')
      : null,
  attendance: interview.attendance,
  decision: interview.decision,
  signatures: interview.contract.signatures,
  evaluationNoticeGiven: interview.consent.evaluationNoticeGiven,
  declaredUnconfirmed: interview.declaredUnconfirmed,
  satisfaction: interview.satisfaction,
});

export const ClosingPanel = memo(function ClosingPanel(props: {
  store: InterviewDraftStore;
  orientation: Orientation;
}) {
  const { store, orientation } = props;
  const services = useServices();
  const [error, setError] = useState<string | null>(null);
  const interview = useDraftSelector(store, selectClosing, shallowEqual);
  // Edited in another window: nothing to close from here.
  const readOnly = useReadOnly();
  const { attendance, decision, signatures, evaluationNoticeGiven, declaredUnconfirmed } =
    interview;
  const missing = useMemo(
    () =>
      missingForClosing(
        {
          attendance,
          decision,
          contract: { signatures },
          consent: { evaluationNoticeGiven },
          declaredUnconfirmed,
        },
        orientation,
        services.referential,
      ),
    [
      attendance,
      decision,
      signatures,
      evaluationNoticeGiven,
      declaredUnconfirmed,
      orientation,
      services.referential,
    ],
  );
  const goTo = (target: string) => {
    if (target === 'contract') return navigate({ name: 'contract', id: interview.id });
    const el = document.getElementById(
      target === 'orientation' ? 'orientation-title' : `${target}-title`,
    );
    el?.scrollIntoView({ block: 'start' });
    el?.focus();
  };

  if (interview.status === 'closed') {
    return (
      <Box component="section" aria-labelledby="closing-title" sx={{ mt: 2 }}>
        <Typography component="h2" variant="h2" id="closing-title" tabIndex={-1}>
          Entretien clôturé
        </Typography>
        <Typography sx={{ my: 1 }}>
          Clôturé le {interview.closedOn}. Il est en lecture seule et sera transmis à la prochaine
          synchronisation.
        </Typography>
        {interview.attendance.beneficiary === 'present' && (
          <SatisfactionPanel
            store={store}
            interview={{ satisfaction: interview.satisfaction, status: interview.status }}
          />
        )}
        <Button
          variant="outlined"
          onClick={async () => {
            const closed = store.getSnapshot().doc.interview;
            const next = correctionOf(closed, services.newId(), services.now());
            try {
              await saveInterview(services.storage, { interview: next, formDrafts: {} });
              navigate({ name: 'interview', id: next.id });
            } catch (e) {
              setError(e instanceof Error ? e.message : String(e));
            }
          }}
        >
          Corriger (nouvelle version {interview.version + 1})
        </Button>
        {error && <Alert severity="error">{error}</Alert>}
      </Box>
    );
  }

  return (
    <Box component="section" aria-labelledby="closing-title" sx={{ mt: 2 }}>
      <Typography component="h2" variant="h2" id="closing-title" tabIndex={-1}>
        Clôture
      </Typography>
      {missing.length > 0 ? (
        <>
          <Typography sx={{ my: 1 }}>Pour clôturer, il manque ({missing.length}) :</Typography>
          <ul data-testid="closing-missing">
            {missing.map((m) => (
              <li key={m.label}>
                <Link
                  component="button"
                  type="button"
                  onClick={() => goTo(m.target)}
                  sx={{ textAlign: 'left' }}
                >
                  {m.label}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <Alert severity="success" sx={{ my: 1 }}>
          Tout est prêt pour la clôture.
        </Alert>
      )}
      {interview.attendance.beneficiary === 'present' && (
        <SatisfactionPanel
          store={store}
          interview={{ satisfaction: interview.satisfaction, status: interview.status }}
        />
      )}
      <Button
        variant="contained"
        disabled={missing.length > 0 || readOnly}
        onClick={async () => {
          store.update((doc) => ({
            ...doc,
            interview: closeInterview(doc.interview, services.now()),
          }));
          await store.flush();
          document.getElementById('closing-title')?.focus();
        }}
      >
        Clôturer l’entretien
      </Button>
      {interview.attendance.beneficiary === 'absent' && (
        <Typography sx={{ mt: 1 }}>
          Personne absente : clôturer termine l’entretien et enregistre la suspension.
        </Typography>
      )}
      <Typography sx={{ mt: 1 }}>
        <Link href={hrefFor({ name: 'contract', id: interview.id })}>Voir le contrat</Link>
      </Typography>
    </Box>
  );
});
