/**
 * Identity and situation (DOMAIN §5): identification, family situation, opening of RSA rights.
 * Answers pre-filled from the person's declaration stay marked « À confirmer (déclaré dans la demande RSA) ».
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import { memo, useSyncExternalStore, type ReactNode } from 'react';
import { RhfRadioGroup, RhfSelect, RhfTextField } from '../../../ui';
import type { InterviewDraftStore } from '../draft-store';
import { choicesOf, COHORT_CHOICES, DECLARED_LABEL, MARITAL_LABELS } from '../labels';
import { SECTIONS } from '../section-forms';
import { useSectionForm } from '../use-section-form';
import { SectionCard, formGrid } from './SectionCard';

/** Shows the « À confirmer (déclaré dans la demande RSA) » mark and the button that confirms the answer. */
export function Declared(props: {
  store: InterviewDraftStore;
  field: string;
  label: string;
  children: ReactNode;
}) {
  const declared = useSyncExternalStore(props.store.subscribe, () =>
    props.store.getSnapshot().doc.interview.declaredUnconfirmed.some((f) => f === props.field),
  );
  return (
    <Box>
      {props.children}
      {declared && (
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', mt: 0.5 }}>
          <Chip label={DECLARED_LABEL} color="warning" variant="outlined" size="small" />
          <Button
            size="small"
            onClick={() =>
              props.store.update((doc) => ({
                ...doc,
                interview: {
                  ...doc.interview,
                  declaredUnconfirmed: doc.interview.declaredUnconfirmed.filter(
                    (f) => f !== props.field,
                  ),
                },
              }))
            }
          >
            Confirmer « {props.label} »
          </Button>
        </Box>
      )}
    </Box>
  );
}

export const IdentitySection = memo(function IdentitySection({
  store,
}: {
  store: InterviewDraftStore;
}) {
  const { control } = useSectionForm(SECTIONS.identity, store);
  return (
    <SectionCard id="sec-identity" title="Identité et situation">
      <Box sx={formGrid}>
        <RhfTextField control={control} name="lastName" label="Nom" required />
        <RhfTextField control={control} name="firstName" label="Prénom" required />
        <RhfTextField
          control={control}
          name="birthDate"
          label="Date de naissance"
          type="date"
          required
        />
        <RhfRadioGroup
          control={control}
          name="sex"
          label="Sexe"
          row
          options={[
            { value: 'F', label: 'Femme' },
            { value: 'M', label: 'Homme' },
            { value: null, label: 'Non renseigné' },
          ]}
        />
        <RhfTextField control={control} name="address.street" label="Adresse (numéro et rue)" />
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 2fr)' }}>
          <RhfTextField control={control} name="address.postcode" label="Code postal" />
          <RhfTextField control={control} name="address.city" label="Commune" />
        </Box>
        <RhfTextField control={control} name="email" label="Courriel" type="email" empty="null" />
        <RhfTextField control={control} name="phone" label="Téléphone" type="tel" empty="null" />
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
        <Declared store={store} field="maritalStatus" label="Situation familiale">
          <RhfSelect
            control={control}
            name="maritalStatus"
            label="Situation familiale"
            options={choicesOf(MARITAL_LABELS)}
            emptyLabel="Non renseigné"
          />
        </Declared>
        <Declared store={store} field="dependentChildren" label="Enfants à charge">
          <RhfTextField
            control={control}
            name="dependentChildren"
            label="Enfants à charge (nombre)"
            type="number"
            numeric
            empty="null"
          />
        </Declared>
        <Declared store={store} field="childrenUnder3" label="Enfants de moins de 3 ans">
          <RhfTextField
            control={control}
            name="childrenUnder3"
            label="Dont enfants de moins de 3 ans"
            type="number"
            numeric
            empty="null"
          />
        </Declared>
      </Box>
    </SectionCard>
  );
});
