/** The synthesis written together, and the consent choices (DOMAIN §3, §6). */
import Box from '@mui/material/Box';
import { memo } from 'react';
import { RhfCheckbox, RhfRadioGroup, RhfTextField } from '../../../ui';
import type { InterviewDraftStore } from '../draft-store';
import { YES_NO_UNKNOWN } from '../labels';
import { SECTIONS } from '../section-forms';
import { useSectionForm } from '../use-section-form';
import { SectionCard, formGrid } from './SectionCard';

export const SynthesisSection = memo(function SynthesisSection({
  store,
}: {
  store: InterviewDraftStore;
}) {
  const { control } = useSectionForm(SECTIONS.synthesis, store);
  return (
    <SectionCard id="sec-synthesis" title="Synthèse">
      <RhfTextField
        control={control}
        name="synthesis"
        label="Synthèse du diagnostic"
        multiline
        minRows={5}
      />
    </SectionCard>
  );
});

export const ConsentSection = memo(function ConsentSection({
  store,
}: {
  store: InterviewDraftStore;
}) {
  const { control } = useSectionForm(SECTIONS.consent, store);
  return (
    <SectionCard id="sec-consent" title="Consentements">
      <Box sx={formGrid}>
        <RhfRadioGroup
          control={control}
          name="contactBySms"
          label="Accepte d’être contacté(e) par SMS"
          row
          options={YES_NO_UNKNOWN}
        />
        <RhfRadioGroup
          control={control}
          name="contactByEmail"
          label="Accepte d’être contacté(e) par courriel"
          row
          options={YES_NO_UNKNOWN}
        />
        <RhfRadioGroup
          control={control}
          name="dataSharingPeCd"
          label="Accepte le partage d’informations entre France Travail et le Département"
          row
          options={YES_NO_UNKNOWN}
        />
        <RhfCheckbox
          control={control}
          name="evaluationNoticeGiven"
          label="La personne a été informée de la transmission de données au ministère du Travail pour l’évaluation"
        />
      </Box>
    </SectionCard>
  );
});
