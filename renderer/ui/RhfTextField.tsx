/**
 * A text, date or number input bound to react-hook-form: wires the id, the label, aria-invalid and
 * aria-describedby once, shows the error naming the field, and converts between the form's value
 * (null, number) and the input's text.
 */
import TextField from '@mui/material/TextField';
import type { ReactNode } from 'react';
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { fieldId, useReadOnly } from './field-context';
import { labelledError } from './french-errors';

export interface RhfTextFieldProps<T extends FieldValues> {
  control: Control<T>;
  name: FieldPath<T>;
  label: string;
  type?: 'text' | 'date' | 'email' | 'tel' | 'number';
  /** How an empty input is stored: '' (default), or null. */
  empty?: 'string' | 'null';
  /** Store numbers (integers) rather than text; text that is not a number is kept as typed. */
  numeric?: boolean;
  multiline?: boolean;
  minRows?: number;
  required?: boolean;
  disabled?: boolean;
  helperText?: ReactNode;
  autoComplete?: string;
  fullWidth?: boolean;
  maxLength?: number;
}

export function toInputText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

export function fromInputText(
  text: string,
  options: { empty?: 'string' | 'null'; numeric?: boolean },
): unknown {
  if (text === '') return options.empty === 'null' ? null : '';
  if (options.numeric && /^\s*-?\d+\s*$/.test(text)) return Number(text);
  return text;
}

export function RhfTextField<T extends FieldValues>(props: RhfTextFieldProps<T>) {
  const readOnly = useReadOnly();
  const { field, fieldState } = useController({ control: props.control, name: props.name });
  const id = fieldId(props.name);
  const error = labelledError(props.label, fieldState.error?.message);
  const helper = error ?? props.helperText;
  return (
    <TextField
      id={id}
      name={field.name}
      inputRef={field.ref}
      label={props.label}
      type={props.type === 'number' ? 'text' : (props.type ?? 'text')}
      value={toInputText(field.value)}
      onChange={(event) =>
        field.onChange(
          fromInputText(event.target.value, { empty: props.empty, numeric: props.numeric }),
        )
      }
      onBlur={field.onBlur}
      error={Boolean(error)}
      helperText={helper}
      required={props.required}
      disabled={props.disabled || readOnly}
      multiline={props.multiline}
      minRows={props.minRows}
      fullWidth={props.fullWidth ?? true}
      autoComplete={props.autoComplete ?? 'off'}
      slotProps={{
        inputLabel: props.type === 'date' ? { shrink: true } : {},
        htmlInput: {
          'aria-invalid': Boolean(error),
          ...(props.type === 'number' ? { inputMode: 'numeric' } : {}),
          ...(props.maxLength ? { maxLength: props.maxLength } : {}),
        },
        formHelperText: { role: error ? 'alert' : undefined },
      }}
    />
  );
}
