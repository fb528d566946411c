/**
 * The sticky orientation panel (DOMAIN §2): the dominante the shared engine computes as they type,
 * each criterion's answer and column, what is still missing, the référentiel version; then the
 * decision: opinions, override with justification, référent structure, weekly hours.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { memo, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { useForm, useWatch, type FieldErrors, type Resolver } from 'react-hook-form';
import { MIN_JUSTIFICATION_LENGTH } from '../../../shared/domain';
import { findDominante, type Referential } from '../../../shared/referential';
import { RhfRadioGroup, RhfSelect, RhfTextField, useReadOnly } from '../../ui';
import type { InterviewDraftStore } from '../interview/draft-store';
import {
  applyDecisionForm,
  checkDecisionForm,
  formValuesForDecision,
  missingLabel,
  type DecisionFormValues,
  type Orientation,
} from './decision-form';

export function OrientationSummary(props: { orientation: Orientation; referential: Referential }) {
  const { orientation, referential } = props;
  const { result, derived } = orientation;
  return (
    <Box>
      <Box aria-live="polite" aria-atomic="true" data-testid="computed-dominante">
        {result ? (
          <Typography sx={{ fontSize: '1.25rem', fontWeight: 700 }}>
            {result.dominanteLabel}
          </Typography>
        ) : (
          <Typography sx={{ fontWeight: 700 }}>Dominante : pas encore calculable</Typography>
        )}
      </Box>
      {result && (
        <Typography sx={{ mb: 1 }}>
          {result.nationalParcours} — règle : {result.rule.label}
        </Typography>
      )}
      {result && !result.eligibleForIntensiveSupport && result.eligibilityNote && (
        <Alert severity="warning" sx={{ my: 1 }}>
          {result.eligibilityNote}
        </Alert>
      )}
      {result?.exemptionSuggestions.map((hint) => (
        <Alert key={hint.id} severity="info" sx={{ my: 1 }}>
          {hint.reason}
        </Alert>
      ))}
      {derived.missing.length > 0 && (
        <Box sx={{ my: 1 }}>
          <Typography component="h3" variant="h3">
            Réponses manquantes ({derived.missing.length})
          </Typography>
          <ul>
            {derived.missing.map((m) => (
              <li key={m.field}>{missingLabel(m, referential)}</li>
            ))}
          </ul>
        </Box>
      )}
      {result && (
        <Table
          size="small"
          aria-label="Critères et colonnes de la matrice"
          sx={{ tableLayout: 'fixed', '& td, & th': { px: 0.75, overflowWrap: 'anywhere' } }}
        >
          <TableHead>
            <TableRow>
              <TableCell component="th" scope="col">
                Critère
              </TableCell>
              <TableCell component="th" scope="col">
                Réponse
              </TableCell>
              <TableCell component="th" scope="col" sx={{ width: '5.75rem' }}>
                Colonne
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {result.reasons.map((reason) => (
              <TableRow key={reason.criterion}>
                <TableCell component="th" scope="row">
                  {reason.label}
                </TableCell>
                <TableCell>{reason.answerLabel}</TableCell>
                <TableCell>{reason.column ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Typography sx={{ mt: 1, color: 'text.secondary' }}>
        Référentiel {referential.id}, version {referential.version}
      </Typography>
    </Box>
  );
}

function DecisionForm(props: {
  store: InterviewDraftStore;
  orientation: Orientation;
  referential: Referential;
}) {
  const { store, orientation, referential } = props;
  const orientationRef = useRef(orientation);
  orientationRef.current = orientation;
  const resolver = useMemo<Resolver<DecisionFormValues>>(
    () => (values) => {
      const check = checkDecisionForm(values, orientationRef.current, referential);
      const errors: FieldErrors<DecisionFormValues> = {};
      for (const issue of check.issues) {
        if (issue.field !== 'form') {
          // The wrapper puts the field's label in front: keep only what follows it.
          errors[issue.field] = {
            type: 'decision',
            message: issue.message.replace(/^[^:]+ : /, ''),
          };
        }
      }
      return check.issues.length === 0 ? { values, errors: {} } : { values: {}, errors };
    },
    [referential],
  );
  const form = useForm<DecisionFormValues>({
    defaultValues: formValuesForDecision(store.getSnapshot().doc, referential),
    resolver,
    mode: 'onChange',
  });
  const { control } = form;
  const values = useWatch({ control }) as DecisionFormValues;
  const check = checkDecisionForm(values, orientation, referential);

  useEffect(() => {
    const subscription = form.watch((v) => {
      if (store.isReadOnly) return;
      const current = v as DecisionFormValues;
      const result = checkDecisionForm(current, orientationRef.current, referential);
      store.update((doc) => applyDecisionForm(doc, current, result));
    });
    return () => subscription.unsubscribe();
  }, [form, store, referential]);

  // A change of the computed dominante re-judges the decision (it records what was computed).
  const computed = orientation.result?.dominante ?? null;
  const lastComputed = useRef(computed);
  useEffect(() => {
    if (lastComputed.current === computed || store.isReadOnly) return;
    lastComputed.current = computed;
    const current = form.getValues();
    store.update((doc) =>
      applyDecisionForm(
        doc,
        current,
        checkDecisionForm(current, orientationRef.current, referential),
      ),
    );
  }, [computed, form, store, referential]);

  const result = orientation.result;
  const dominantes = referential.dominantes.map((d) => ({ value: d.code, label: d.label }));
  const final = values.finalDominante ?? result?.dominante ?? null;
  const overridden = result !== null && final !== null && final !== result.dominante;
  const structures = final ? referential.structures.filter((s) => s.dominante === final) : [];
  const motives = referential.exemptionMotives.map((m) => ({ value: m.code, label: m.label }));
  const justificationLength = values.justification.trim().length;

  return (
    <Box
      component="form"
      aria-label="Décision d’orientation"
      noValidate
      onSubmit={(e) => e.preventDefault()}
      sx={{ display: 'grid', gap: 2, mt: 2 }}
    >
      <Typography component="h3" variant="h3">
        Avis des professionnels
      </Typography>
      <RhfSelect
        control={control}
        name="peOpinion"
        label="Avis du conseiller France Travail"
        options={dominantes}
        emptyLabel="Pas encore donné"
      />
      <RhfTextField
        control={control}
        name="peComment"
        label="Commentaire du conseiller France Travail"
        multiline
      />
      <RhfSelect
        control={control}
        name="cdOpinion"
        label="Avis du professionnel du Département"
        options={dominantes}
        emptyLabel="Pas encore donné"
      />
      <RhfTextField
        control={control}
        name="cdComment"
        label="Commentaire du professionnel du Département"
        multiline
      />
      <Typography component="h3" variant="h3">
        Décision
      </Typography>
      <RhfSelect
        control={control}
        name="finalDominante"
        label="Dominante retenue"
        options={dominantes}
        emptyLabel={result ? `Dominante calculée (${result.dominanteLabel})` : 'Dominante calculée'}
      />
      {overridden && result && (
        <Box>
          <Alert severity="warning" sx={{ mb: 1 }}>
            Dérogation : la dominante calculée ({result.dominanteLabel}) est conservée à côté de la
            dominante retenue ({findDominante(referential, final).label}).
          </Alert>
          <RhfTextField
            control={control}
            name="justification"
            label="Justification de la dérogation"
            multiline
            minRows={3}
            required
            helperText={`${justificationLength} caractère(s), au moins ${MIN_JUSTIFICATION_LENGTH}`}
          />
        </Box>
      )}
      {final && (
        <RhfRadioGroup
          control={control}
          name="referentStructureId"
          label="Structure du référent unique"
          options={structures.map((s) => ({
            value: s.id,
            label: `${s.label}${s.portfolioCap ? ` — portefeuille de ${s.portfolioCap} au plus, places libres : non connues` : ''}`,
          }))}
        />
      )}
      <RhfTextField control={control} name="referentName" label="Nom du référent (si connu)" />
      <RhfRadioGroup
        control={control}
        name="hoursMode"
        label="Temps d’activité par semaine"
        options={[
          { value: 'standard', label: referential.weeklyHours.label },
          ...(referential.weeklyHours.progressiveAllowed
            ? [{ value: 'progressive', label: 'Progressif' }]
            : []),
          { value: 'reduced', label: 'Durée réduite' },
          { value: 'exempt', label: 'Dispense totale' },
        ]}
      />
      {(values.hoursMode === 'standard' || values.hoursMode === 'reduced') && (
        <RhfTextField
          control={control}
          name="hours"
          label="Heures par semaine"
          type="number"
          numeric
          empty="null"
        />
      )}
      {values.hoursMode === 'progressive' && (
        <Box sx={{ display: 'grid', gap: 2 }}>
          <RhfTextField
            control={control}
            name="startHours"
            label="Heures au début"
            type="number"
            numeric
            empty="null"
          />
          <RhfTextField
            control={control}
            name="targetHours"
            label="Objectif hebdomadaire (heures)"
            type="number"
            numeric
            empty="null"
          />
          <RhfTextField
            control={control}
            name="reachTargetByWeek"
            label="Objectif atteint à la semaine"
            type="number"
            numeric
            empty="null"
          />
        </Box>
      )}
      {values.hoursMode !== 'standard' && (
        <>
          <RhfSelect control={control} name="motive" label="Motif" options={motives} />
          <RhfTextField control={control} name="detail" label="Précision du motif" multiline />
        </>
      )}
      <Box role="status" aria-live="polite" data-testid="decision-status">
        {check.decision ? (
          <Alert severity="success">Décision complète et enregistrée.</Alert>
        ) : (
          <Alert severity="info">
            Décision à compléter :
            <ul>
              {check.issues.map((issue) => (
                <li key={issue.field}>{issue.message}</li>
              ))}
            </ul>
          </Alert>
        )}
      </Box>
    </Box>
  );
}

/**
 * Answers pre-filled from the declaration (RDSP) feed the orientation as they are, before anyone
 * confirms them: the panel says so, so that nobody takes the dominante for settled.
 */
function UnconfirmedNotice(props: { store: InterviewDraftStore }) {
  const count = useSyncExternalStore(
    props.store.subscribe,
    () => props.store.getSnapshot().doc.interview.declaredUnconfirmed.length,
  );
  if (count === 0) return null;
  return (
    <Alert severity="warning" sx={{ mb: 1 }} data-testid="unconfirmed-notice">
      {count === 1
        ? 'Une réponse déclarée dans la demande RSA reste à confirmer : '
        : `${count} réponses déclarées dans la demande RSA restent à confirmer : `}
      l’orientation en tient déjà compte.
    </Alert>
  );
}

/** Renders again when the orientation changes, not on every edit of the interview. */
export const OrientationPanel = memo(function OrientationPanel(props: {
  store: InterviewDraftStore;
  orientation: Orientation;
  referential: Referential;
}) {
  // Read-only, the panel holds nothing focusable: it takes the focus itself so that the keyboard
  // can scroll it (it scrolls on its own on wide screens).
  const readOnly = useReadOnly();
  return (
    <Paper
      component="aside"
      aria-labelledby="orientation-title"
      tabIndex={readOnly ? 0 : undefined}
      variant="outlined"
      sx={{
        p: 2,
        position: { lg: 'sticky' },
        top: { lg: 16 },
        maxHeight: { lg: 'calc(100vh - 32px)' },
        overflowY: { lg: 'auto' },
        // Its changes lay out and repaint the panel only, not the long interview page.
        contain: 'content',
      }}
    >
      {/* Focusable by script: the section navigator and the closing list move the focus here. */}
      <Typography component="h2" variant="h2" id="orientation-title" tabIndex={-1} sx={{ mb: 1 }}>
        Orientation
      </Typography>
      <UnconfirmedNotice store={props.store} />
      <OrientationSummary orientation={props.orientation} referential={props.referential} />
      <DecisionForm
        store={props.store}
        orientation={props.orientation}
        referential={props.referential}
      />
    </Paper>
  );
});
