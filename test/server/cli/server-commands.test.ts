import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/db/database';
import {
  devicesCommand,
  enrollCommand,
  rejectedCommand,
  revokeDeviceCommand,
  seedDemoCommand,
} from '../../../server/cli/server-commands';
import { runCli } from '../../../server/cli/run-cli';
import { ENGINES } from '../helpers/engines';
import {
  interviewMutation,
  pull,
  pullAll,
  pushOk,
  startHarness,
  testInterview,
  uniqueTerritory,
  type Harness,
} from '../helpers/harness';

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

  it('lists the devices of a territory and revokes one: its token is refused, the others work', async () => {
    const territory = uniqueTerritory('revoke');
    const lost = await h.enrol('pe-advisor', territory);
    const kept = await h.enrol('cd-professional', territory);
    await pull(h.app, lost.token, null);

    const listed = await run(devicesCommand(deps()), ['--territory', territory, '--json']);
    expect(listed.code).toBe(0);
    const devices = JSON.parse(listed.stdout) as { id: string; revokedAt: string | null }[];
    expect(devices.map((d) => d.id).sort()).toEqual([lost.deviceId, kept.deviceId].sort());
    expect(devices.every((d) => d.revokedAt === null)).toBe(true);
    expect(listed.stdout).not.toContain(lost.token);

    const revoked = await run(revokeDeviceCommand(deps()), [lost.deviceId]);
    expect(revoked).toMatchObject({ code: 0, stderr: '' });
    expect(revoked.stdout).toContain(`device ${lost.deviceId} revoked`);
    const refused = await h.app.inject({
      method: 'POST',
      url: '/sync/pull',
      headers: { authorization: `Bearer ${lost.token}` },
      payload: { cursor: null },
    });
    expect(refused.statusCode).toBe(401);
    expect((await pull(h.app, kept.token, null)).changes).toBeDefined();

    const again = await run(revokeDeviceCommand(deps()), [lost.deviceId]);
    expect(again.stdout).toContain('was already revoked');
    const text = await run(devicesCommand(deps()), ['--territory', territory]);
    expect(text.stdout).toMatch(/^2 device\(s\)\n/);
    expect(text.stdout).toContain(`REVOKED ${now().toISOString()}`);

    const unknown = await run(revokeDeviceCommand(deps()), ['dev_nobody']);
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toContain('no device dev_nobody');
  });

  it('lists the rejected mutations kept in quarantine, per territory, with field paths and never a value', async () => {
    const territory = uniqueTerritory('quarantine');
    const laptop = await h.enrol('cd-professional', territory);
    const elsewhere = await h.enrol('pe-advisor', uniqueTerritory('quarantine'));
    const interview = testInterview(7, `itw-${territory}`);
    const broken = { ...interview, identity: { ...interview.identity, birthDate: 'Fictif-1988' } };
    const answer = await pushOk(h.app, laptop.token, [
      { ...interviewMutation(1, interview, null), payload: broken },
      interviewMutation(2, interview, null),
    ]);
    expect(answer.results.map((r) => r.status)).toEqual(['rejected', 'applied']);
    await pushOk(h.app, elsewhere.token, [
      { ...interviewMutation(1, interview, null), entityType: 'household' },
    ]);

    const listed = await run(rejectedCommand(deps()), ['--territory', territory, '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([
      {
        receivedAt: now().toISOString(),
        deviceId: laptop.deviceId,
        deviceName: expect.any(String),
        professional: expect.stringMatching(/^Professionnel Démo/),
        territory,
        mutationId: 1,
        entityType: 'interview',
        entityId: interview.id,
        reason: [
          { path: 'payload.identity.birthDate', message: 'expected a date as YYYY-MM-DD' },
          { path: 'payload.identity.birthDate', message: 'expected a real calendar date' },
        ],
      },
    ]);
    const text = await run(rejectedCommand(deps()), ['--territory', territory]);
    expect(text.stdout).toMatch(/^1 rejected mutation\(s\) in quarantine\n/);
    expect(text.stdout).toContain(
      `mutation 1  interview ${interview.id}  payload.identity.birthDate: `,
    );
    expect(text.stdout + listed.stdout).not.toContain('Fictif-1988');
    // Without --territory, every territory's.
    const all = await run(rejectedCommand(deps()), ['--json']);
    const devices = (JSON.parse(all.stdout) as { deviceId: string }[]).map((r) => r.deviceId);
    expect(devices).toEqual(expect.arrayContaining([laptop.deviceId, elsewhere.deviceId]));
    await expect(run(rejectedCommand(deps()), ['--territory', 'Nord !'])).rejects.toThrow(
      '--territory: expected a territory code',
    );
  });

  it('is listed in the codiag usage', async () => {
    let stdout = '';
    await runCli(['--help'], {
      stdout: (t) => (stdout += t),
      stderr: () => undefined,
      readInput: async () => '',
    });
    expect(stdout).toMatch(/enroll\s+create or update a professional/);
    expect(stdout).toMatch(/seed-demo\s+add fake beneficiaries/);
    expect(stdout).toMatch(/revoke-device\s+revoke a lost or stolen laptop/);
  });
});
