// @vitest-environment happy-dom
/**
 * RhfTextField holds what is typed in the input itself (uncontrolled, so that a keystroke does not
 * re-render MUI's tree): the form's value must still reach the input when the form changes it.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useForm, type UseFormReturn } from 'react-hook-form';
import { afterEach, describe, expect, it } from 'vitest';
import { RhfTextField } from '../../../renderer/ui';

afterEach(cleanup);

interface Values {
  note: string;
  children: number | string | null;
}

let form: UseFormReturn<Values> | null = null;

function Form() {
  form = useForm<Values>({ defaultValues: { note: 'Déjà noté', children: null } });
  return (
    <form>
      <RhfTextField control={form.control} name="note" label="Note" multiline minRows={3} />
      <RhfTextField control={form.control} name="children" label="Enfants" numeric empty="null" />
    </form>
  );
}

const textbox = (name: string) => screen.getByRole<HTMLInputElement>('textbox', { name });

describe('RhfTextField', () => {
  it('starts from the form’s value and gives the form what is typed', () => {
    render(<Form />);
    expect(textbox('Note').value).toBe('Déjà noté');
    fireEvent.change(textbox('Note'), { target: { value: 'Déjà noté, et complété' } });
    expect(form?.getValues('note')).toBe('Déjà noté, et complété');
    fireEvent.change(textbox('Enfants'), { target: { value: '2' } });
    expect(form?.getValues('children')).toBe(2);
  });

  it('shows a value the form sets (not typed) in the input', () => {
    render(<Form />);
    act(() => form?.setValue('note', 'Remplacé par le formulaire'));
    expect(textbox('Note').value).toBe('Remplacé par le formulaire');
    act(() => form?.setValue('children', 3));
    expect(textbox('Enfants').value).toBe('3');
    act(() => form?.setValue('children', null));
    expect(textbox('Enfants').value).toBe('');
  });

  it('writes back the stored form of a number typed with spaces, as a controlled input did', () => {
    render(<Form />);
    fireEvent.change(textbox('Enfants'), { target: { value: ' 4 ' } });
    expect(form?.getValues('children')).toBe(4);
    expect(textbox('Enfants').value).toBe('4');
  });

  it('makes a multiline field a textarea at least `minRows` lines high that grows with its text', () => {
    render(<Form />);
    const note = textbox('Note');
    expect(note.tagName).toBe('TEXTAREA');
    expect(note.getAttribute('rows')).toBe('3');
    expect(note.style.getPropertyValue('field-sizing')).toBe('content');
    expect(note.style.minHeight).toBe(`${3 * 1.4375}em`);
  });
});
