import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeIndicators, indicatorReportsToCsv } from '../../../shared/indicators';
import { isInPeriod, latestVersions } from '../../../shared/indicators/records';
import { NORD_2023 } from '../../../shared/referential';
import { demoInterviews, type DemoInterview } from '../../../server/cli/demo-interviews';
import { indicatorsCommand } from '../../../server/cli/indicators-command';
import type { Database } from '../../../server/db/database';
import { ENGINES } from '../helpers/engines';
import {
  interviewMutation,
  pushOk,
  startHarness,
  uniqueTerritory,
  type EnrolledDevice,
  type Harness,
} from '../helpers/harness';
import { runCommand, testDeps } from './cli-helpers';

const PERIOD = { from: '2026-01-01', to: '2026-03-31' };

/** Pushes each territory's interviews through its own laptop, as the sync would. */
async function pushAll(h: Harness, devices: Map<string, EnrolledDevice>, set: DemoInterview[]) {
  for (const [territory, device] of devices) {
    const mine = set.filter((d) => d.territory === territory);
    for (let start = 0; start < mine.length; start += 100) {
      const batch = mine
        .slice(start, start + 100)
        .map((d, k) => interviewMutation(start + k + 1, d.interview, null));
      const response = await pushOk(h.app, device.token, batch);
      expect(response.results.every((r) => r.status === 'applied')).toBe(true);
    }
  }
}

describe.each(ENGINES)('indicators of stored interviews on $name', (engine) => {
  let db: Database;
  let h: Harness;
  let dispose: () => Promise<void>;
  let admin: EnrolledDevice;
  let territories: string[];
  let set: DemoInterview[];

  beforeAll(async () => {
    const opened = await engine.open();
    db = opened.db;
    dispose = opened.dispose;
    h = await startHarness(db);
    territories = [uniqueTerritory('north'), uniqueTerritory('south')].sort();
    admin = await h.enrol('admin', 'departement');
    const devices = new Map<string, EnrolledDevice>();
    for (const t of territories) devices.set(t, await h.enrol('cd-professional', t));
    set = demoInterviews({
      count: 160,
      seed: 6,
      from: '2025-07-01',
      days: 300,
      territories,
      prefix: 'ind',
    });
    await pushAll(h, devices, set);
  });
  afterAll(async () => {
    await h.app.close();
    await dispose();
  });

  const records = () => set.map((d) => ({ interview: d.interview, territory: d.territory }));
  const expected = () =>
    JSON.parse(
      JSON.stringify({
        reports: territories.map((territory) =>
          computeIndicators(records(), NORD_2023, { period: PERIOD, territory }),
        ),
      }),
    ) as unknown;

  it('gives, by CLI and by the admin route, the reports shared/indicators computes on the pushed interviews', async () => {
    const inPeriod = latestVersions(records()).filter((r) => isInPeriod(r.interview.date, PERIOD));
    const byCli = await runCommand(indicatorsCommand(testDeps(db)), [
      '--from',
      PERIOD.from,
      '--to',
      PERIOD.to,
      '--format',
      'json',
    ]);
    expect(byCli.code).toBe(0);
    const cliJson = JSON.parse(byCli.stdout) as {
      reports: { attendance: { records: number; diagnostics: number } }[];
    };
    expect(cliJson).toEqual(expected());
    // The set is not trivial: both territories, diagnostics, history before the period.
    expect(cliJson.reports).toHaveLength(2);
    expect(cliJson.reports.reduce((n, r) => n + r.attendance.records, 0)).toBe(inPeriod.length);
    expect(cliJson.reports.every((r) => r.attendance.diagnostics > 0)).toBe(true);

    const byRoute = await h.app.inject({
      method: 'POST',
      url: '/admin/indicators',
      headers: { authorization: `Bearer ${admin.token}` },
      payload: PERIOD,
    });
    expect(byRoute.statusCode).toBe(200);
    expect(byRoute.json()).toEqual(cliJson);
  });

  it('gives one territory, and CSV for a French spreadsheet with --separator and --bom', async () => {
    const territory = territories[1] as string;
    const report = computeIndicators(records(), NORD_2023, { period: PERIOD, territory });
    const byRoute = await h.app.inject({
      method: 'POST',
      url: '/admin/indicators',
      headers: { authorization: `Bearer ${admin.token}` },
      payload: { ...PERIOD, territory, referential: `${NORD_2023.id}@${NORD_2023.version}` },
    });
    expect(byRoute.json()).toEqual(JSON.parse(JSON.stringify({ reports: [report] })));

    const csv = await runCommand(indicatorsCommand(testDeps(db)), [
      '--from',
      PERIOD.from,
      '--to',
      PERIOD.to,
      '--territory',
      territory,
      '--separator',
      ';',
      '--bom',
    ]);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe(indicatorReportsToCsv([report], { separator: ';', bom: true }));
    expect(csv.stdout.startsWith('\uFEFFterritoire;debut_periode;fin_periode;code;')).toBe(true);
  });

  it('refuses the admin route to a professional (403) and a period that ends before it starts (400)', async () => {
    const professional = await h.enrol('pe-advisor', territories[0] as string);
    const forbidden = await h.app.inject({
      method: 'POST',
      url: '/admin/indicators',
      headers: { authorization: `Bearer ${professional.token}` },
      payload: PERIOD,
    });
    expect(forbidden.statusCode).toBe(403);
    const backwards = await h.app.inject({
      method: 'POST',
      url: '/admin/indicators',
      headers: { authorization: `Bearer ${admin.token}` },
      payload: { from: '2026-03-31', to: '2026-01-01' },
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json()).toMatchObject({ error: { issues: [{ path: 'to' }] } });
  });

  it.each([
    [['--to', '2026-03-31'], '--from is required: expected a date as YYYY-MM-DD'],
    [['--from', '2026-02-30', '--to', '2026-03-31'], '--from: expected a date as YYYY-MM-DD'],
    [['--from', '2026-03-01', '--to', '2026-01-31'], '--to: expected a date not before --from'],
    [
      ['--from', '2026-01-01', '--to', '2026-03-31', '--format', 'xml'],
      '--format: expected one of csv, json',
    ],
    [
      ['--from', '2026-01-01', '--to', '2026-03-31', '--separator', '|'],
      "--separator: expected ';' or ','",
    ],
    [
      ['--from', '2026-01-01', '--to', '2026-03-31', '--territory', 'Nord 59'],
      '--territory: expected a territory code',
    ],
    [
      ['--from', '2026-01-01', '--to', '2026-03-31', '--referential', 'nord-2023@9.9.9'],
      '--referential: expected a référentiel version published on this server',
    ],
  ])('exits with code 2 on %j, naming the option', async (args, message) => {
    const run = await runCommand(indicatorsCommand(testDeps(db)), args, true);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });
});
