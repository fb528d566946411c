/**
 * The dashboard's charts (Annexe D indicators), drawn with MUI X Charts. Each chart is an image
 * whose accessible name states its numbers, and the page shows the same numbers in a table beside
 * it: the chart is for the eye, the table for screen readers, keyboards and printing.
 */
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { BarChart } from '@mui/x-charts/BarChart';
import type { ReactNode } from 'react';
import type { MonthIndicators, SplitRow } from '../../../shared/indicators';
import { formatMonth, formatNumber, formatPercent } from './format';

/** Colours with at least 3:1 contrast on white, told apart by their legend too. */
const COLOURS = {
  held: '#1b5e20',
  inProgress: '#0d47a1',
  absent: '#b71c1c',
  excused: '#e65100',
  share: '#0d47a1',
  target: '#6d4c41',
  satisfaction: '#4a148c',
} as const;

export function ChartFigure(props: {
  id: string;
  title: string;
  /** The chart's numbers in one sentence: its accessible name. */
  summary: string;
  chart: ReactNode;
  /** The same numbers as a table. */
  table: ReactNode;
}) {
  return (
    <Box
      component="figure"
      aria-labelledby={`${props.id}-title`}
      sx={{ m: 0, display: 'grid', gap: 1 }}
    >
      <Typography component="figcaption" variant="h3" id={`${props.id}-title`}>
        {props.title}
      </Typography>
      <Box role="img" aria-label={props.summary} data-testid={`${props.id}-chart`}>
        {props.chart}
      </Box>
      {props.table}
    </Box>
  );
}

export function monthSummary(rows: readonly MonthIndicators[]): string {
  if (rows.length === 0) return 'Aucun entretien sur la période.';
  return rows
    .map(
      (r) =>
        `${formatMonth(r.month)} : ${r.held} réalisé(s), ${r.inProgress} en cours, ${r.absent} absence(s), ${r.excused} absence(s) excusée(s)`,
    )
    .join(' ; ');
}

export function MonthChart({ rows }: { rows: readonly MonthIndicators[] }) {
  if (rows.length === 0) return <Typography>Aucun entretien sur la période.</Typography>;
  return (
    <BarChart
      height={280}
      skipAnimation
      dataset={rows.map((r) => ({ ...r, label: formatMonth(r.month) }))}
      xAxis={[{ scaleType: 'band', dataKey: 'label' }]}
      yAxis={[{ tickMinStep: 1, label: 'Entretiens' }]}
      series={[
        { dataKey: 'held', label: 'Réalisés', stack: 'm', color: COLOURS.held },
        { dataKey: 'inProgress', label: 'En cours', stack: 'm', color: COLOURS.inProgress },
        { dataKey: 'absent', label: 'Absences', stack: 'm', color: COLOURS.absent },
        { dataKey: 'excused', label: 'Absences excusées', stack: 'm', color: COLOURS.excused },
      ]}
    />
  );
}

export function splitSummary(rows: readonly SplitRow[]): string {
  return rows
    .map(
      (r) =>
        `${r.label} : ${formatPercent(r.share)} (${r.count} personne(s))${r.target === null ? '' : `, objectif ${formatPercent(r.target)}`}`,
    )
    .join(' ; ');
}

export function SplitChart({ rows }: { rows: readonly SplitRow[] }) {
  return (
    <BarChart
      height={260}
      skipAnimation
      dataset={rows.map((r) => ({
        label: r.label.replace(/^Dominante /, ''),
        share: r.share ?? 0,
        target: r.target ?? 0,
      }))}
      xAxis={[{ scaleType: 'band', dataKey: 'label' }]}
      yAxis={[{ min: 0, max: 100, label: '%' }]}
      series={[
        {
          dataKey: 'share',
          label: 'Part constatée',
          color: COLOURS.share,
          valueFormatter: (v) => formatPercent(v),
        },
        {
          dataKey: 'target',
          label: 'Objectif',
          color: COLOURS.target,
          valueFormatter: (v) => formatPercent(v),
        },
      ]}
    />
  );
}

export interface SatisfactionBar {
  label: string;
  average: number | null;
  answered: number;
}

export function satisfactionSummary(bars: readonly SatisfactionBar[]): string {
  return bars
    .map((b) => `${b.label} : moyenne ${formatNumber(b.average)} sur 4 (${b.answered} réponse(s))`)
    .join(' ; ');
}

export function SatisfactionChart({ bars }: { bars: readonly SatisfactionBar[] }) {
  return (
    <BarChart
      height={60 + 48 * bars.length}
      skipAnimation
      layout="horizontal"
      hideLegend
      margin={{ left: 8 }}
      dataset={bars.map((b) => ({ label: b.label, average: b.average ?? 0 }))}
      yAxis={[{ scaleType: 'band', dataKey: 'label', width: 220 }]}
      xAxis={[{ min: 0, max: 4, tickMinStep: 1, label: 'Moyenne (1 à 4)' }]}
      series={[
        {
          dataKey: 'average',
          label: 'Moyenne',
          color: COLOURS.satisfaction,
          valueFormatter: (v) => formatNumber(v),
        },
      ]}
    />
  );
}
