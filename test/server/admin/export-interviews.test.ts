/**
 * `codiag export-interviews` (issue 13, docs/interop.md) on PGlite and PostgreSQL: interviews of
 * fake people pushed through the sync API, exported by the command, and the file compared with
 * shared/interop's buildInterviewExport over the same interviews (the oracle), validated by the
 * zod schema and by the published JSON Schema. Then the whole program, spawned the way
 * `npm run codiag -- export-interviews` runs, on a PGlite data directory.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildInterviewExport,
  interviewExportJsonSchema,
  InterviewExportSchema,
} from '../../../shared/interop/interview-export';
import { loadReferential, NORD_2023 } from '../../../shared/referential';
import { upsertProfessional } from '../../../server/accounts/accounts';
import { demoInterviews, type DemoInterview } from '../../../server/cli/demo-interviews';
import { exportInterviewsCommand } from '../../../server/cli/export-interviews-command';
import type { Database } from '../../../server/db/database';
import { migrate } from '../../../server/db/migrations';
import { openPgliteDatabase } from '../../../server/db/pglite';
import { checkJsonSchema } from '../../shared/interop/json-schema-check';
import { ENGINES } from '../helpers/engines';
import {
  interviewMutation,
  pushOk,
  startHarness,
  uniqueTerritory,
  type Harness,
} from '../helpers/harness';
import { openHarness, runCommand, testDeps } from './cli-helpers';

const REPO = new URL('../../../', import.meta.url).pathname;
const PERIOD = { from: '2026-01-01', to: '2026-03-31' };
const NOW = new Date('2026-04-02T08:00:00Z');
const ONLY_NORD = (ref: { contentHash: string }) =>
  ref.contentHash === NORD_2023.contentHash ? NORD_2023 : undefined;

/** Two territories of generated interviews (drafts, absences, corrections included), pushed. */
async function seed(h: Harness, prefix: string) {
  const territories = [uniqueTerritory(`${prefix}-a`), uniqueTerritory(`${prefix}-b`)];
  const set: DemoInterview[] = [];
  for (const [k, territory] of territories.entries()) {
    const device = await h.enrol('cd-professional', territory);
    const interviews = demoInterviews({
      count: 60,
      seed: 21 + k,
      from: '2025-12-01',
      days: 150,
      territories: [territory],
      prefix: `${prefix}-${k}`,
    });
    await pushOk(
      h.app,
      device.token,
      interviews.map((d, n) => interviewMutation(n + 1, d.interview, null)),
    );
    set.push(...interviews);
  }
  return { territories, set };
}

function oracle(set: readonly DemoInterview[], territory: string | null) {
  return buildInterviewExport(set, {
    exportedAt: NOW.toISOString(),
    period: PERIOD,
    territory,
    referentials: ONLY_NORD,
  });
}

describe.each(ENGINES)('codiag export-interviews on $name', (engine) => {
  let db: Database;
  let h: Harness;
  let close: () => Promise<void>;
  let dir: string;
  let territories: string[];
  let set: DemoInterview[];
  const adminName = `Admin Interop ${engine.name}`;

  beforeAll(async () => {
    ({ db, h, close } = await openHarness(engine));
    dir = await mkdtemp(join(tmpdir(), 'codiag-interop-'));
    await upsertProfessional(db, { name: adminName, role: 'admin', territory: 'departement' });
    ({ territories, set } = await seed(h, `interop-${engine.name}`));
  });
  afterAll(async () => {
    await close();
    await rm(dir, { recursive: true, force: true });
  });

  const run = (args: string[]) =>
    runCommand(
      exportInterviewsCommand(testDeps(db, NOW)),
      ['--from', PERIOD.from, '--to', PERIOD.to, '--admin', adminName, ...args],
      true,
    );
  const lastNames = () => [...new Set(set.map((d) => d.interview.identity.lastName))];

  it('writes the document shared/interop builds (mode 0600), valid against both schemas', async () => {
    const output = join(dir, 'all.json');
    const result = await run(['--output', output]);
    expect(result.code).toBe(0);
    const expected = oracle(set, null);
    expect(expected.document.interviews.length).toBeGreaterThan(40);
    expect(expected.leftOut.superseded).toBeGreaterThan(0);
    const written: unknown = JSON.parse(await readFile(output, 'utf8'));
    expect(written).toEqual(expected.document);
    expect(InterviewExportSchema.parse(written)).toEqual(written);
    expect(checkJsonSchema(interviewExportJsonSchema(), written)).toEqual([]);
    expect((await stat(output)).mode & 0o777).toBe(0o600);
    const { notClosed, noDecision, superseded } = expected.leftOut;
    expect(result.stdout).toBe(
      `wrote ${expected.document.interviews.length} closed interview(s) for ${PERIOD.from} to ` +
        `${PERIOD.to} to ${output} (mode 0600)\n` +
        `left out: ${notClosed} not closed, ${noDecision} closed without a decision (person ` +
        `absent), ${superseded} superseded by a correction\n`,
    );
    expect(lastNames().some((name) => result.stdout.includes(name))).toBe(false);
  });

  it('keeps one territory with --territory, and logs each export without a row', async () => {
    const [territory] = territories as [string];
    const output = join(dir, 'one.json');
    const before = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM admin_exports WHERE kind = 'interviews'",
    );
    const result = await run(['--output', output, '--territory', territory]);
    expect(result.code).toBe(0);
    const expected = oracle(
      set.filter((d) => d.territory === territory),
      territory,
    );
    const written = JSON.parse(await readFile(output, 'utf8')) as typeof expected.document;
    expect(written).toEqual(expected.document);
    expect(written.interviews.every((i) => i.interview.territory === territory)).toBe(true);
    expect(result.stdout).toContain(`(territory ${territory})`);
    const logged = await db.query<{
      kind: string;
      territory: string | null;
      rows_written: number;
      pseudonymised: boolean;
    }>(
      `SELECT kind, territory, rows_written, pseudonymised FROM admin_exports
       WHERE kind = 'interviews' ORDER BY created_at, id`,
    );
    expect(logged.rows).toHaveLength((before.rows[0]?.n ?? NaN) + 1);
    expect(logged.rows).toContainEqual({
      kind: 'interviews',
      territory,
      rows_written: expected.document.interviews.length,
      pseudonymised: false,
    });
  });

  it('never prints the document and never replaces a file unless --force', async () => {
    const missing = await run([]);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('--output is required');
    expect((await run(['--output', '-'])).stderr).toContain(
      'the interview export is never printed',
    );
    const output = join(dir, 'existing.json');
    await writeFile(output, 'do not lose me', { mode: 0o644 });
    const refused = await run(['--output', output]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already exists; add --force to replace it');
    expect(await readFile(output, 'utf8')).toBe('do not lose me');
    expect((await run(['--output', output, '--force'])).code).toBe(0);
    expect(JSON.parse(await readFile(output, 'utf8'))).toMatchObject({
      format: 'codiag.interview-export',
      version: '1.0',
    });
    expect((await stat(output)).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it.each([
    [['--from', '2026-04-01'], '--from'],
    [['--to', '2026-02-30'], '--to'],
    [['--admin', 'Personne Inconnue'], '--admin: expected the name of an account with role admin'],
    [['--output', '/nonexistent-dir/x.json'], '--output: the directory /nonexistent-dir'],
  ])('exits 2 on %j, naming the option, and writes nothing', async (args, message) => {
    const output = join(dir, 'never.json');
    const result = await runCommand(
      exportInterviewsCommand(testDeps(db, NOW)),
      ['--from', PERIOD.from, '--to', PERIOD.to, '--admin', adminName, '--output', output, ...args],
      true,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    await expect(stat(output)).rejects.toThrow();
  });

  it('refuses a decision made under a référentiel the server does not know, naming no one', async () => {
    // A référentiel version that was never published here: its interviews cannot be explained.
    const unknown = loadReferential({ ...structuredClone(NORD_2023), version: '9.9.9' });
    const territory = uniqueTerritory('interop-unknown');
    const device = await h.enrol('cd-professional', territory);
    const exported = oracle(set, null).document.interviews[0];
    const source = set.find((x) => x.interview.id === exported?.interview.id);
    if (source?.interview.decision == null) throw new Error('expected an exported interview');
    const interview = structuredClone(source.interview);
    interview.id = `${interview.id}-unknown-ref`;
    const computed = { ...source.interview.decision.computed };
    computed.referentialVersion = unknown.version;
    computed.referentialHash = unknown.contentHash;
    interview.decision = { ...source.interview.decision, computed };
    await pushOk(h.app, device.token, [interviewMutation(1, interview, null)]);
    const output = join(dir, 'unknown-ref.json');
    await expect(run(['--output', output, '--territory', territory])).rejects.toThrow(
      /^cannot export: .*decision\.computed\.referentialVersion: expected a référentiel version known here/,
    );
    await expect(stat(output)).rejects.toThrow();
    const logged = await db.query('SELECT 1 FROM admin_exports WHERE territory = $1', [territory]);
    expect(logged.rows).toEqual([]);
  });
});

describe('npm run codiag -- export-interviews, as a program on a PGlite data directory', () => {
  let dir: string;
  let set: DemoInterview[];
  const adminName = 'Admin Programme Interop';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'codiag-interop-program-'));
    const db = await openPgliteDatabase({ dataDir: join(dir, 'data') });
    try {
      await migrate(db);
      const h = await startHarness(db);
      await upsertProfessional(db, { name: adminName, role: 'admin', territory: 'departement' });
      ({ set } = await seed(h, 'interop-program'));
      await h.app.close();
    } finally {
      await db.close();
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the export file and prints the counts, exit 0', async () => {
    const output = join(dir, 'export.json');
    const env: NodeJS.ProcessEnv = { ...process.env, CODIAG_DATA_DIR: join(dir, 'data') };
    delete env.DATABASE_URL;
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/cli/main.ts',
        'export-interviews',
        '--from',
        PERIOD.from,
        '--to',
        PERIOD.to,
        '--admin',
        adminName,
        '--output',
        output,
      ],
      { cwd: REPO, env },
    );
    expect(stderr).toBe('');
    const written = InterviewExportSchema.parse(JSON.parse(await readFile(output, 'utf8')));
    const expected = oracle(set, null).document;
    // exportedAt is the program's clock: everything else is the oracle's.
    expect({ ...written, exportedAt: expected.exportedAt }).toEqual(expected);
    expect(Date.parse(written.exportedAt)).toBeGreaterThan(NOW.getTime());
    expect(stdout).toContain(`wrote ${expected.interviews.length} closed interview(s)`);
  });
});
