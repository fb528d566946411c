import { createHmac } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildEvaluationRows,
  EVALUATION_HEADER,
  evaluationRowsToCsv,
} from '../../../shared/indicators';
import { upsertProfessional } from '../../../server/accounts/accounts';
import { demoInterviews, type DemoInterview } from '../../../server/cli/demo-interviews';
import { exportEvaluationCommand } from '../../../server/cli/export-evaluation-command';
import type { Database } from '../../../server/db/database';
import { ENGINES } from '../helpers/engines';
import { interviewMutation, pushOk, uniqueTerritory, type Harness } from '../helpers/harness';
import { openHarness, runCommand, testDeps } from './cli-helpers';

const PERIOD = { from: '2026-01-01', to: '2026-03-31' };
const SECRET = 'a-test-secret-of-32-characters!!';

describe.each(ENGINES)('codiag export-evaluation on $name', (engine) => {
  let db: Database;
  let h: Harness;
  let close: () => Promise<void>;
  let dir: string;
  let set: DemoInterview[];
  const adminName = `Admin Export ${engine.name}`;

  beforeAll(async () => {
    ({ db, h, close } = await openHarness(engine));
    dir = await mkdtemp(join(tmpdir(), 'codiag-export-'));
    const territory = uniqueTerritory('export');
    const device = await h.enrol('cd-professional', territory);
    await upsertProfessional(db, { name: adminName, role: 'admin', territory: 'departement' });
    set = demoInterviews({
      count: 40,
      seed: 8,
      from: '2025-12-01',
      days: 150,
      territories: [territory],
      prefix: 'exp',
    });
    await pushOk(
      h.app,
      device.token,
      set.map((d, k) => interviewMutation(k + 1, d.interview, null)),
    );
  });
  afterAll(async () => {
    await close();
    await rm(dir, { recursive: true, force: true });
  });

  const run = (args: string[]) =>
    runCommand(
      exportEvaluationCommand(testDeps(db)),
      ['--from', PERIOD.from, '--to', PERIOD.to, '--admin', adminName, ...args],
      true,
    );
  const lastNames = () => [...new Set(set.map((d) => d.interview.identity.lastName))];

  it('writes the Annexe 8 file (mode 0600) and prints only the count and the path', async () => {
    const output = join(dir, 'evaluation.csv');
    const result = await run(['--output', output, '--bom']);
    expect(result.code).toBe(0);
    const rows = buildEvaluationRows(set, { period: PERIOD });
    expect(rows.length).toBeGreaterThan(5);
    const text = await readFile(output, 'utf8');
    expect(text).toBe(evaluationRowsToCsv(rows, { separator: ';', bom: true }));
    expect(text.split('\r\n')[0]).toBe(`\uFEFF${EVALUATION_HEADER.join(';')}`);
    expect(text.split('\r\n')).toHaveLength(rows.length + 2);
    expect((await stat(output)).mode & 0o777).toBe(0o600);
    expect(result.stdout).toBe(
      `wrote ${rows.length} interview row(s) for ${PERIOD.from} to ${PERIOD.to} to ${output} (mode 0600)\n`,
    );
    expect(lastNames().some((name) => result.stdout.includes(name))).toBe(false);
    const logged = await db.query<{ rows_written: number; pseudonymised: boolean }>(
      'SELECT rows_written, pseudonymised FROM admin_exports',
    );
    expect(logged.rows).toEqual([{ rows_written: rows.length, pseudonymised: false }]);
  });

  it('pseudonymises identities with HMAC-SHA-256 under the secret and removes free text', async () => {
    const secretFile = join(dir, 'secret');
    await writeFile(secretFile, `${SECRET}\n`, { mode: 0o600 });
    const output = join(dir, 'pseudonymised.csv');
    const result = await run(['--output', output, '--pseudonymise', '--secret-file', secretFile]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(', pseudonymised to ');
    const hmac = (v: string) => createHmac('sha256', SECRET).update(v).digest('hex');
    const rows = buildEvaluationRows(set, { period: PERIOD, pseudonymise: hmac });
    const text = await readFile(output, 'utf8');
    expect(text).toBe(evaluationRowsToCsv(rows, { separator: ';' }));
    const first = set.find((d) => d.interview.id === text.split('\r\n')[1]?.split(';')[0]);
    expect(first).toBeUndefined(); // the interview id is no longer in clear
    expect(rows[0]?.id_entretien).toMatch(/^[0-9a-f]{64}$/);
    expect(lastNames().some((name) => text.includes(name))).toBe(false);
    expect(text).not.toContain('Action de démonstration');
  });

  it('refuses to run without --output, and never prints the rows instead', async () => {
    const result = await run([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('--output is required');
    expect((await run(['--output', '-'])).stderr).toContain('the evaluation file is never printed');
  });

  it('never overwrites an existing file unless --force', async () => {
    const output = join(dir, 'existing.csv');
    await writeFile(output, 'do not lose me', { mode: 0o644 });
    const refused = await run(['--output', output]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already exists; add --force to replace it');
    expect(await readFile(output, 'utf8')).toBe('do not lose me');
    const forced = await run(['--output', output, '--force']);
    expect(forced.code).toBe(0);
    expect(await readFile(output, 'utf8')).toMatch(/^id_entretien;/);
    expect((await stat(output)).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it.each([
    [['--pseudonymise'], '--secret-file is required with --pseudonymise'],
    [['--secret-file', 'x'], '--secret-file applies to --pseudonymise only'],
    [['--separator', 'tab'], "--separator: expected ';' or ','"],
  ])('exits with code 2 on %j before writing anything', async (args, message) => {
    const output = join(dir, 'never.csv');
    const result = await run(['--output', output, ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    await expect(stat(output)).rejects.toThrow();
  });

  it('refuses a short secret and an --admin that is not an administrator', async () => {
    const secretFile = join(dir, 'short-secret');
    await writeFile(secretFile, 'too short', { mode: 0o600 });
    const output = join(dir, 'refused.csv');
    const short = await run(['--output', output, '--pseudonymise', '--secret-file', secretFile]);
    expect(short.stderr).toContain('--secret-file: expected a secret of at least 16 characters');
    await upsertProfessional(db, { name: 'Conseiller Export', role: 'pe-advisor', territory: 't' });
    const notAdmin = await runCommand(
      exportEvaluationCommand(testDeps(db)),
      [
        '--from',
        PERIOD.from,
        '--to',
        PERIOD.to,
        '--admin',
        'Conseiller Export',
        '--output',
        output,
      ],
      true,
    );
    expect(notAdmin.code).toBe(2);
    expect(notAdmin.stderr).toContain('--admin: expected the name of an account with role admin');
    await expect(stat(output)).rejects.toThrow();
  });
});
