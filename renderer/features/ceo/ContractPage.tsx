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
import { memo, useCallback, type ComponentProps, useEffect, useMemo, useState } from 'react';
import { useFieldArray } from 'react-hook-form';
import { buildCeoDraft, type CeoDraft } from '../../../shared/ceo';
import type { Interview, Signature } from '../../../shared/domain';
import { Loading } from '../../app/Loading';
import { hrefFor } from '../../app/router';
import { useServices } from '../../app/services';
import { ReadOnlyContext, RhfTextField, useSettledValue } from '../../ui';
import { missingForClosing } from '../closing/closing';
import { isReadOnly, type InterviewDraftStore } from '../interview/draft-store';
import { EditingElsewhereNotice } from '../interview/EditingElsewhereNotice';
import { SaveStatusLine } from '../interview/SaveStatusLine';
import {
  ActionServices,
  LocalServicesPanel,
  servicesById,
  useServiceCatalogue,
} from '../services/LocalServices';
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

const MemoActionServices = memo(ActionServices);
const MemoLocalServicesPanel = memo(LocalServicesPanel);
/** The contract itself, drawn again only when what it shows changes. */
const ContractSheet = memo(function ContractSheet(props: ComponentProps<typeof ContractDocument>) {
  return (
    <Paper
      variant="outlined"
      sx={{
        p: { xs: 2, md: 4 },
        maxWidth: 900,
        mx: 'auto',
        '@media print': { border: 'none', p: 0, maxWidth: 'none' },
      }}
    >
      <ContractDocument {...props} />
    </Paper>
  );
});
const MemoSignaturePad = memo(SignaturePad);
const MemoEditingElsewhereNotice = memo(EditingElsewhereNotice);

/**
 * The contract's actions, editable. It does not subscribe to the draft: a keystroke re-renders the
 * field typed in (react-hook-form), and the rest follows with the page's settled `interview`.
 */
function ActionsEditor({
  store,
  proposed,
  interview,
  readOnly,
}: {
  store: InterviewDraftStore;
  proposed: CeoDraft['actions'];
  interview: Interview;
  readOnly: boolean;
}) {
  const services = useServices();
  const { control, setValue } = useSectionForm(SECTIONS.contractActions, store);
  const { fields, append, remove } = useFieldArray({ control, name: 'actions' as never });
  const appendAction = useCallback((action: unknown) => append(action as never), [append]);
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
        <MemoLocalServicesPanel
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
          <MemoActionServices
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
      <MemoLocalServicesPanel
        interview={interview}
        actions={interview.contract.actions}
        append={appendAction}
        readOnly={readOnly}
      />
    </Box>
  );
}

/** Save state, views, print and PDF: memoised, so that a keystroke does not draw it again. */
const ContractToolbar = memo(function ContractToolbar({
  store,
  view,
  id,
  fileName,
  settle,
}: {
  store: InterviewDraftStore;
  view: 'contract' | 'beneficiary';
  id: string;
  fileName: string;
  /** Draws what was typed last into the contract, before it is printed. */
  settle: () => void;
}) {
  const services = useServices();
  const [message, setMessage] = useState<string | null>(null);
  /** Before the contract leaves the page: what was typed last is saved and drawn into it. */
  const upToDate = async () => {
    await store.flush();
    settle();
  };
  return (
    <Paper
      variant="outlined"
      className="no-print"
      sx={{ p: 2, mb: 2, display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'center' }}
    >
      <Box sx={{ flexGrow: 1 }}>
        <SaveStatusLine store={store} />
      </Box>
      <Button variant="outlined" href={hrefFor({ name: 'interview', id })}>
        Retour à l’entretien
      </Button>
      {view === 'contract' ? (
        <Button variant="outlined" href={hrefFor({ name: 'beneficiary-view', id })}>
          Vue pour la personne
        </Button>
      ) : (
        <Button variant="outlined" href={hrefFor({ name: 'contract', id })}>
          Vue des professionnels
        </Button>
      )}
      <Button
        variant="outlined"
        onClick={async () => {
          await upToDate();
          const r = await services.platform.print();
          setMessage(r.status === 'failed' ? r.message : null);
        }}
      >
        Imprimer
      </Button>
      <Button
        variant="contained"
        onClick={async () => {
          await upToDate();
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
  );
});

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
  // The contract around the field being typed is drawn again when they pause (SETTLE_MS), not on
  // every keystroke: measured, drawing it after each key delayed the key's own frame by 3–4 ms.
  const [interview, settle] = useSettledValue(snapshot.doc.interview);
  const draft = useMemo(() => draftOf(interview, services), [interview, services]);
  const catalogue = useServiceCatalogue();
  const knownServices = useMemo(() => servicesById(catalogue), [catalogue]);
  const readOnly = isReadOnly(snapshot);
  const name = `${interview.identity.firstName} ${interview.identity.lastName}`;
  useEffect(() => {
    // Never the person's name: Chromium keeps window titles on disk (History, session restore).
    document.title = `${view === 'contract' ? 'Contrat' : 'Votre contrat'} — codiag`;
  }, [view]);
  const sign = useCallback(
    (who: Signer, value: { kind: 'drawn'; svgPath: string } | { kind: 'paper' } | null) =>
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
      }),
    [store, services],
  );
  const proposed = draft?.actions;
  const actionsSlot = useMemo(
    () =>
      view === 'contract' && proposed ? (
        <ActionsEditor
          store={store}
          proposed={proposed}
          interview={interview}
          readOnly={readOnly}
        />
      ) : undefined,
    [view, proposed, store, interview, readOnly],
  );
  const { signatures } = interview.contract;
  const peName = draft?.peAdvisor.name ?? '';
  const cdName = draft?.cdProfessional.name ?? '';
  const signaturePads = useMemo(
    () =>
      (
        [
          ['beneficiary', name],
          ['peAdvisor', peName],
          ['cdProfessional', cdName],
        ] as [Signer, string][]
      ).map(([who, label]) => (
        <MemoSignaturePad
          key={who}
          id={`sign-${who}`}
          label={label}
          signature={signatures[who]}
          readOnly={readOnly}
          onSign={(value) => sign(who, value)}
          onClear={() => sign(who, null)}
        />
      )),
    [name, peName, cdName, signatures, readOnly, sign],
  );

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

  const fileName = `contrat-${interview.identity.lastName}-${interview.date}.pdf`.replace(
    /[\\/:*?"<>|]/g,
    '-',
  );

  return (
    <ReadOnlyContext.Provider value={readOnly}>
      <Box className="no-print">
        <MemoEditingElsewhereNotice store={store} takeOver={takeOver} />
      </Box>
      <ContractToolbar
        store={store}
        view={view}
        id={interview.id}
        fileName={fileName}
        settle={settle}
      />
      <ContractSheet
        draft={draft}
        large={view === 'beneficiary'}
        services={knownServices}
        actionsSlot={actionsSlot}
        signatures={signaturePads}
      />
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
