/**
 * The contract screen (DOMAIN §3): the shared draft, the actions and dates the professionals edit,
 * the three signatures, print and PDF through the Platform; and the beneficiary's view in plain
 * French and large type. Lazy-loaded.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState } from 'react';
import { useFieldArray } from 'react-hook-form';
import { buildCeoDraft, type CeoDraft } from '../../../shared/ceo';
import type { Interview, Signature } from '../../../shared/domain';
import { Loading } from '../../app/Loading';
import { hrefFor } from '../../app/router';
import { useServices } from '../../app/services';
import { ReadOnlyContext, RhfTextField } from '../../ui';
import { missingForClosing } from '../closing/closing';
import { isReadOnly, type InterviewDraftStore } from '../interview/draft-store';
import { EditingElsewhereNotice } from '../interview/EditingElsewhereNotice';
import { SaveStatusLine } from '../interview/SaveStatusLine';
import { ActionServices, LocalServicesPanel, useServiceCatalogue } from '../services/LocalServices';
import { SECTIONS } from '../interview/section-forms';
import { useDraftSnapshot, useInterviewDraft } from '../interview/use-interview-draft';
import { useSectionForm } from '../interview/use-section-form';
import { computeOrientation } from '../orientation/decision-form';
import { ContractDocument } from './ContractDocument';
import { SignaturePad } from './SignaturePad';

type Signer = keyof Interview['contract']['signatures'];

function draftOf(interview: Interview, services: ReturnType<typeof useServices>): CeoDraft | null {
  if (!interview.decision || interview.attendance.beneficiary !== 'present') return null;
  let n = 0;
  try {
    return buildCeoDraft(interview, interview.decision, services.referential, {
      now: interview.updatedAt,
      // Proposed actions get stable ids: they only become records when the professionals edit them.
      newId: () => `proposed-${++n}`,
    });
  } catch {
    return null;
  }
}

function ActionsEditor({
  store,
  proposed,
}: {
  store: InterviewDraftStore;
  proposed: CeoDraft['actions'];
}) {
  const services = useServices();
  const { control, setValue } = useSectionForm(SECTIONS.contractActions, store);
  const { fields, append, remove } = useFieldArray({ control, name: 'actions' as never });
  const readOnly = store.isReadOnly;
  const { interview } = useDraftSnapshot(store).doc;
  if (fields.length === 0) {
    return (
      <Box>
        <ul>
          {proposed.map((a) => (
            <li key={a.id}>
              {a.label} — avant le {a.dueDate}
            </li>
          ))}
        </ul>
        {!readOnly && (
          <Button
            className="no-print"
            variant="outlined"
            onClick={() =>
              setValue(
                'actions',
                proposed.map((a) => ({ ...a, id: services.newId() })),
                { shouldDirty: true },
              )
            }
          >
            Modifier les actions et les dates
          </Button>
        )}
        <LocalServicesPanel
          interview={interview}
          actions={interview.contract.actions}
          append={null}
          readOnly={readOnly}
        />
      </Box>
    );
  }
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      {fields.map((field, index) => (
        <Box
          key={field.id}
          sx={{
            display: 'grid',
            gap: 1,
            gridTemplateColumns: { xs: '1fr', md: 'minmax(0, 3fr) minmax(0, 1fr) auto' },
            alignItems: 'start',
          }}
        >
          <RhfTextField
            control={control}
            name={`actions.${index}.label`}
            label={`Action ${index + 1}`}
          />
          <RhfTextField
            control={control}
            name={`actions.${index}.dueDate`}
            label={`Date limite de l’action ${index + 1}`}
            type="date"
          />
          {!readOnly && (
            <IconButton
              className="no-print"
              aria-label={`Supprimer l’action ${index + 1}`}
              onClick={() => remove(index)}
            >
              ✕
            </IconButton>
          )}
          <ActionServices
            control={control}
            setValue={setValue}
            index={index}
            interview={interview}
            readOnly={readOnly}
          />
        </Box>
      ))}
      {!readOnly && (
        <Button
          className="no-print"
          variant="outlined"
          onClick={() =>
            append({
              id: services.newId(),
              label: '',
              dueDate: services.today(),
              domain: 'employment',
              serviceIds: [],
            } as never)
          }
        >
          Ajouter une action
        </Button>
      )}
      <LocalServicesPanel
        interview={interview}
        actions={interview.contract.actions}
        append={(action) => append(action as never)}
        readOnly={readOnly}
      />
    </Box>
  );
}

function ContractView({
  store,
  view,
  takeOver,
}: {
  store: InterviewDraftStore;
  view: 'contract' | 'beneficiary';
  takeOver: () => void;
}) {
  const services = useServices();
  const snapshot = useDraftSnapshot(store);
  const { doc } = snapshot;
  const { interview } = doc;
  const draft = useMemo(() => draftOf(interview, services), [interview, services]);
  const catalogue = useServiceCatalogue();
  const servicesById = useMemo(
    () => new Map((catalogue?.services ?? []).map((s) => [s.id, s])),
    [catalogue],
  );
  const [message, setMessage] = useState<string | null>(null);
  const readOnly = isReadOnly(snapshot);
  const name = `${interview.identity.firstName} ${interview.identity.lastName}`;
  useEffect(() => {
    // Never the person's name: Chromium keeps window titles on disk (History, session restore).
    document.title = `${view === 'contract' ? 'Contrat' : 'Votre contrat'} — codiag`;
  }, [view]);

  if (!draft) {
    const missing = missingForClosing(
      interview,
      computeOrientation(interview, services.referential),
      services.referential,
    ).filter((m) => m.target !== 'contract');
    return (
      <Alert severity="info">
        Le contrat sera prêt quand l’orientation sera décidée. Il manque :
        <ul>
          {missing.map((m) => (
            <li key={m.label}>{m.label}</li>
          ))}
        </ul>
        <Button href={hrefFor({ name: 'interview', id: interview.id })}>
          Retour à l’entretien
        </Button>
      </Alert>
    );
  }

  const sign = (
    who: Signer,
    value: { kind: 'drawn'; svgPath: string } | { kind: 'paper' } | null,
  ) =>
    store.update((d) => {
      const signature: Signature | null = value ? { ...value, signedAt: services.now() } : null;
      return {
        ...d,
        interview: {
          ...d.interview,
          contract: {
            ...d.interview.contract,
            signatures: { ...d.interview.contract.signatures, [who]: signature },
          },
        },
      };
    });
  const fileName = `contrat-${interview.identity.lastName}-${interview.date}.pdf`.replace(
    /[\\/:*?"<>|]/g,
    '-',
  );

  const signers: [Signer, string][] = [
    ['beneficiary', name],
    ['peAdvisor', draft.peAdvisor.name],
    ['cdProfessional', draft.cdProfessional.name],
  ];

  return (
    <ReadOnlyContext.Provider value={readOnly}>
      <Box className="no-print">
        <EditingElsewhereNotice store={store} takeOver={takeOver} />
      </Box>
      <Paper
        variant="outlined"
        className="no-print"
        sx={{ p: 2, mb: 2, display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'center' }}
      >
        <Box sx={{ flexGrow: 1 }}>
          <SaveStatusLine store={store} />
        </Box>
        <Button variant="outlined" href={hrefFor({ name: 'interview', id: interview.id })}>
          Retour à l’entretien
        </Button>
        {view === 'contract' ? (
          <Button variant="outlined" href={hrefFor({ name: 'beneficiary-view', id: interview.id })}>
            Vue pour la personne
          </Button>
        ) : (
          <Button variant="outlined" href={hrefFor({ name: 'contract', id: interview.id })}>
            Vue des professionnels
          </Button>
        )}
        <Button
          variant="outlined"
          onClick={async () => {
            await store.flush();
            const r = await services.platform.print();
            setMessage(r.status === 'failed' ? r.message : null);
          }}
        >
          Imprimer
        </Button>
        <Button
          variant="contained"
          onClick={async () => {
            await store.flush();
            const r = await services.platform.exportPdf(fileName);
            setMessage(
              r.status === 'saved'
                ? r.path
                  ? `PDF enregistré : ${r.path}`
                  : null
                : r.status === 'failed'
                  ? r.message
                  : null,
            );
          }}
        >
          Exporter en PDF
        </Button>
        {message && (
          <Typography role="status" sx={{ width: '100%' }}>
            {message}
          </Typography>
        )}
      </Paper>
      <Paper
        variant="outlined"
        sx={{
          p: { xs: 2, md: 4 },
          maxWidth: 900,
          mx: 'auto',
          '@media print': { border: 'none', p: 0, maxWidth: 'none' },
        }}
      >
        <ContractDocument
          draft={draft}
          large={view === 'beneficiary'}
          services={servicesById}
          actionsSlot={
            view === 'contract' ? (
              <ActionsEditor store={store} proposed={draft.actions} />
            ) : undefined
          }
          signatures={signers.map(([who, label]) => (
            <SignaturePad
              key={who}
              id={`sign-${who}`}
              label={label}
              signature={interview.contract.signatures[who]}
              readOnly={readOnly}
              onSign={(value) => sign(who, value)}
              onClear={() => sign(who, null)}
            />
          ))}
        />
      </Paper>
    </ReadOnlyContext.Provider>
  );
}

export function ContractPage({ id, view }: { id: string; view: 'contract' | 'beneficiary' }) {
  const state = useInterviewDraft(id);
  switch (state.kind) {
    case 'loading':
      return <Loading label="Préparation du contrat…" />;
    case 'not-found':
      return <Alert severity="error">Cet entretien n’existe pas sur cet ordinateur.</Alert>;
    case 'error':
      return <Alert severity="error">L’entretien ne peut pas être lu : {state.message}</Alert>;
    case 'ready':
      return (
        <ContractView
          key={state.opening}
          store={state.store}
          view={view}
          takeOver={state.takeOver}
        />
      );
  }
}
