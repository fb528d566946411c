/**
 * Flattens indicator reports (Annexe D) into long-format rows, one value per row, with a stable
 * code and a French label, so that the département can send them as a CSV that opens in a French
 * spreadsheet (`codiag indicators --format csv`).
 */
import { SATISFACTION_QUESTION_LABELS } from '../domain/satisfaction';
import { type CsvWriteOptions, toCsv } from '../util/csv';
import type { IndicatorReport, QuestionStats, SplitIndicators } from './compute-indicators';

export interface IndicatorRow {
  territory: string | null;
  from: string | null;
  to: string | null;
  /** Stable code, e.g. `split.stock.emploi.share`. */
  code: string;
  /** French label. */
  label: string;
  value: number | null;
  unit: 'nombre' | '%' | 'points' | 'jours' | 'score 1-4' | 'réponses';
}

export const INDICATOR_CSV_HEADER = [
  'territoire',
  'debut_periode',
  'fin_periode',
  'code',
  'indicateur',
  'valeur',
  'unite',
] as const;

export function indicatorRows(report: IndicatorReport): IndicatorRow[] {
  const rows: IndicatorRow[] = [];
  const add = (code: string, label: string, value: number | null, unit: IndicatorRow['unit']) =>
    rows.push({
      territory: report.territory,
      from: report.period.from,
      to: report.period.to,
      code,
      label,
      value,
      unit,
    });

  const a = report.attendance;
  add('attendance.records', 'Entretiens programmés sur la période', a.records, 'nombre');
  add('attendance.held', 'Entretiens réalisés (bénéficiaire présent, clos)', a.held, 'nombre');
  add('attendance.inProgress', 'Entretiens en cours (non clos)', a.inProgress, 'nombre');
  add('attendance.absent', 'Absences', a.absent, 'nombre');
  add('attendance.excused', 'Absences excusées', a.excused, 'nombre');
  add('attendance.notRecorded', 'Présence non renseignée', a.attendanceNotRecorded, 'nombre');
  add('attendance.absenceRate', "Taux d'absence", a.absenceRate, '%');
  add('attendance.beneficiaries', 'Bénéficiaires distincts', a.beneficiaries, 'nombre');
  add('attendance.diagnostics', 'Diagnostics avec orientation', a.diagnostics, 'nombre');
  for (const m of report.byMonth) {
    add(`byMonth.${m.month}.held`, `Entretiens réalisés — ${m.month}`, m.held, 'nombre');
    add(`byMonth.${m.month}.absent`, `Absences — ${m.month}`, m.absent, 'nombre');
    add(`byMonth.${m.month}.excused`, `Absences excusées — ${m.month}`, m.excused, 'nombre');
  }

  const f = report.delayToFirstInterview;
  const first = 'Délai ouverture des droits → premier entretien (nouveaux entrants)';
  add('delayToFirstInterview.count', `${first} : personnes`, f.count, 'nombre');
  add('delayToFirstInterview.median', `${first} : médiane`, f.medianDays, 'jours');
  add('delayToFirstInterview.mean', `${first} : moyenne`, f.meanDays, 'jours');
  add('delayToFirstInterview.deadline', `${first} : délai cible`, f.deadlineDays, 'jours');
  add(
    'delayToFirstInterview.shareWithinDeadline',
    `${first} : part dans le délai cible`,
    f.shareWithinDeadline,
    '%',
  );
  add(
    'delayToFirstInterview.inconsistent',
    `${first} : dates incohérentes`,
    f.inconsistent,
    'nombre',
  );

  splitRows(add, 'stock', 'stock', report.split.stock);
  splitRows(add, 'flux', 'nouveaux entrants', report.split.flux);
  splitRows(add, 'all', 'ensemble', report.split.all);

  const s = report.intensiveSupport;
  add('intensiveSupport.decided', 'Bénéficiaires orientés', s.decided, 'nombre');
  add('intensiveSupport.intensive', 'En accompagnement intensif (15–20 h)', s.intensive, 'nombre');
  add('intensiveSupport.share', 'Part en accompagnement intensif', s.share, '%');
  add('intensiveSupport.standard', 'Heures hebdomadaires : cible', s.byMode.standard, 'nombre');
  add(
    'intensiveSupport.progressive',
    'Heures hebdomadaires : progressif',
    s.byMode.progressive,
    'nombre',
  );
  add('intensiveSupport.reduced', 'Heures hebdomadaires : réduit', s.byMode.reduced, 'nombre');
  add('intensiveSupport.exempt', 'Heures hebdomadaires : dispense', s.byMode.exempt, 'nombre');

  const d = report.delayToFirstAction;
  const action = 'Délai diagnostic → première action';
  add('delayToFirstAction.count', `${action} : diagnostics avec action`, d.count, 'nombre');
  add(
    'delayToFirstAction.withoutActions',
    `${action} : diagnostics sans action`,
    d.withoutActions,
    'nombre',
  );
  add('delayToFirstAction.median', `${action} : médiane`, d.medianDays, 'jours');
  add('delayToFirstAction.mean', `${action} : moyenne`, d.meanDays, 'jours');
  add('delayToFirstAction.min', `${action} : minimum`, d.minDays, 'jours');
  add('delayToFirstAction.max', `${action} : maximum`, d.maxDays, 'jours');
  add(
    'delayToFirstAction.inconsistent',
    `${action} : dates incohérentes`,
    d.inconsistent,
    'nombre',
  );

  const p = report.progression;
  const prog = 'Progression entre deux diagnostics';
  add('progression.pairs', `${prog} : paires de diagnostics`, p.pairs, 'nombre');
  add('progression.beneficiaries', `${prog} : bénéficiaires`, p.beneficiaries, 'nombre');
  add(
    'progression.towardEmploi',
    `${prog} : dominante plus proche de l'emploi`,
    p.towardEmploi,
    'nombre',
  );
  add('progression.sameDominante', `${prog} : même dominante`, p.sameDominante, 'nombre');
  add(
    'progression.awayFromEmploi',
    `${prog} : dominante plus éloignée de l'emploi`,
    p.awayFromEmploi,
    'nombre',
  );
  add(
    'progression.notComparable',
    `${prog} : dominante inconnue du référentiel`,
    p.notComparable,
    'nombre',
  );
  add(
    'progression.withCriteria',
    `${prog} : paires aux critères complets`,
    p.withCriteria,
    'nombre',
  );
  add(
    'progression.fewerConstraints',
    `${prog} : moins de critères contraignants`,
    p.fewerConstraints,
    'nombre',
  );
  add(
    'progression.moreConstraints',
    `${prog} : plus de critères contraignants`,
    p.moreConstraints,
    'nombre',
  );
  for (const c of p.columnDeltas) {
    add(
      `progression.columnDelta.${c.column}`,
      `${prog} : variation moyenne des réponses en colonne ${c.column}`,
      c.meanDelta,
      'réponses',
    );
  }

  const sat = report.satisfaction;
  add('satisfaction.interviews', 'Satisfaction : entretiens réalisés', sat.interviews, 'nombre');
  for (const q of ['listened', 'understood', 'useful'] as const) {
    questionRows(
      add,
      `satisfaction.beneficiary.${q}`,
      SATISFACTION_QUESTION_LABELS[q],
      sat.beneficiary[q],
    );
  }
  const pro = SATISFACTION_QUESTION_LABELS.professional;
  questionRows(
    add,
    'satisfaction.peAdvisor',
    `${pro} (conseiller France Travail)`,
    sat.professionals.peAdvisor,
  );
  questionRows(
    add,
    'satisfaction.cdProfessional',
    `${pro} (professionnel du Département)`,
    sat.professionals.cdProfessional,
  );
  questionRows(add, 'satisfaction.professionals', `${pro} (les deux)`, sat.professionals.all);
  return rows;
}

type Add = (code: string, label: string, value: number | null, unit: IndicatorRow['unit']) => void;

function splitRows(add: Add, key: string, cohortLabel: string, split: SplitIndicators): void {
  add(
    `split.${key}.total`,
    `Répartition par dominante (${cohortLabel}) : orientés`,
    split.total,
    'nombre',
  );
  for (const row of split.rows) {
    const base = `split.${key}.${row.dominante}`;
    const label = `Répartition (${cohortLabel}) — ${row.label}`;
    add(`${base}.count`, label, row.count, 'nombre');
    add(`${base}.share`, `${label} : part`, row.share, '%');
    add(`${base}.target`, `${label} : cible`, row.target, '%');
    add(`${base}.gap`, `${label} : écart à la cible`, row.gapPoints, 'points');
  }
}

function questionRows(add: Add, code: string, label: string, stats: QuestionStats): void {
  add(`${code}.answered`, `${label} — réponses`, stats.answered, 'nombre');
  add(`${code}.skipped`, `${label} — sans réponse (passé)`, stats.skipped, 'nombre');
  add(`${code}.notAsked`, `${label} — non posée`, stats.notAsked, 'nombre');
  add(`${code}.average`, `${label} — moyenne`, stats.average, 'score 1-4');
  stats.distribution.forEach((n, i) =>
    add(`${code}.score${i + 1}`, `${label} — note ${i + 1}`, n, 'nombre'),
  );
}

/** The rows of one or more reports as CSV text (header first). */
export function indicatorReportsToCsv(
  reports: readonly IndicatorReport[],
  options: CsvWriteOptions = {},
): string {
  const rows = reports.flatMap(indicatorRows);
  return toCsv(
    [
      INDICATOR_CSV_HEADER,
      ...rows.map((r) => [r.territory, r.from, r.to, r.code, r.label, r.value, r.unit]),
    ],
    options,
  );
}
