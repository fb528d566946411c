/**
 * The professional's dashboard (Annexe D of the convention, DOMAIN §4): the steering indicators of
 * their own interviews stored on this laptop, computed offline by `shared/indicators` for a chosen
 * period — interviews held, absences, delay to the first interview, split by dominante against the
 * target, intensive support, delay to the first action, progression, satisfaction. Lazy-loaded.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { SATISFACTION_QUESTION_LABELS } from '../../../shared/domain/satisfaction';
import {
  computeIndicators,
  type IndicatorRecord,
  type IndicatorReport,
  type QuestionStats,
  type SplitIndicators,
} from '../../../shared/indicators';
import { formatFrenchDate } from '../../../shared/util/dates';
import { Loading } from '../../app/Loading';
import { useServices } from '../../app/services';
import { loadIndicatorRecords, type LocalIndicatorRecords } from '../../storage/indicator-source';
import { userMessageOf } from '../../storage/errors';
import { RhfSelect, RhfTextField } from '../../ui';
import {
  ChartFigure,
  MonthChart,
  monthSummary,
  SatisfactionChart,
  satisfactionSummary,
  type SatisfactionBar,
  SplitChart,
  splitSummary,
} from './DashboardCharts';
import { formatDays, formatMonth, formatNumber, formatPercent, formatPoints } from './format';
import {
  customPeriodErrors,
  describePeriod,
  PERIOD_FIELD_LABELS,
  PERIOD_PRESET_LABELS,
  PERIOD_PRESETS,
  periodOf,
  type PeriodField,
  type PeriodPreset,
} from './period';

interface PeriodForm {
  preset: PeriodPreset;
  from: string;
  to: string;
}

function Kpi(props: { id: string; label: string; value: string; detail?: ReactNode }) {
  return (
    <Paper component="li" variant="outlined" sx={{ p: 2, listStyle: 'none' }}>
      <Typography
        component="h3"
        variant="body1"
        sx={{ fontWeight: 700 }}
        id={`kpi-${props.id}-label`}
      >
        {props.label}
      </Typography>
      <Typography
        sx={{ fontSize: '2rem', fontWeight: 700, lineHeight: 1.3 }}
        data-testid={`kpi-${props.id}`}
      >
        {props.value}
      </Typography>
      {props.detail && <Typography variant="body2">{props.detail}</Typography>}
    </Paper>
  );
}

function DataTable(props: {
  caption: string;
  head: string[];
  rows: (string | number)[][];
  testId: string;
}) {
  return (
    // A region of its own, in the Tab order: a keyboard can reach every table, and scroll it
    // sideways when it is wider than the window (a narrow window, a 200 % zoom).
    <Box
      role="region"
      aria-labelledby={`${props.testId}-caption`}
      tabIndex={0}
      sx={{
        overflowX: 'auto',
        '&:focus-visible': { outline: '3px solid', outlineColor: 'primary.main', outlineOffset: 2 },
      }}
    >
      <Table size="small" data-testid={props.testId}>
        <caption
          id={`${props.testId}-caption`}
          style={{ captionSide: 'top', textAlign: 'left', padding: '4px 0' }}
        >
          {props.caption}
        </caption>
        <TableHead>
          <TableRow>
            {props.head.map((h, i) => (
              <TableCell key={h} component="th" scope="col" align={i === 0 ? 'left' : 'right'}>
                {h}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {props.rows.map((row) => (
            <TableRow key={String(row[0])}>
              {row.map((cell, i) =>
                i === 0 ? (
                  <TableCell key={i} component="th" scope="row">
                    {cell}
                  </TableCell>
                ) : (
                  <TableCell key={i} align="right">
                    {cell}
                  </TableCell>
                ),
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

function splitTableRows(split: SplitIndicators): (string | number)[][] {
  return split.rows.map((r) => [
    r.label,
    r.count,
    formatPercent(r.share),
    formatPercent(r.target),
    formatPoints(r.gapPoints),
  ]);
}

function questionRow(label: string, s: QuestionStats): (string | number)[] {
  return [label, s.answered, s.skipped, s.notAsked, formatNumber(s.average)];
}

function Section(props: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper
      component="section"
      variant="outlined"
      aria-labelledby={`${props.id}-title`}
      sx={{ p: { xs: 2, md: 3 }, display: 'grid', gap: 2 }}
    >
      <Typography component="h2" variant="h2" id={`${props.id}-title`}>
        {props.title}
      </Typography>
      {props.children}
    </Paper>
  );
}

export function IndicatorsView({ report }: { report: IndicatorReport }) {
  const a = report.attendance;
  const first = report.delayToFirstInterview;
  const intensive = report.intensiveSupport;
  const action = report.delayToFirstAction;
  const progression = report.progression;
  const sat = report.satisfaction;
  const bars: SatisfactionBar[] = [
    { label: 'Écouté(e)', ...sat.beneficiary.listened },
    { label: 'A compris la suite', ...sat.beneficiary.understood },
    { label: 'Rendez-vous utile', ...sat.beneficiary.useful },
    { label: 'Professionnels : bonne orientation', ...sat.professionals.all },
  ];
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Box
        component="ul"
        aria-label="Chiffres clés"
        sx={{
          p: 0,
          m: 0,
          display: 'grid',
          gap: 2,
          gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))',
        }}
      >
        <Kpi
          id="held"
          label="Entretiens réalisés"
          value={formatNumber(a.held)}
          detail={`${a.inProgress} en cours, ${a.diagnostics} diagnostic(s), ${a.beneficiaries} personne(s)`}
        />
        <Kpi
          id="absences"
          label="Absences"
          value={formatNumber(a.absent + a.excused)}
          detail={`dont ${a.excused} excusée(s) — taux d’absence ${formatPercent(a.absenceRate)}`}
        />
        <Kpi
          id="first-interview"
          label="Délai ouverture des droits → 1er entretien (médiane)"
          value={formatDays(first.medianDays)}
          detail={`${formatPercent(first.shareWithinDeadline)} dans le délai de ${first.deadlineDays} jours (${first.withinDeadline} sur ${first.count} nouveaux entrants)`}
        />
        <Kpi
          id="intensive"
          label="Accompagnement intensif (15 à 20 h)"
          value={formatPercent(intensive.share)}
          detail={`${intensive.intensive} personne(s) sur ${intensive.decided} orientée(s)`}
        />
        <Kpi
          id="first-action"
          label="Délai diagnostic → 1re action (médiane)"
          value={formatDays(action.medianDays)}
          detail={`${action.count} diagnostic(s) avec action, ${action.withoutActions} sans action`}
        />
        <Kpi
          id="progression"
          label="Progression entre deux diagnostics"
          value={`${progression.towardEmploi} sur ${progression.pairs}`}
          detail={`vers l’emploi ; ${progression.sameDominante} stable(s), ${progression.awayFromEmploi} en recul`}
        />
      </Box>

      <Section id="dash-months" title="Entretiens et absences">
        <ChartFigure
          id="months"
          title="Entretiens par mois"
          summary={monthSummary(report.byMonth)}
          chart={<MonthChart rows={report.byMonth} />}
          table={
            <DataTable
              testId="months-table"
              caption="Entretiens par mois (nombres)"
              head={['Mois', 'Réalisés', 'En cours', 'Absences', 'Absences excusées']}
              rows={report.byMonth.map((r) => [
                formatMonth(r.month),
                r.held,
                r.inProgress,
                r.absent,
                r.excused,
              ])}
            />
          }
        />
      </Section>

      <Section id="dash-split" title="Répartition par dominante">
        <ChartFigure
          id="split"
          title={`Personnes du stock : part par dominante et objectif (${report.split.stock.total} personne(s))`}
          summary={splitSummary(report.split.stock.rows)}
          chart={<SplitChart rows={report.split.stock.rows} />}
          table={
            <DataTable
              testId="split-stock-table"
              caption="Stock : dominante retenue du dernier diagnostic de chaque personne"
              head={['Dominante', 'Personnes', 'Part', 'Objectif', 'Écart']}
              rows={splitTableRows(report.split.stock)}
            />
          }
        />
        <DataTable
          testId="split-flux-table"
          caption={`Nouveaux entrants (${report.split.flux.total} personne(s))`}
          head={['Dominante', 'Personnes', 'Part', 'Objectif', 'Écart']}
          rows={splitTableRows(report.split.flux)}
        />
        <DataTable
          testId="split-all-table"
          caption={`Ensemble (${report.split.all.total} personne(s))`}
          head={['Dominante', 'Personnes', 'Part', 'Objectif', 'Écart']}
          rows={splitTableRows(report.split.all)}
        />
      </Section>

      <Section id="dash-progression" title="Parcours">
        <DataTable
          testId="progression-table"
          caption="Progression entre deux diagnostics d’une même personne"
          head={['Évolution de la dominante', 'Paires de diagnostics']}
          rows={[
            ['Vers l’emploi', progression.towardEmploi],
            ['Même dominante', progression.sameDominante],
            ['Éloignement de l’emploi', progression.awayFromEmploi],
            ['Non comparable', progression.notComparable],
            ['Moins de freins (réponses hors colonne E)', progression.fewerConstraints],
            ['Plus de freins', progression.moreConstraints],
          ]}
        />
        <DataTable
          testId="first-action-table"
          caption="Délai du diagnostic à la première action prévue"
          head={['Mesure', 'Valeur']}
          rows={[
            ['Médiane', formatDays(action.medianDays)],
            ['Moyenne', formatDays(action.meanDays)],
            ['Plus court', formatDays(action.minDays)],
            ['Plus long', formatDays(action.maxDays)],
          ]}
        />
      </Section>

      <Section id="dash-satisfaction" title="Satisfaction">
        <Typography>
          Questions posées à la fin de {sat.interviews} entretien(s) réalisé(s). Réponses de « Pas
          du tout » (1) à « Tout à fait » (4).
        </Typography>
        <ChartFigure
          id="satisfaction"
          title="Satisfaction moyenne (sur 4)"
          summary={satisfactionSummary(bars)}
          chart={<SatisfactionChart bars={bars} />}
          table={
            <DataTable
              testId="satisfaction-table"
              caption="Réponses aux questions de satisfaction"
              head={['Question', 'Répondu', 'Passé', 'Non posée', 'Moyenne']}
              rows={[
                questionRow(SATISFACTION_QUESTION_LABELS.listened, sat.beneficiary.listened),
                questionRow(SATISFACTION_QUESTION_LABELS.understood, sat.beneficiary.understood),
                questionRow(SATISFACTION_QUESTION_LABELS.useful, sat.beneficiary.useful),
                questionRow(
                  'Conseiller France Travail : bonne orientation ?',
                  sat.professionals.peAdvisor,
                ),
                questionRow(
                  'Professionnel du Département : bonne orientation ?',
                  sat.professionals.cdProfessional,
                ),
              ]}
            />
          }
        />
      </Section>
    </Box>
  );
}

export function DashboardPage() {
  const services = useServices();
  const [data, setData] = useState<LocalIndicatorRecords | null>(null);
  const [error, setError] = useState<string | null>(null);
  const {
    control,
    setError: setFieldError,
    clearErrors,
  } = useForm<PeriodForm>({
    defaultValues: { preset: 'year', from: '', to: '' },
  });
  const form = useWatch({ control });
  // A date input holding a partly typed date reports '' : remember which one does.
  const [incomplete, setIncomplete] = useState<Partial<Record<PeriodField, boolean>>>({});
  const noteInput = (event: FormEvent<HTMLFormElement>) => {
    const target = event.target;
    if (!(target instanceof HTMLInputElement) || !Object.hasOwn(PERIOD_FIELD_LABELS, target.name))
      return;
    const field = target.name as PeriodField;
    const bad = target.validity.badInput;
    setIncomplete((current) => (current[field] === bad ? current : { ...current, [field]: bad }));
  };
  const custom = form.preset === 'custom';
  const fromText = form.from ?? '';
  const toText = form.to ?? '';
  const periodErrors = useMemo(
    () => (custom ? customPeriodErrors({ from: fromText, to: toText }, incomplete) : {}),
    [custom, fromText, toText, incomplete],
  );
  const invalid = Object.keys(periodErrors).length > 0;
  useEffect(() => {
    for (const field of ['from', 'to'] as const) {
      const message = periodErrors[field];
      if (message) setFieldError(field, { type: 'period', message });
      else clearErrors(field);
    }
  }, [periodErrors, setFieldError, clearErrors]);
  const today = services.today();
  const period = periodOf(form.preset ?? 'year', today, {
    from: form.from ?? null,
    to: form.to ?? null,
  });

  useEffect(() => {
    document.title = 'Tableau de bord — codiag';
    let cancelled = false;
    loadIndicatorRecords(services.storage).then(
      (loaded) => !cancelled && setData(loaded),
      (e: unknown) => !cancelled && setError(userMessageOf(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [services.storage]);

  const records: readonly IndicatorRecord[] | null = data?.records ?? null;
  const report = useMemo(
    () =>
      records && !invalid
        ? computeIndicators(records, services.referential, {
            period: { from: period.from, to: period.to },
          })
        : null,
    [records, invalid, services.referential, period.from, period.to],
  );

  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Box>
        <Typography component="h1" variant="h1">
          Tableau de bord
        </Typography>
        <Typography>
          Vos entretiens enregistrés sur cet ordinateur,{' '}
          <span data-testid="dashboard-period">
            {invalid ? 'période à corriger' : describePeriod(period, formatFrenchDate)}
          </span>
          . Les entretiens transmis au serveur sont effacés de l’ordinateur après le délai de
          conservation : les chiffres du territoire sont ceux du Département.
        </Typography>
      </Box>
      <Paper
        component="form"
        variant="outlined"
        aria-label="Choix de la période"
        onSubmit={(e) => e.preventDefault()}
        onChange={noteInput}
        onBlur={noteInput}
        onKeyUp={noteInput}
        sx={{
          p: 2,
          display: 'grid',
          gap: 2,
          gridTemplateColumns: { xs: '1fr', md: 'repeat(3, minmax(0, 1fr))' },
        }}
      >
        <RhfSelect
          control={control}
          name="preset"
          label="Période"
          options={PERIOD_PRESETS.map((p) => ({ value: p, label: PERIOD_PRESET_LABELS[p] }))}
        />
        {form.preset === 'custom' && (
          <>
            <RhfTextField
              control={control}
              name="from"
              label={PERIOD_FIELD_LABELS.from}
              type="date"
            />
            <RhfTextField control={control} name="to" label={PERIOD_FIELD_LABELS.to} type="date" />
          </>
        )}
      </Paper>
      {invalid && (
        // The field's own message is the alert read out; this one says why the figures are gone.
        <Alert severity="error" role="status" data-testid="period-error">
          Période à corriger :{' '}
          {(['from', 'to'] as const)
            .filter((field) => periodErrors[field])
            .map((field) => `${PERIOD_FIELD_LABELS[field]} : ${periodErrors[field] ?? ''}`)
            .join(' ; ')}
          . Les chiffres s’afficheront dès que la période sera valide ; les dates saisies sont
          gardées.
        </Alert>
      )}
      {error && <Alert severity="error">Les entretiens ne peuvent pas être lus : {error}</Alert>}
      {data && data.unreadable.length > 0 && (
        <Alert severity="warning">
          {data.unreadable.length} entretien(s) illisible(s) ne sont pas comptés.
        </Alert>
      )}
      {!report && !error && !invalid && <Loading label="Calcul des indicateurs…" />}
      {report && records?.length === 0 && (
        <Alert severity="info">Aucun entretien sur cet ordinateur pour l’instant.</Alert>
      )}
      {report && <IndicatorsView report={report} />}
    </Box>
  );
}
