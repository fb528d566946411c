import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/db/database';
import { enrollCommand, seedDemoCommand } from '../../../server/cli/server-commands';
import { runCli } from '../../../server/cli/run-cli';
import { ENGINES } from '../helpers/engines';
import { pullAll, startHarness, type Harness } from '../helpers/harness';

async function run(command: ReturnType<typeof enrollCommand>, args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await command(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readInput: async () => '',
  });
  return { code, stdout, stderr };
}

describe.each(ENGINES)('codiag enroll and seed-demo on $name', (engine) => {
  let db: Database;
  let h: Harness;
  let dispose: () => Promise<void>;
  const now = () => new Date('2026-03-02T08:00:00Z');

  beforeAll(async () => {
    const opened = await engine.open();
    db = opened.db;
    dispose = opened.dispose;
    h = await startHarness(db, { now });
  });
  afterAll(async () => {
    await h.app.close();
    await dispose();
  });

  // The commands close what they open: hand them the test database with a harmless close.
  const deps = () => ({ openDatabase: async () => ({ ...db, close: async () => undefined }), now });

  it('enrols a professional with a one-time code that a laptop exchanges, then seeds an agenda', async () => {
    const enrolled = await run(enrollCommand(deps()), [
      '--name',
      'Conseillère Démo CLI',
      '--role',
      'pe-advisor',
      '--territory',
      'cli-59',
    ]);
    expect(enrolled.code).toBe(0);
    const code = /enrolment code: ([A-Z0-9-]+)/.exec(enrolled.stdout)?.[1];
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(enrolled.stdout).toContain('2026-03-03T08:00:00.000Z');
    const stored = await db.query<{ code_hash: string }>('SELECT code_hash FROM enrolment_codes');
    expect(stored.rows.some((r) => r.code_hash.includes(code as string))).toBe(false);

    const seeded = await run(seedDemoCommand(deps()), [
      '--territory',
      'cli-59',
      '--count',
      '10',
      '--from',
      '2026-03-06',
    ]);
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toContain(
      'seeded 10 fake beneficiaries in territory cli-59, convoked from 2026-03-06 to 2026-03-09',
    );

    const answer = await h.app.inject({
      method: 'POST',
      url: '/enrol',
      payload: { code, deviceName: 'Poste CLI' },
    });
    expect(answer.statusCode).toBe(200);
    const { changes } = await pullAll(h.app, answer.json<{ token: string }>().token);
    const agenda = changes.flatMap((c) => (c.entityType === 'beneficiary' ? [c.payload] : []));
    expect(agenda).toHaveLength(10);
    expect(
      agenda.every((r) =>
        r.beneficiary.lastName.match(
          /^(Fictif|Exemple|Démo|Essai|Spécimen|Factice|Témoin|Modèle)-/,
        ),
      ),
    ).toBe(true);
    expect(agenda[8]?.convocation).toMatchObject({ date: '2026-03-09', time: '09:00' }); // Monday after Friday
  });

  it.each([
    [
      ['--name', 'X', '--role', 'boss', '--territory', 'cli-59'],
      '--role: expected one of pe-advisor, cd-professional, admin',
    ],
    [['--role', 'admin', '--territory', 'cli-59'], '--name is required'],
    [
      ['--name', 'X', '--role', 'admin', '--territory', 'Lille 59'],
      '--territory: expected a territory code',
    ],
  ])(
    'refuses bad options %j with exit code 2, before opening any database',
    async (args, message) => {
      let stdout = '';
      let stderr = '';
      const code = await runCli(['enroll', ...args], {
        stdout: (t) => (stdout += t),
        stderr: (t) => (stderr += t),
        readInput: async () => '',
      });
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(message);
    },
  );

  it('is listed in the codiag usage', async () => {
    let stdout = '';
    await runCli(['--help'], {
      stdout: (t) => (stdout += t),
      stderr: () => undefined,
      readInput: async () => '',
    });
    expect(stdout).toMatch(/enroll\s+create or update a professional/);
    expect(stdout).toMatch(/seed-demo\s+add fake beneficiaries/);
  });
});
