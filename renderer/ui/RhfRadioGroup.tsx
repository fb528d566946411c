/** A group of radio buttons with a legend, bound to react-hook-form (values may be null/boolean). */
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import type { ReactNode } from 'react';
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { fieldId, useReadOnly } from './field-context';
import { labelledError } from './french-errors';

export interface Choice<V> {
  value: V;
  label: string;
}

export interface RhfRadioGroupProps<T extends FieldValues, V> {
  control: Control<T>;
  name: FieldPath<T>;
  label: string;
  options: readonly Choice<V>[];
  row?: boolean;
  helperText?: ReactNode;
  disabled?: boolean;
  /** Called after the form value changed (e.g. to confirm a declared answer). */
  onValueChange?: (value: V) => void;
}

const key = (value: unknown) => JSON.stringify(value);

export function RhfRadioGroup<T extends FieldValues, V>(props: RhfRadioGroupProps<T, V>) {
  const readOnly = useReadOnly();
  const { field, fieldState } = useController({ control: props.control, name: props.name });
  const id = fieldId(props.name);
  const error = labelledError(props.label, fieldState.error?.message);
  const helper = error ?? props.helperText;
  const selected = props.options.find((o) => key(o.value) === key(field.value));
  return (
    <FormControl component="fieldset" error={Boolean(error)} disabled={props.disabled || readOnly}>
      <FormLabel
        component="legend"
        id={`${id}-label`}
        sx={{ color: 'text.primary', fontWeight: 600 }}
      >
        {props.label}
      </FormLabel>
      <RadioGroup
        row={props.row}
        name={field.name}
        aria-labelledby={`${id}-label`}
        aria-describedby={helper ? `${id}-help` : undefined}
        aria-invalid={Boolean(error) || undefined}
        value={selected ? key(selected.value) : ''}
        onChange={(_event, value) => {
          const option = props.options.find((o) => key(o.value) === value);
          if (!option) return;
          field.onChange(option.value);
          props.onValueChange?.(option.value);
        }}
        onBlur={field.onBlur}
      >
        {props.options.map((option, index) => (
          <FormControlLabel
            key={key(option.value)}
            value={key(option.value)}
            control={<Radio slotProps={{ input: { ref: index === 0 ? field.ref : undefined } }} />}
            label={option.label}
          />
        ))}
      </RadioGroup>
      {helper && <FormHelperText id={`${id}-help`}>{helper}</FormHelperText>}
    </FormControl>
  );
}
