/**
 * "Nouvel entretien" for a person met without a convocation, with the duplicate check on name and
 * birth date (DOMAIN §8: no duplicate beneficiaries).
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { BeneficiarySchema, type Beneficiary } from '../../../shared/domain';
import { useServices } from '../../app/services';
import { createBeneficiary, findDuplicates } from '../../storage';
import { frenchZodResolver, RhfRadioGroup, RhfTextField } from '../../ui';
import { COHORT_CHOICES } from '../interview/labels';

export const NewPersonSchema = BeneficiarySchema.pick({
  firstName: true,
  lastName: true,
  birthDate: true,
  rsaRightsOpenedOn: true,
  cohort: true,
});
type NewPerson = (typeof NewPersonSchema)['_zod']['input'];

export function NewInterviewDialog(props: {
  open: boolean;
  onClose: () => void;
  onStart: (beneficiary: Beneficiary) => Promise<void>;
}) {
  const services = useServices();
  const [duplicates, setDuplicates] = useState<Beneficiary[] | null>(null);
  const [pending, setPending] = useState<NewPerson | null>(null);
  const { control, handleSubmit, reset } = useForm<NewPerson>({
    defaultValues: {
      firstName: '',
      lastName: '',
      birthDate: '',
      rsaRightsOpenedOn: '',
      cohort: 'flux',
    },
    resolver: frenchZodResolver(NewPersonSchema),
  });
  const close = () => {
    setDuplicates(null);
    setPending(null);
    reset();
    props.onClose();
  };
  const create = async (person: NewPerson) => {
    const beneficiary: Beneficiary = { id: services.newId(), ...person };
    await createBeneficiary(services.storage, beneficiary);
    await props.onStart(beneficiary);
    close();
  };
  const submit = handleSubmit(async (person) => {
    const found = await findDuplicates(services.storage, person);
    if (found.length > 0) {
      setDuplicates(found);
      setPending(person);
      return;
    }
    await create(person);
  });

  return (
    <Dialog
      open={props.open}
      onClose={close}
      aria-labelledby="new-interview-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="new-interview-title">Nouvel entretien (personne non convoquée)</DialogTitle>
      <Box component="form" noValidate onSubmit={submit}>
        <DialogContent sx={{ display: 'grid', gap: 2 }}>
          <RhfTextField control={control} name="lastName" label="Nom" required />
          <RhfTextField control={control} name="firstName" label="Prénom" required />
          <RhfTextField
            control={control}
            name="birthDate"
            label="Date de naissance"
            type="date"
            required
          />
          <RhfTextField
            control={control}
            name="rsaRightsOpenedOn"
            label="Date d’ouverture des droits RSA"
            type="date"
            required
          />
          <RhfRadioGroup
            control={control}
            name="cohort"
            label="Public"
            row
            options={COHORT_CHOICES}
          />
          {duplicates && duplicates.length > 0 && (
            <Alert severity="warning" role="alert">
              Une personne avec ce nom et cette date de naissance existe déjà :
              <ul>
                {duplicates.map((d) => (
                  <li key={d.id}>
                    {d.firstName} {d.lastName} ({d.birthDate}){' '}
                    <Button
                      onClick={async () => {
                        await props.onStart(d);
                        close();
                      }}
                    >
                      Démarrer l’entretien pour cette personne
                    </Button>
                  </li>
                ))}
              </ul>
              {pending && (
                <Button color="warning" onClick={() => void create(pending)}>
                  C’est une autre personne : créer quand même
                </Button>
              )}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>Annuler</Button>
          <Button type="submit" variant="contained">
            Vérifier et démarrer
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
