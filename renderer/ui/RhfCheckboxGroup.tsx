/** A list of checkboxes with a legend, bound to an array of codes in react-hook-form. */
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import type { ReactNode } from 'react';
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { fieldId, useReadOnly } from './field-context';
import { labelledError } from './french-errors';
import type { Choice } from './RhfRadioGroup';

export interface RhfCheckboxGroupProps<T extends FieldValues> {
  control: Control<T>;
  name: FieldPath<T>;
  label: string;
  options: readonly Choice<string>[];
  helperText?: ReactNode;
  columns?: number;
}

export function RhfCheckboxGroup<T extends FieldValues>(props: RhfCheckboxGroupProps<T>) {
  const readOnly = useReadOnly();
  const { field, fieldState } = useController({ control: props.control, name: props.name });
  const id = fieldId(props.name);
  const error = labelledError(props.label, fieldState.error?.message);
  const helper = error ?? props.helperText;
  const values: string[] = Array.isArray(field.value) ? (field.value as string[]) : [];
  const toggle = (code: string, checked: boolean) => {
    // Keep the référentiel's order whatever the order of clicks.
    const next = props.options
      .map((o) => o.value)
      .filter((v) => (v === code ? checked : values.includes(v)));
    field.onChange(next);
  };
  return (
    <FormControl component="fieldset" error={Boolean(error)} disabled={readOnly} fullWidth>
      <FormLabel component="legend" sx={{ color: 'text.primary', fontWeight: 600 }}>
        {props.label}
      </FormLabel>
      <FormGroup
        aria-describedby={helper ? `${id}-help` : undefined}
        sx={{
          display: 'grid',
          gridTemplateColumns: {
            xs: '1fr',
            md: `repeat(${props.columns ?? 2}, minmax(0, 1fr))`,
          },
        }}
      >
        {props.options.map((option, index) => (
          <FormControlLabel
            key={option.value}
            control={
              <Checkbox
                checked={values.includes(option.value)}
                onChange={(event) => toggle(option.value, event.target.checked)}
                onBlur={field.onBlur}
                slotProps={{ input: { ref: index === 0 ? field.ref : undefined } }}
                name={`${field.name}.${option.value}`}
              />
            }
            label={option.label}
          />
        ))}
      </FormGroup>
      {helper && <FormHelperText id={`${id}-help`}>{helper}</FormHelperText>}
    </FormControl>
  );
}
