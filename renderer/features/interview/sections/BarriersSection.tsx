/**
 * The eight barrier domains (DOMAIN §8, Appendix A): situations to tick, the severity the
 * professionals set, with the référentiel's suggestion beside it, and notes.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { memo } from 'react';
import { useWatch, type Control } from 'react-hook-form';
import type { BarrierAssessment, BarrierDomain } from '../../../../shared/domain';
import { suggestSeverity, type Referential } from '../../../../shared/referential';
import { RhfCheckboxGroup, RhfRadioGroup, RhfTextField, useReadOnly } from '../../../ui';
import type { InterviewDraftStore } from '../draft-store';
import { SECTIONS } from '../section-forms';
import { useSectionForm, type SectionFormValues } from '../use-section-form';
import { drawnWhenNearView, SectionCard } from './SectionCard';

function severityLabel(referential: Referential, value: string): string {
  return referential.criteria.barriers.values.find((v) => v.value === value)?.label ?? value;
}

function Suggestion(props: {
  control: Control<SectionFormValues>;
  domain: BarrierDomain;
  referential: Referential;
  apply: (severity: string) => void;
}) {
  const readOnly = useReadOnly();
  const assessment = useWatch({ control: props.control, name: props.domain }) as unknown as
    BarrierAssessment | undefined;
  const situations = assessment?.situations ?? [];
  const severity = assessment?.severity ?? null;
  const suggested = suggestSeverity(props.referential, props.domain, situations);
  if (!suggested) return null;
  return (
    <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap' }}>
      <Typography>
        Suggestion du référentiel : <strong>{severityLabel(props.referential, suggested)}</strong>
      </Typography>
      {suggested !== severity && !readOnly && (
        <Button variant="outlined" size="small" onClick={() => props.apply(suggested)}>
          Retenir la suggestion
        </Button>
      )}
    </Box>
  );
}

export const BarriersSection = memo(function BarriersSection(props: {
  store: InterviewDraftStore;
  referential: Referential;
}) {
  const { store, referential } = props;
  const { control, setValue } = useSectionForm(SECTIONS.barriers, store);
  const severities = referential.criteria.barriers.values.map((v) => ({
    value: v.value,
    label: v.label,
  }));
  return (
    <SectionCard id="sec-barriers" title="Freins périphériques">
      {referential.barrierDomains.map((domain) => (
        <Box
          key={domain.code}
          component="section"
          aria-labelledby={`barrier-${domain.code}`}
          sx={{
            borderTop: 1,
            borderColor: 'divider',
            pt: 2,
            mt: 2,
            display: 'grid',
            gap: 1.5,
            ...drawnWhenNearView('22rem'),
          }}
        >
          <Typography component="h3" variant="h3" id={`barrier-${domain.code}`}>
            {domain.label}
          </Typography>
          <RhfCheckboxGroup
            control={control}
            name={`${domain.code}.situations`}
            label={`Situations — ${domain.label}`}
            options={domain.situations.map((s) => ({ value: s.code, label: s.label }))}
            columns={3}
          />
          <Suggestion
            control={control}
            domain={domain.code}
            referential={referential}
            apply={(severity) =>
              setValue(`${domain.code}.severity`, severity as never, { shouldValidate: true })
            }
          />
          <RhfRadioGroup
            control={control}
            name={`${domain.code}.severity`}
            label={`Niveau du frein — ${domain.label}`}
            row
            options={[...severities, { value: null, label: 'Non évalué' }]}
          />
          <RhfTextField
            control={control}
            name={`${domain.code}.notes`}
            label={`Notes — ${domain.label}`}
            multiline
            minRows={1}
          />
        </Box>
      ))}
    </SectionCard>
  );
});
