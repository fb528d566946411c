/**
 * A text, date or number input bound to react-hook-form: wires the id, the label, aria-invalid and
 * aria-describedby once, shows the error naming the field, and converts between the form's value
 * (null, number) and the input's text. Typing must stay cheap on the long interview page: the
 * input is uncontrolled, so a keystroke does not re-render MUI's TextField; a multiline field is a
 * plain textarea that grows with its text (CSS `field-sizing: content`, at least `minRows` lines)
 * where MUI's TextareaAutosize measured a hidden copy, a forced layout, after every render.
 */
import TextField from '@mui/material/TextField';
import {
  memo,
  useCallback,
  useLayoutEffect,
  useRef,
  useState,
  type ChangeEvent,
  type CSSProperties,
  type ReactNode,
} from 'react';
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

/** One line of MUI's input (its line-height); the textarea is never shorter than `minRows` lines. */
const LINE_HEIGHT_EM = 1.4375;

function growingTextarea(minRows: number): CSSProperties {
  return { fieldSizing: 'content', minHeight: `${minRows * LINE_HEIGHT_EM}em` };
}

export function RhfTextField<T extends FieldValues>(props: RhfTextFieldProps<T>) {
  const readOnly = useReadOnly();
  const { field, fieldState } = useController({ control: props.control, name: props.name });
  const text = toInputText(field.value);
  const error = labelledError(props.label, fieldState.error?.message);
  const { empty, numeric } = props;
  const { onChange: setFormValue, ref: registerRef } = field;
  const input = useRef<HTMLInputElement | HTMLTextAreaElement | null>(null);
  const [initialText] = useState(text);

  // The input holds what is typed (uncontrolled): a keystroke re-renders this wrapper, not MUI's
  // tree of some twenty styled components. The form's value reaches the input when it differs
  // from what the input shows (setValue, reset, a number typed with spaces).
  useLayoutEffect(() => {
    if (input.current && input.current.value !== text) input.current.value = text;
  }, [text]);
  const inputRef = useCallback(
    (element: HTMLInputElement | HTMLTextAreaElement | null) => {
      input.current = element;
      registerRef(element);
    },
    [registerRef],
  );
  const onChange = useCallback(
    (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      setFormValue(fromInputText(event.target.value, { empty, numeric })),
    [setFormValue, empty, numeric],
  );

  return (
    <MemoTextField
      id={fieldId(props.name)}
      name={field.name}
      inputRef={inputRef}
      label={props.label}
      type={props.type}
      initialText={initialText}
      hasText={text !== ''}
      onChange={onChange}
      onBlur={field.onBlur}
      error={error}
      helperText={error ?? props.helperText}
      required={props.required}
      disabled={props.disabled || readOnly}
      multiline={props.multiline}
      minRows={props.minRows}
      fullWidth={props.fullWidth}
      autoComplete={props.autoComplete}
      maxLength={props.maxLength}
    />
  );
}

interface TextFieldViewProps {
  id: string;
  name: string;
  inputRef: (element: HTMLInputElement | HTMLTextAreaElement | null) => void;
  label: string;
  type: RhfTextFieldProps<FieldValues>['type'];
  initialText: string;
  /** Keeps the label above the input when the form (not the keyboard) fills it. */
  hasText: boolean;
  onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => void;
  onBlur: () => void;
  error: string | undefined;
  helperText: ReactNode;
  required: boolean | undefined;
  disabled: boolean | undefined;
  multiline: boolean | undefined;
  minRows: number | undefined;
  fullWidth: boolean | undefined;
  autoComplete: string | undefined;
  maxLength: number | undefined;
}

/** MUI's TextField, rendered again only when something other than the typed text changes. */
const MemoTextField = memo(function TextFieldView(props: TextFieldViewProps) {
  const rows = props.minRows ?? 1;
  const shrink = props.type === 'date' || props.hasText ? true : undefined;
  return (
    <TextField
      id={props.id}
      name={props.name}
      inputRef={props.inputRef}
      label={props.label}
      type={props.type === 'number' ? 'text' : (props.type ?? 'text')}
      defaultValue={props.initialText}
      onChange={props.onChange}
      onBlur={props.onBlur}
      error={Boolean(props.error)}
      helperText={props.helperText}
      required={props.required}
      disabled={props.disabled}
      multiline={props.multiline}
      rows={props.multiline ? rows : undefined}
      fullWidth={props.fullWidth ?? true}
      autoComplete={props.autoComplete ?? 'off'}
      slotProps={{
        inputLabel: shrink ? { shrink } : {},
        // A textarea of its own rather than MUI's TextareaAutosize (see the module comment).
        input: props.multiline ? { inputComponent: 'textarea' } : {},
        htmlInput: {
          'aria-invalid': Boolean(props.error),
          ...(props.multiline ? { style: growingTextarea(rows) } : {}),
          ...(props.type === 'number' ? { inputMode: 'numeric' } : {}),
          ...(props.maxLength ? { maxLength: props.maxLength } : {}),
        },
        formHelperText: { role: props.error ? 'alert' : undefined },
      }}
    />
  );
});
