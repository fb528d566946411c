/**
 * What the personal-code forms share (first run, unlock, forgotten code, change of code; see
 * docs/security.md "Data at rest"): the page frame of the lock screens, the form with its outcome
 * and its buttons, the busy state while a key is derived (slow on purpose), and the pair « new
 * code » / « confirm » checked before any cryptography runs.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useState, type ReactNode } from 'react';
import { MIN_SECRET_LENGTH } from '../../security/key-wrapping';
import { checkNewPinPair, PinField, type PinFieldProps } from './PinField';

/** The frame of the screens shown instead of the app while it is locked. */
export function PinScreen({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box component="main" id="main" sx={{ maxWidth: 640, mx: 'auto', p: 3 }}>
      <Paper variant="outlined" sx={{ p: 3 }}>
        <Typography component="h1" variant="h1" sx={{ mb: 2 }}>
          {title}
        </Typography>
        {children}
      </Paper>
    </Box>
  );
}

/** What a submission said: a confirmation (`role="status"`) or a failure (`role="alert"`). */
export interface PinOutcome {
  ok: boolean;
  text: string;
}

/**
 * Runs a submission that derives a key: busy meanwhile, then the confirmation the action returns
 * (null: none, the screen goes away) or its failure in French.
 */
export function usePinSubmission(describeFailure: (error: unknown) => string) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<PinOutcome | null>(null);
  const run = async (action: () => Promise<string | null>): Promise<void> => {
    setBusy(true);
    setOutcome(null);
    try {
      const confirmation = await action();
      setOutcome(confirmation === null ? null : { ok: true, text: confirmation });
    } catch (error) {
      setOutcome({ ok: false, text: describeFailure(error) });
    } finally {
      setBusy(false);
    }
  };
  return { busy, outcome, run };
}

export type PinSubmission = ReturnType<typeof usePinSubmission>;

/** A personal-code form: its fields, the outcome of the last submission, the buttons. */
export function PinForm(props: {
  onSubmit: () => void;
  children: ReactNode;
  submission: Pick<PinSubmission, 'busy' | 'outcome'>;
  submitLabel: string;
  submitVariant?: 'contained' | 'outlined';
  submitDisabled?: boolean;
  /** Announced next to the button while the submission runs. */
  busyText?: string;
  /** More buttons after the submit button. */
  actions?: ReactNode;
}) {
  const { busy, outcome } = props.submission;
  return (
    <Box
      component="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit();
      }}
      sx={{ display: 'grid', gap: 2 }}
    >
      {props.children}
      {outcome && (
        <Alert severity={outcome.ok ? 'success' : 'error'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.text}
        </Alert>
      )}
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <Button
          type="submit"
          variant={props.submitVariant ?? 'contained'}
          disabled={busy || props.submitDisabled}
        >
          {props.submitLabel}
        </Button>
        {busy && props.busyText && (
          <Typography component="span" role="status">
            {props.busyText}
          </Typography>
        )}
        {props.actions}
      </Box>
    </Box>
  );
}

/** The new code and its confirmation, as typed, with what is wrong with them once checked. */
export function useNewPin() {
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<ReturnType<typeof checkNewPinPair>>(null);
  return {
    pin,
    confirm,
    setPin,
    setConfirm,
    errors,
    /** Shows what breaks the rules; true when the pair can be used. */
    check: (): boolean => {
      const problems = checkNewPinPair(pin, confirm, MIN_SECRET_LENGTH);
      setErrors(problems);
      return problems === null;
    },
    clear: () => {
      setPin('');
      setConfirm('');
    },
  };
}

export type NewPin = ReturnType<typeof useNewPin>;

/**
 * The fields of a new code: « Code personnel » and its confirmation at the first run; when it
 * replaces one, first the secret that allows it (the current code, or the recovery code), then
 * « Nouveau code personnel » and its confirmation. Ids `<idPrefix>-pin`, `<idPrefix>-pin-confirm`.
 */
export function NewPinFields(props: {
  state: NewPin;
  idPrefix: string;
  proof?: Omit<PinFieldProps, 'disabled'>;
  helperText?: string;
  autoFocus?: boolean;
  disabled: boolean;
}) {
  const { state, proof, disabled } = props;
  return (
    <>
      {proof && <PinField {...proof} disabled={disabled} />}
      <PinField
        id={`${props.idPrefix}-pin`}
        label={proof ? 'Nouveau code personnel' : 'Code personnel'}
        value={state.pin}
        onChange={state.setPin}
        error={state.errors?.pin}
        helperText={props.helperText}
        autoComplete="new-password"
        autoFocus={props.autoFocus}
        disabled={disabled}
      />
      <PinField
        id={`${props.idPrefix}-pin-confirm`}
        label={proof ? 'Confirmer le nouveau code personnel' : 'Confirmer le code personnel'}
        value={state.confirm}
        onChange={state.setConfirm}
        error={state.errors?.confirm}
        autoComplete="new-password"
        disabled={disabled}
      />
    </>
  );
}
