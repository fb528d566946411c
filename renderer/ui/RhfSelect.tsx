/** A native select (keyboard- and screen-reader-friendly) bound to react-hook-form; '' ↔ null. */
import TextField from '@mui/material/TextField';
import type { ReactNode } from 'react';
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { fieldId, useReadOnly } from './field-context';
import { labelledError } from './french-errors';
import type { Choice } from './RhfRadioGroup';

export interface RhfSelectProps<T extends FieldValues> {
  control: Control<T>;
  name: FieldPath<T>;
  label: string;
  options: readonly Choice<string>[];
  /** Text of the empty choice; without it a value is required. */
  emptyLabel?: string;
  helperText?: ReactNode;
  disabled?: boolean;
  onValueChange?: (value: string | null) => void;
}

export function RhfSelect<T extends FieldValues>(props: RhfSelectProps<T>) {
  const readOnly = useReadOnly();
  const { field, fieldState } = useController({ control: props.control, name: props.name });
  const id = fieldId(props.name);
  const error = labelledError(props.label, fieldState.error?.message);
  const helper = error ?? props.helperText;
  return (
    <TextField
      select
      id={id}
      name={field.name}
      inputRef={field.ref}
      label={props.label}
      value={field.value === null || field.value === undefined ? '' : String(field.value)}
      onChange={(event) => {
        const value = event.target.value === '' ? null : event.target.value;
        field.onChange(value);
        props.onValueChange?.(value);
      }}
      onBlur={field.onBlur}
      error={Boolean(error)}
      helperText={helper}
      disabled={props.disabled || readOnly}
      fullWidth
      slotProps={{
        select: { native: true },
        inputLabel: { shrink: true },
        htmlInput: { 'aria-invalid': Boolean(error) },
      }}
    >
      <option value="">{props.emptyLabel ?? '— Choisir —'}</option>
      {props.options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </TextField>
  );
}
