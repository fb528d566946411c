import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../../shared/services';
import { importServicesCommand } from '../../../server/cli/import-services-command';
import type { Database } from '../../../server/db/database';
import { ENGINES } from '../helpers/engines';
import { pullAll, startHarness, uniqueTerritory, type Harness } from '../helpers/harness';
import { serviceInput } from '../../shared/services/fixtures';
import { runCommand, testDeps } from './cli-helpers';

const GOOD = [
  serviceInput({
    id: 'imp--auto-ecole',
    nom: 'Auto-école sociale (fictive)',
    thematiques: ['mobilite--preparer-un-permis'],
    zone_eligibilite: ['59599'],
    volume_horaire_hebdomadaire: 6,
    nombre_semaines: 10,
  }),
  serviceInput({
    id: 'imp--creche',
    source: 'autre-source',
    nom: 'Crèche à vocation d’insertion (fictive)',
    thematiques: ['famille--garde-denfants'],
    zone_eligibilite: ['59'],
  }),
];

/** One row per line, so that the reported lines are easy to read here. */
const jsonCatalogue = (rows: unknown[]) =>
  `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`;

const CSV = [
  'id;structure_id;source;nom;description;date_maj;thematiques;zone_eligibilite;volume_horaire_hebdomadaire',
  `csv--atelier-numerique;s1;csv;Atelier numérique (fictif);${'Un atelier fictif pour apprendre les usages numériques du quotidien, gratuit.'};2025-03-01;numerique|numerique--maitriser-les-fondamentaux-du-numerique;59599;2,5`,
  `csv--mauvaise-zone;s1;csv;Zone fausse;${'Une description de service fictive, assez longue pour passer la limite de 50.'};2025-03-01;numerique;Tourcoing;`,
  'csv--trop-court;s1;csv;Trop court',
].join('\r\n');

describe.each(ENGINES)('codiag import-services on $name', (engine) => {
  let db: Database;
  let h: Harness;
  let dispose: () => Promise<void>;
  let files: Record<string, string>;

  beforeAll(async () => {
    const opened = await engine.open();
    db = opened.db;
    dispose = opened.dispose;
    h = await startHarness(db);
    files = {};
  });
  afterAll(async () => {
    await h.app.close();
    await dispose();
  });

  const importFile = (name: string, text: string, args: string[] = []) => {
    files[name] = text;
    return runCommand(importServicesCommand(testDeps(db)), [name, ...args], true, async (path) => {
      const found = files[path];
      if (found === undefined) throw new Error('ENOENT');
      return found;
    });
  };
  const stored = async () =>
    (
      await db.query<{ source: string; id: string; revision: number }>(
        'SELECT source, id, revision FROM services ORDER BY source, id',
      )
    ).rows;

  it('imports the valid rows of a JSON catalogue, reports the others by line and field (exit 3), and laptops pull them', async () => {
    const bad = [
      serviceInput({ id: 'imp--nom-court', nom: 'AB' }),
      serviceInput({ id: 'imp--public-inconnu', publics: ['tous-publics', 'femmes'] }),
    ];
    const result = await importFile(
      'catalogue.json',
      jsonCatalogue([GOOD[0], bad[0], GOOD[1], bad[1]]),
    );
    expect(result.code).toBe(3);
    // Both zones are in the Nord (59599, 59): its communes are published with the services.
    expect(result.stdout).toBe(
      'imported 2 service(s): 2 new, 0 updated, 0 unchanged; rejected 2 row(s); published the communes of 1 département(s)\n',
    );
    expect(result.stderr).toContain(
      'line 3 (id imp--nom-court): nom: expected 3 to 150 characters',
    );
    expect(result.stderr).toContain('line 5 (id imp--public-inconnu): publics');
    expect(await stored()).toEqual([
      { source: 'autre-source', id: 'imp--creche', revision: 1 },
      { source: 'test', id: 'imp--auto-ecole', revision: 1 },
    ]);

    // Any territory's laptop pulls the whole catalogue as 'service' changes.
    const laptop = await h.enrol('cd-professional', uniqueTerritory('svc'));
    const { changes } = await pullAll(h.app, laptop.token);
    const services = changes.flatMap((c) => (c.entityType === 'service' ? [c] : []));
    expect(services.map((c) => [c.entityId, c.revision])).toEqual([
      ['test:imp--auto-ecole', 1],
      ['autre-source:imp--creche', 1],
    ]);
    expect(services[0]?.payload).toMatchObject({
      nom: 'Auto-école sociale (fictive)',
      volume_horaire_hebdomadaire: 6,
      nombre_semaines: 10,
    } satisfies Partial<Service>);
    // The Nord's communes with their postcodes, before the services.
    expect(changes.findIndex((c) => c.entityType === 'communes')).toBeLessThan(
      changes.findIndex((c) => c.entityType === 'service'),
    );
    const nord = changes.find((c) => c.entityType === 'communes');
    if (nord?.entityType !== 'communes') throw new Error('expected the Nord’s communes');
    expect(nord.entityId).toBe('59');
    expect(nord.payload.communes.length).toBeGreaterThan(600);
    expect(nord.payload.communes).toContainEqual({
      code: '59599',
      nom: 'Tourcoing',
      codesPostaux: ['59200'],
    });
    expect(nord.payload.communes.every((c) => c.code.startsWith('59'))).toBe(true);
  });

  it('changes nothing on re-import; a changed row gets a new revision that laptops pull', async () => {
    const laptop = await h.enrol('pe-advisor', uniqueTerritory('svc'));
    const before = await pullAll(h.app, laptop.token);

    const again = await importFile('same.json', jsonCatalogue(GOOD));
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(
      'imported 2 service(s): 0 new, 0 updated, 2 unchanged; rejected 0 row(s)\n',
    );
    expect((await pullAll(h.app, laptop.token, before.cursor)).changes).toEqual([]);

    const changed = await importFile(
      'changed.json',
      jsonCatalogue([{ ...GOOD[0], volume_horaire_hebdomadaire: 8 }, GOOD[1]]),
    );
    expect(changed.stdout).toBe(
      'imported 2 service(s): 0 new, 1 updated, 1 unchanged; rejected 0 row(s)\n',
    );
    const after = await pullAll(h.app, laptop.token, before.cursor);
    expect(after.changes).toMatchObject([
      {
        entityType: 'service',
        entityId: 'test:imp--auto-ecole',
        revision: 2,
        payload: { volume_horaire_hebdomadaire: 8 },
      },
    ]);
  });

  it('imports a CSV catalogue (; and decimal comma), naming the rejected rows by line and field', async () => {
    const result = await importFile('catalogue.csv', CSV);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('imported 1 service(s): 1 new');
    expect(result.stderr).toContain(
      'line 3 (id csv--mauvaise-zone): zone_eligibilite[0]: expected a commune code',
    );
    expect(result.stderr).toContain(
      'line 4 (id csv--trop-court): (row): expected 9 fields as in the header, got 4',
    );
    const row = await db.query<{ payload: Service }>(
      "SELECT payload FROM services WHERE source = 'csv' AND id = 'csv--atelier-numerique'",
    );
    expect(row.rows[0]?.payload.volume_horaire_hebdomadaire).toBe(2.5);
  });

  it('withdraws, with --withdraw-missing, the services of the file’s sources it does not hold; laptops pull the withdrawal; a service back is in the catalogue again', async () => {
    const laptop = await h.enrol('cd-professional', uniqueTerritory('svc'));
    const row = (id: string, source = 'retraits') => serviceInput({ id, source });
    await importFile(
      'complet.json',
      jsonCatalogue(
        ['a', 'b', 'c', 'd'].map((id) => row(`r--${id}`)).concat(row('r--e', 'autre-retraits')),
      ),
    );
    const before = await pullAll(h.app, laptop.token);
    const withdrawal = (id: string) =>
      db.query<{ withdrawn_on: string | null; revision: number }>(
        'SELECT withdrawn_on::text AS withdrawn_on, revision FROM services WHERE id = $1',
        [id],
      );

    // b is gone from the source, c changed, d is rejected (still in the source), e is another
    // source (not in this file at all).
    const result = await importFile(
      'retraits.json',
      jsonCatalogue([
        row('r--a'),
        { ...row('r--c'), nom: 'Service c renommé' },
        { ...row('r--d'), nom: 'D' },
      ]),
      ['--withdraw-missing'],
    );
    expect(result.code).toBe(3);
    expect(result.stdout).toBe(
      'imported 2 service(s): 0 new, 1 updated, 1 unchanged; rejected 1 row(s); withdrew 1 service(s) missing from the file\n',
    );
    expect((await withdrawal('r--b')).rows).toEqual([{ withdrawn_on: '2026-04-02', revision: 2 }]);
    for (const kept of ['r--a', 'r--d', 'r--e']) {
      expect((await withdrawal(kept)).rows[0]?.withdrawn_on).toBeNull();
    }
    const after = await pullAll(h.app, laptop.token, before.cursor);
    expect(after.changes.map((c) => [c.entityId, c.revision, c.payload])).toEqual([
      ['retraits:r--c', 2, expect.objectContaining({ nom: 'Service c renommé' })],
      [
        'retraits:r--b',
        2,
        { source: 'retraits', id: 'r--b', withdrawn: true, withdrawnOn: '2026-04-02' },
      ],
    ]);

    // The same file again withdraws nothing more.
    const again = await importFile(
      'retraits-2.json',
      jsonCatalogue([row('r--a'), row('r--c'), row('r--d')]),
      ['--withdraw-missing'],
    );
    expect(again.stdout).toContain('; withdrew 0 service(s) missing from the file');

    // b is back (unchanged content): in the catalogue again, as a new revision.
    const back = await importFile('retour.json', jsonCatalogue([row('r--b')]));
    expect(back.stdout).toBe(
      'imported 1 service(s): 0 new, 1 updated, 0 unchanged; rejected 0 row(s)\n',
    );
    expect((await withdrawal('r--b')).rows).toEqual([{ withdrawn_on: null, revision: 3 }]);
    const last = await pullAll(h.app, laptop.token, after.cursor);
    expect(last.changes.find((c) => c.entityId === 'retraits:r--b')).toMatchObject({
      revision: 3,
      payload: { id: 'r--b', nom: 'Service r--b' },
    });
  });

  it('publishes the EPCIs that zones name, with their communes (laptops match them offline), once; an EPCI unknown to the table is reported', async () => {
    const laptop = await h.enrol('pe-advisor', uniqueTerritory('svc'));
    const before = await pullAll(h.app, laptop.token);
    const inMel = serviceInput({
      id: 'epci--mel',
      source: 'epci',
      zone_eligibilite: ['200093201'],
    });
    const unknown = serviceInput({
      id: 'epci--inconnue',
      source: 'epci',
      zone_eligibilite: ['999999999', '59'],
    });
    const result = await importFile('epci.json', jsonCatalogue([inMel, unknown]));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'imported 2 service(s): 2 new, 0 updated, 0 unchanged; rejected 0 row(s); published 1 EPCI(s) their zones name\n',
    );
    expect(result.stderr).toBe(
      'zone_eligibilite: EPCI 999999999 is not in the table of intercommunalités (@etalab/decoupage-administratif); its services are matched by their other zone codes only\n',
    );
    const after = await pullAll(h.app, laptop.token, before.cursor);
    expect(after.changes.map((c) => [c.entityType, c.entityId])).toEqual([
      ['epci', '200093201'],
      ['service', 'epci:epci--mel'],
      ['service', 'epci:epci--inconnue'],
    ]);
    const mel = after.changes[0];
    if (mel?.entityType !== 'epci') throw new Error('expected the EPCI first');
    expect(mel.payload.nom).toBe('Métropole Européenne de Lille');
    expect(mel.payload.communes).toEqual(expect.arrayContaining(['59599', '59350', '59512']));
    expect(mel.payload.communes).not.toContain('62041');

    // Imported again: the EPCI is not published twice.
    const again = await importFile(
      'epci-2.json',
      jsonCatalogue([{ ...inMel, nom: 'Service MEL renommé' }]),
    );
    expect(again.stdout).toBe(
      'imported 1 service(s): 0 new, 1 updated, 0 unchanged; rejected 0 row(s)\n',
    );
    const last = await pullAll(h.app, laptop.token, after.cursor);
    expect(last.changes.map((c) => [c.entityType, c.entityId])).toEqual([
      ['service', 'epci:epci--mel'],
    ]);
  });

  it('refuses --withdraw-missing when a rejected row has no id (what the file holds is unknown), importing nothing', async () => {
    const before = await stored();
    const { id: _id, ...noId } = serviceInput({ id: 'r--sans-id', source: 'retraits' });
    const result = await importFile(
      'sans-id.json',
      jsonCatalogue([serviceInput({ id: 'r--nouveau', source: 'retraits' }), noId]),
      ['--withdraw-missing'],
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--withdraw-missing: line 3 is rejected and has no id');
    expect(await stored()).toEqual(before);
  });

  it.each([
    ['broken.json', '[{"id": ', [], 'broken.json: line 1: (file): not valid JSON'],
    ['object.json', '{"id": "x"}', [], '(file): expected a JSON array of services'],
    [
      'no-columns.csv',
      'id;nom\r\nx;Un nom\r\n',
      [],
      '(header): missing column(s) structure_id, source, description, date_maj',
    ],
    ['empty.json', '[]', [], 'empty.json: no service rows'],
    ['catalogue.txt', '[]', [], '--format: expected json or csv'],
    ['catalogue.json', '[]', ['--format', 'xml'], '--format: expected one of json, csv'],
  ])('exits with code 2 and imports nothing from %s', async (name, text, args, message) => {
    const before = await stored();
    const result = await importFile(name, text, args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(await stored()).toEqual(before);
  });
});
