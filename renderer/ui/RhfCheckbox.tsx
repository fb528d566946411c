/** One yes/no checkbox bound to a boolean in react-hook-form. */
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import { useController, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { fieldId, useReadOnly } from './field-context';

export interface RhfCheckboxProps<T extends FieldValues> {
  control: Control<T>;
  name: FieldPath<T>;
  label: string;
  disabled?: boolean;
}

export function RhfCheckbox<T extends FieldValues>(props: RhfCheckboxProps<T>) {
  const readOnly = useReadOnly();
  const { field } = useController({ control: props.control, name: props.name });
  return (
    <FormControlLabel
      disabled={props.disabled || readOnly}
      control={
        <Checkbox
          id={fieldId(props.name)}
          name={field.name}
          slotProps={{ input: { ref: field.ref } }}
          checked={field.value === true}
          onChange={(event) => field.onChange(event.target.checked)}
          onBlur={field.onBlur}
        />
      }
      label={props.label}
    />
  );
}
