/**
 * A secret input (PIN, passphrase, recovery code): a labelled password field whose error is wired
 * to aria-invalid and aria-describedby. Not a react-hook-form wrapper: secrets are not form data
 * of the interview and are never stored.
 */
import TextField from '@mui/material/TextField';

export function PinField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | null;
  helperText?: string;
  autoComplete: 'new-password' | 'current-password' | 'off';
  autoFocus?: boolean;
  disabled?: boolean;
  /** Recovery codes are shown while typed (they are long and read from paper). */
  visible?: boolean;
}) {
  const helper = props.error ?? props.helperText;
  return (
    <TextField
      id={props.id}
      label={props.label}
      type={props.visible ? 'text' : 'password'}
      value={props.value}
      onChange={(event) => props.onChange(event.target.value)}
      error={Boolean(props.error)}
      helperText={helper}
      autoComplete={props.autoComplete}
      autoFocus={props.autoFocus}
      disabled={props.disabled}
      fullWidth
      slotProps={{
        htmlInput: { 'aria-invalid': Boolean(props.error), spellCheck: false },
        formHelperText: { role: props.error ? 'alert' : undefined },
      }}
    />
  );
}

/** The French wording of the PIN rules, checked before any cryptography runs. */
export function checkNewPinPair(pin: string, confirmation: string, minLength: number) {
  if (pin.length < minLength) {
    return {
      pin: `Le code personnel doit compter au moins ${minLength} caractères.`,
      confirm: null,
    };
  }
  if (pin !== confirmation) {
    return { pin: null, confirm: 'Les deux codes saisis sont différents.' };
  }
  return null;
}
