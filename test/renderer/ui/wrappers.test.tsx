// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useForm } from 'react-hook-form';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { IdentitySectionSchema } from '../../../shared/domain';
import {
  frenchZodResolver,
  RhfCheckboxGroup,
  RhfRadioGroup,
  RhfSelect,
  RhfTextField,
} from '../../../renderer/ui';

afterEach(cleanup);

const Schema = z.object({
  email: IdentitySectionSchema.shape.email,
  phone: IdentitySectionSchema.shape.phone,
  children: IdentitySectionSchema.shape.dependentChildren,
  sex: IdentitySectionSchema.shape.sex,
  choices: z.array(z.string()).min(1),
  marital: IdentitySectionSchema.shape.maritalStatus,
});
type Values = z.input<typeof Schema>;

let latest: Values | null = null;

function Form() {
  const { control, watch } = useForm<Values>({
    defaultValues: {
      email: null,
      phone: null,
      children: null,
      sex: null,
      choices: ['a'],
      marital: null,
    },
    resolver: frenchZodResolver(Schema),
    mode: 'onChange',
  });
  latest = watch();
  return (
    <form>
      <RhfTextField control={control} name="email" label="Courriel" empty="null" />
      <RhfTextField control={control} name="phone" label="Téléphone" empty="null" />
      <RhfTextField control={control} name="children" label="Enfants" numeric empty="null" />
      <RhfRadioGroup
        control={control}
        name="sex"
        label="Sexe"
        options={[
          { value: 'F', label: 'Femme' },
          { value: 'M', label: 'Homme' },
          { value: null, label: 'Non renseigné' },
        ]}
      />
      <RhfCheckboxGroup
        control={control}
        name="choices"
        label="Choix"
        options={[
          { value: 'a', label: 'Premier' },
          { value: 'b', label: 'Second' },
        ]}
      />
      <RhfSelect
        control={control}
        name="marital"
        label="Situation familiale"
        options={[{ value: 'single', label: 'Célibataire' }]}
        emptyLabel="Non renseigné"
      />
    </form>
  );
}

describe('form wrappers', () => {
  it('labels every input and links its error to it, in French, naming the field', async () => {
    render(<Form />);
    const email = screen.getByLabelText('Courriel');
    fireEvent.change(email, { target: { value: 'alix@' } });
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = email.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    expect(document.getElementById(describedBy ?? '')?.textContent).toBe(
      'Courriel : adresse électronique invalide (exemple : nom@exemple.fr)',
    );
    fireEvent.change(screen.getByLabelText('Téléphone'), { target: { value: '06' } });
    expect(await screen.findByText(/Téléphone : numéro de téléphone invalide/)).toBeTruthy();
    fireEvent.change(email, { target: { value: 'alix@exemple.fr' } });
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('false'));
  });

  it('stores numbers as numbers, an empty input as null, and a radio value of any type', async () => {
    render(<Form />);
    fireEvent.change(screen.getByLabelText('Enfants'), { target: { value: '3' } });
    fireEvent.click(screen.getByLabelText('Homme'));
    fireEvent.click(screen.getByLabelText('Second'));
    fireEvent.change(screen.getByLabelText('Situation familiale'), {
      target: { value: 'single' },
    });
    await waitFor(() =>
      expect(latest).toMatchObject({
        children: 3,
        sex: 'M',
        choices: ['a', 'b'],
        marital: 'single',
      }),
    );
    fireEvent.change(screen.getByLabelText('Enfants'), { target: { value: '' } });
    fireEvent.click(screen.getByLabelText('Non renseigné'));
    await waitFor(() => expect(latest).toMatchObject({ children: null, sex: null }));
  });

  it('groups radios and checkboxes under a legend', () => {
    render(<Form />);
    expect(screen.getByRole('radiogroup', { name: 'Sexe' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Choix' })).toBeTruthy();
  });
});
