import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBeneficiary, seededRandom } from '../../../shared/demo/fake-people';
import type { RdspDeclaration } from '../../../shared/interop/rdsp';
import { putBeneficiaries } from '../../../server/admin/admin-service';
import { importRdspCommand } from '../../../server/cli/import-rdsp-command';
import type { Database } from '../../../server/db/database';
import { ENGINES } from '../helpers/engines';
import { pullAll, startHarness, uniqueTerritory, type Harness } from '../helpers/harness';
import { runCommand, testDeps } from './cli-helpers';

const jsonLines = (rows: unknown[]) => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;

let people = 0;

describe.each(ENGINES)('codiag import-rdsp on $name', (engine) => {
  let db: Database;
  let h: Harness;
  let dispose: () => Promise<void>;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    const opened = await engine.open();
    db = opened.db;
    dispose = opened.dispose;
    h = await startHarness(db);
  });
  afterAll(async () => {
    await h.app.close();
    await dispose();
  });

  /** Fake beneficiaries with a convocation in a new territory; returns their ids. */
  async function seedPeople(territory: string, count: number): Promise<string[]> {
    const random = seededRandom(people + 1);
    const records = Array.from({ length: count }, (_, i) => {
      people += 1;
      const beneficiary = fakeBeneficiary(random, i, '2026-04-01');
      return {
        beneficiary: { ...beneficiary, id: `rdsp-${engine.name}-${people}` },
        convocation: { date: '2026-04-10', time: '09:30', place: 'Agence fictive' },
      };
    });
    await putBeneficiaries(db, { territory, records });
    return records.map((r) => r.beneficiary.id);
  }

  const declaration = (beneficiaryId: string): RdspDeclaration => ({
    beneficiaryId,
    declaredOn: '2026-03-20',
    answers: {
      maritalStatus: 'single',
      dependentChildren: 2,
      childrenUnder3: 1,
      workSituation: 'job-seeking',
      lastJobDate: '2025-06-30',
      educationLevel: 'NV4',
      franceTravailRegistered: true,
    },
  });

  const importFile = (name: string, text: string) => {
    files[name] = text;
    return runCommand(importRdspCommand(testDeps(db)), [name], true, async (path) => {
      const found = files[path];
      if (found === undefined) throw new Error('ENOENT');
      return found;
    });
  };
  const storedDeclarations = async (ids: readonly string[]) =>
    (
      await db.query<{ entity_id: string; revision: number; territory: string }>(
        `SELECT entity_id, revision, territory FROM records
         WHERE entity_type = 'rdsp-declaration' AND entity_id = ANY($1::text[])
         ORDER BY entity_id`,
        [ids],
      )
    ).rows;

  it('imports a good file and the laptops of the territory pull each declaration', async () => {
    const territory = uniqueTerritory('rdsp');
    const ids = await seedPeople(territory, 2);
    const [first, second] = ids as [string, string];
    const result = await importFile(
      'good.jsonl',
      jsonLines([
        declaration(first),
        { ...declaration(second), answers: { educationLevel: 'CFG' } },
      ]),
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe('imported 2 declaration(s): 2 new, 0 updated, 0 unchanged\n');
    expect(await storedDeclarations(ids)).toEqual(
      ids.map((id) => ({ entity_id: id, revision: 1, territory })),
    );

    const laptop = await h.enrol('pe-advisor', territory);
    const pulled = (await pullAll(h.app, laptop.token)).changes.filter(
      (c) => c.entityType === 'rdsp-declaration',
    );
    expect(pulled.map((c) => c.payload)).toEqual([
      declaration(first),
      { ...declaration(second), answers: { educationLevel: 'CFG' } },
    ]);
    const elsewhere = await h.enrol('pe-advisor', uniqueTerritory('rdsp-other'));
    const other = (await pullAll(h.app, elsewhere.token)).changes;
    expect(other.filter((c) => ids.includes(c.entityId))).toEqual([]);
  });

  it('re-importing the same file changes nothing; a changed declaration gets a new revision', async () => {
    const territory = uniqueTerritory('rdsp');
    const ids = await seedPeople(territory, 2);
    const [first, second] = ids as [string, string];
    const text = jsonLines([declaration(first), declaration(second)]);
    expect((await importFile('once.jsonl', text)).code).toBe(0);
    const laptop = await h.enrol('cd-professional', territory);
    const before = await pullAll(h.app, laptop.token);

    const again = await importFile('once.jsonl', text);
    expect(again.stdout).toBe('imported 2 declaration(s): 0 new, 0 updated, 2 unchanged\n');
    expect((await pullAll(h.app, laptop.token, before.cursor)).changes).toEqual([]);
    expect((await storedDeclarations(ids)).map((r) => r.revision)).toEqual([1, 1]);

    const changed = jsonLines([
      declaration(first),
      { ...declaration(second), answers: { ...declaration(second).answers, dependentChildren: 3 } },
    ]);
    expect((await importFile('changed.jsonl', changed)).stdout).toBe(
      'imported 2 declaration(s): 0 new, 1 updated, 1 unchanged\n',
    );
    const after = await pullAll(h.app, laptop.token, before.cursor);
    expect(after.changes.map((c) => [c.entityType, c.entityId, c.revision])).toEqual([
      ['rdsp-declaration', second, 2],
    ]);
  });

  it('a file with bad lines lists every error with its line and field, and imports nothing (exit 2)', async () => {
    const territory = uniqueTerritory('rdsp');
    const ids = await seedPeople(territory, 2);
    const [first, second] = ids as [string, string];
    const lines = [
      JSON.stringify(declaration(first)),
      '{"beneficiaryId": "oops"',
      JSON.stringify({ ...declaration(second), answers: { workSituation: 'astronaut' } }),
      '',
      JSON.stringify({ ...declaration('unknown-person-1'), declaredOn: '2026-03-20' }),
      JSON.stringify({
        ...declaration(second),
        answers: { dependentChildren: 1, childrenUnder3: 2, lastJobDate: '2026-12-01' },
      }),
      JSON.stringify({ ...declaration(first), extra: 1 }),
    ];
    const result = await importFile('bad.jsonl', `${lines.join('\n')}\n`);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const reported = result.stderr.split('\n').filter((l) => l.startsWith('line '));
    expect(reported.map((l) => l.split(':').slice(0, 2).join(':'))).toEqual([
      'line 2: (line)',
      'line 3: answers.workSituation',
      'line 5: beneficiaryId',
      'line 6: answers.childrenUnder3',
      'line 6: answers.lastJobDate',
      'line 7: (root)',
    ]);
    expect(reported[2]).toContain('expected the id of a beneficiary the server knows');
    expect(reported[3]).toContain('expected at most dependentChildren (1)');
    expect(result.stderr).toContain('nothing imported');
    // Never a value in the report: the unknown work situation is not echoed.
    expect(result.stderr).not.toContain('astronaut');
    expect(await storedDeclarations(ids)).toEqual([]);
  });

  it('a beneficiary declared twice in one file is an error on the later line', async () => {
    const territory = uniqueTerritory('rdsp');
    const [only] = (await seedPeople(territory, 1)) as [string];
    const result = await importFile(
      'twice.jsonl',
      jsonLines([declaration(only), { ...declaration(only), answers: {} }]),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'line 2: beneficiaryId: expected one declaration per beneficiary (already on line 1)',
    );
    expect(await storedDeclarations([only])).toEqual([]);
  });

  it('an empty file is refused', async () => {
    const result = await importFile('empty.jsonl', '\n\n');
    expect(result).toMatchObject({ code: 2 });
    expect(result.stderr).toContain('no declaration lines; nothing imported');
  });
});
