/**
 * Who is present (DOMAIN §1): the two professionals and the beneficiary. An absence records the
 * suspension notice and the justification deadline from the référentiel (4 months in Nord).
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { memo } from 'react';
import { useWatch } from 'react-hook-form';
import { PROFESSIONAL_ROLE_LABELS } from '../../../../shared/domain';
import type { Referential } from '../../../../shared/referential';
import { addMonths, formatFrenchDate } from '../../../../shared/util/dates';
import { RhfCheckbox, RhfRadioGroup, RhfSelect, RhfTextField, type Choice } from '../../../ui';
import type { InterviewDraftStore } from '../draft-store';
import { SECTIONS } from '../section-forms';
import { useSectionForm } from '../use-section-form';
import { SectionCard, formGrid } from './SectionCard';

const ATTENDANCE: Choice<string>[] = [
  { value: 'present', label: 'Présent(e)' },
  { value: 'absent', label: 'Absent(e)' },
  { value: 'excused', label: 'Excusé(e)' },
];
const CD_ROLES = (['cd-social-worker', 'cd-coach'] as const).map((value) => ({
  value,
  label: PROFESSIONAL_ROLE_LABELS[value],
}));

export const AttendanceSection = memo(function AttendanceSection(props: {
  store: InterviewDraftStore;
  referential: Referential;
}) {
  const { store, referential } = props;
  const { control, setValue } = useSectionForm(SECTIONS.attendance, store);
  const presence = useWatch({ control, name: 'beneficiary' });
  const absence = useWatch({ control, name: 'absence' }) as {
    justificationDeadline: string;
  } | null;
  const date = store.getSnapshot().doc.interview.date;
  return (
    <SectionCard id="sec-attendance" title="Personnes présentes">
      <Box sx={formGrid}>
        <RhfTextField
          control={control}
          name="peAdvisor.name"
          label="Conseiller France Travail (nom)"
        />
        <RhfTextField
          control={control}
          name="cdProfessional.name"
          label="Professionnel du Département (nom)"
        />
        <Box />
        <RhfSelect
          control={control}
          name="cdProfessional.role"
          label="Fonction du professionnel du Département"
          options={CD_ROLES}
          emptyLabel="— Choisir —"
        />
      </Box>
      <Box sx={{ mt: 2 }}>
        <RhfRadioGroup
          control={control}
          name="beneficiary"
          label="La personne convoquée est"
          options={ATTENDANCE}
          row
          onValueChange={(value) => {
            if (value === 'absent' && !absence) {
              setValue(
                'absence',
                {
                  suspensionNoticeGiven: false,
                  justificationDeadline: addMonths(
                    date,
                    referential.deadlines.absenceJustificationMonths,
                  ),
                  comment: '',
                },
                { shouldDirty: true },
              );
            }
          }}
        />
      </Box>
      {presence === 'absent' && absence && (
        <Alert severity="warning" sx={{ mt: 2 }} role="note">
          <p>
            Absence : le versement du RSA est suspendu. La personne a jusqu’au{' '}
            <strong>{formatFrenchDate(absence.justificationDeadline)}</strong> (
            {referential.deadlines.absenceJustificationMonths} mois) pour présenter un justificatif.
          </p>
          <RhfCheckbox
            control={control}
            name="absence.suspensionNoticeGiven"
            label="L’avis de suspension est enregistré pour envoi"
          />
          <RhfTextField
            control={control}
            name="absence.comment"
            label="Commentaire sur l’absence"
            multiline
            minRows={2}
          />
        </Alert>
      )}
      {presence === 'excused' && (
        <Alert severity="info" sx={{ mt: 2 }}>
          Personne excusée : pas de suspension. Clôturez cet entretien et reconvoquez la personne.
        </Alert>
      )}
    </SectionCard>
  );
});
