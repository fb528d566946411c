/**
 * Employment side (DOMAIN §8): work situation, last job, education, qualifications, RQTH,
 * France Travail registration, job project; then availability, motivations and autonomy, whose
 * answers the orientation panel reads as they are given.
 */
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { memo } from 'react';
import { useWatch } from 'react-hook-form';
import type { Referential } from '../../../../shared/referential';
import { RhfCheckbox, RhfCheckboxGroup, RhfRadioGroup, RhfSelect, RhfTextField } from '../../../ui';
import type { InterviewDraftStore } from '../draft-store';
import {
  choicesOf,
  CONTRACT_TYPE_LABELS,
  EDUCATION_LABELS,
  WORK_SITUATION_LABELS,
  YES_NO_UNKNOWN,
} from '../labels';
import { SECTIONS } from '../section-forms';
import { useSectionForm } from '../use-section-form';
import { Declared } from './IdentitySection';
import { SectionCard, formGrid } from './SectionCard';

const IN_EMPLOYMENT = ['employed', 'iae', 'temp-work'];

export const EmploymentSection = memo(function EmploymentSection(props: {
  store: InterviewDraftStore;
  referential: Referential;
}) {
  const { store, referential } = props;
  const { control } = useSectionForm(SECTIONS.employment, store);
  const situation = useWatch({ control, name: 'workSituation' }) as string | null;
  const neverWorked = useWatch({ control, name: 'neverWorked' }) === true;
  const criteria = referential.criteria;
  const choices = <V extends string>(values: readonly { value: V; label: string }[]) =>
    values.map((v) => ({ value: v.value, label: v.label }));
  return (
    <SectionCard id="sec-employment" title="Emploi, disponibilité et motivation">
      <Box sx={formGrid}>
        <Declared store={store} field="workSituation" label="Situation professionnelle">
          <RhfSelect
            control={control}
            name="workSituation"
            label="Situation professionnelle"
            options={choicesOf(WORK_SITUATION_LABELS)}
          />
        </Declared>
        {situation !== null && IN_EMPLOYMENT.includes(situation) ? (
          <RhfRadioGroup
            control={control}
            name="workingTime"
            label="Temps de travail"
            row
            options={[
              { value: 'full', label: 'Temps plein' },
              { value: 'part', label: 'Temps partiel' },
            ]}
          />
        ) : (
          <Box />
        )}
        <Declared store={store} field="lastJobDate" label="Date du dernier emploi">
          <RhfTextField
            control={control}
            name="lastJobDate"
            label="Date du dernier emploi"
            type="date"
            empty="null"
            disabled={neverWorked}
          />
          <RhfCheckbox control={control} name="neverWorked" label="N’a jamais travaillé" />
        </Declared>
        <Declared store={store} field="educationLevel" label="Niveau de formation">
          <RhfSelect
            control={control}
            name="educationLevel"
            label="Niveau de formation"
            options={choicesOf(EDUCATION_LABELS)}
            emptyLabel="Non renseigné"
          />
        </Declared>
        <RhfTextField
          control={control}
          name="qualifications"
          label="Qualifications, diplômes, permis professionnels"
          multiline
          minRows={2}
        />
        <Box sx={{ display: 'grid', gap: 1 }}>
          <RhfRadioGroup
            control={control}
            name="rqth"
            label="Reconnaissance de travailleur handicapé (RQTH)"
            row
            options={YES_NO_UNKNOWN}
          />
          <Declared
            store={store}
            field="franceTravailRegistered"
            label="Inscription à France Travail"
          >
            <RhfRadioGroup
              control={control}
              name="franceTravailRegistered"
              label="Inscrit(e) à France Travail"
              row
              options={YES_NO_UNKNOWN}
            />
          </Declared>
        </Box>
      </Box>
      <Typography component="h3" variant="h3" sx={{ mt: 3, mb: 1.5 }}>
        Projet professionnel
      </Typography>
      <Box sx={formGrid}>
        <RhfTextField control={control} name="jobProject.label" label="Métier recherché" />
        <RhfTextField
          control={control}
          name="jobProject.romeCode"
          label="Code ROME (facultatif)"
          empty="null"
        />
        <RhfCheckboxGroup
          control={control}
          name="jobProject.contractTypes"
          label="Types de contrat souhaités"
          options={choicesOf(CONTRACT_TYPE_LABELS)}
        />
        <Box sx={{ display: 'grid', gap: 2 }}>
          <RhfRadioGroup
            control={control}
            name="jobProject.workingTime"
            label="Temps de travail souhaité"
            row
            options={[
              { value: 'full', label: 'Temps plein' },
              { value: 'part', label: 'Temps partiel' },
              { value: 'either', label: 'Indifférent' },
            ]}
          />
          <RhfTextField
            control={control}
            name="jobProject.mobilityRadiusKm"
            label="Mobilité (km autour du domicile)"
            type="number"
            numeric
            empty="null"
          />
        </Box>
      </Box>
      <Typography component="h3" variant="h3" sx={{ mt: 3, mb: 1.5 }}>
        Disponibilité, motivation et autonomie
      </Typography>
      <Box sx={formGrid}>
        <RhfRadioGroup
          control={control}
          name="availability"
          label={criteria.availability.label}
          options={choices(criteria.availability.values)}
        />
        <RhfRadioGroup
          control={control}
          name="motivationWork"
          label={criteria.motivationWork.label}
          options={choices(criteria.motivationWork.values)}
        />
        <RhfRadioGroup
          control={control}
          name="motivationSupport"
          label={criteria.motivationSupport.label}
          options={choices(criteria.motivationSupport.values)}
        />
        <RhfRadioGroup
          control={control}
          name="autonomy"
          label={criteria.autonomy.label}
          options={choices(criteria.autonomy.values)}
        />
      </Box>
      <Box sx={{ mt: 2 }}>
        <RhfTextField
          control={control}
          name="notes"
          label="Notes sur l’emploi"
          multiline
          minRows={2}
        />
      </Box>
    </SectionCard>
  );
});
