/**
 * A secret input (PIN, passphrase, recovery code): a labelled password field whose error is wired
 * to aria-invalid and aria-describedby. Not a react-hook-form wrapper: secrets are not form data
 * of the interview and are never stored. Built from MUI's outlined input parts rather than
 * `TextField`, whose select mode would bring menus, popovers and modals into the first screen's
 * code; the markup is the one `TextField` renders (label, input, helper text and their ids).
 */
import FormControl from '@mui/material/FormControl';
import FormHelperText from '@mui/material/FormHelperText';
import InputLabel from '@mui/material/InputLabel';
import OutlinedInput from '@mui/material/OutlinedInput';

export interface PinFieldProps {
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
}

export function PinField(props: PinFieldProps) {
  const helper = props.error ?? props.helperText;
  const helperId = helper ? `${props.id}-helper-text` : undefined;
  return (
    <FormControl fullWidth error={Boolean(props.error)} disabled={props.disabled}>
      <InputLabel htmlFor={props.id} id={`${props.id}-label`}>
        {props.label}
      </InputLabel>
      <OutlinedInput
        id={props.id}
        label={props.label}
        type={props.visible ? 'text' : 'password'}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        autoComplete={props.autoComplete}
        autoFocus={props.autoFocus}
        aria-describedby={helperId}
        fullWidth
        inputProps={{ 'aria-invalid': Boolean(props.error), spellCheck: false }}
      />
      {helper && (
        <FormHelperText id={helperId} role={props.error ? 'alert' : undefined}>
          {helper}
        </FormHelperText>
      )}
    </FormControl>
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
