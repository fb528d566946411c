import { describe, expect, it } from 'vitest';
import { classifyZoneCode, parseServiceCatalogue, ServiceSchema } from '../../../shared/services';
import { toCsv } from '../../../shared/util/csv';
import { CATALOGUE, serviceInput } from './fixtures';

const GOOD = serviceInput({ id: 'good-1', thematiques: ['mobilite'], zone_eligibilite: ['59'] });

describe('ServiceSchema (data.inclusion v1)', () => {
  it('accepts every service of the test catalogue', () => {
    for (const s of CATALOGUE) expect(ServiceSchema.safeParse(s).success, s.id).toBe(true);
  });

  it.each([
    ['nom too short', { nom: 'ab' }, 'nom'],
    ['nom too long', { nom: 'x'.repeat(151) }, 'nom'],
    ['description too short', { description: 'Trop court.' }, 'description'],
    ['description too long', { description: 'x'.repeat(2001) }, 'description'],
    ['date_maj not a date', { date_maj: '14/02/2025' }, 'date_maj'],
    ['date_maj before 2000', { date_maj: '1999-12-31' }, 'date_maj'],
    ['an unknown mode d’accueil', { modes_accueil: ['sur-la-lune'] }, 'modes_accueil[0]'],
    ['an unknown public', { publics: ['tout-le-monde'] }, 'publics[0]'],
    ['tous-publics with another', { publics: ['tous-publics', 'femmes'] }, 'publics'],
    ['a malformed thématique', { thematiques: ['Mobilité'] }, 'thematiques[0]'],
    ['a thématique with three dashes', { thematiques: ['mobilite---x'] }, 'thematiques[0]'],
    ['a zone that is no code', { zone_eligibilite: ['Tourcoing'] }, 'zone_eligibilite[0]'],
    ['département 20', { zone_eligibilite: ['20'] }, 'zone_eligibilite[0]'],
    ['an empty zone list', { zone_eligibilite: [] }, 'zone_eligibilite'],
    ['a bad e-mail', { courriel: 'pas-un-courriel' }, 'courriel'],
    ['a javascript link', { lien_mobilisation: 'javascript:alert(1)' }, 'lien_mobilisation'],
    ['negative weekly hours', { volume_horaire_hebdomadaire: -1 }, 'volume_horaire_hebdomadaire'],
    ['zero weeks', { nombre_semaines: 0 }, 'nombre_semaines'],
    ['a bad postcode', { code_postal: '592' }, 'code_postal'],
    ['a missing source', { source: '' }, 'source'],
  ])('refuses %s', (_name, overrides, path) => {
    const result = ServiceSchema.safeParse({ ...GOOD, ...overrides });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.map(String).join('.'))).toContainEqual(
      path.replace(/\[(\d+)\]/g, '.$1'),
    );
  });

  it.each([
    ['59599', 'commune'],
    ['2A004', 'commune'],
    ['97411', 'commune'],
    ['200093201', 'epci'],
    ['59', 'departement'],
    ['2B', 'departement'],
    ['974', 'departement'],
    ['france', 'france'],
    ['99100', 'france'],
    ['99134', 'country'],
    ['20', null],
    ['Lille', null],
  ])('reads the zone code %s as %s', (code, kind) => {
    expect(classifyZoneCode(code)).toBe(kind);
  });
});

const CSV_HEADER = [
  'id',
  'structure_id',
  'source',
  'nom',
  'description',
  'date_maj',
  'thematiques',
  'zone_eligibilite',
  'volume_horaire_hebdomadaire',
  'nombre_semaines',
];
const DESC = GOOD.description;

describe('parseServiceCatalogue', () => {
  it('imports a JSON array, reporting bad rows with their line and field, keeping the good ones', () => {
    const text = JSON.stringify(
      [
        GOOD,
        { ...GOOD, id: 'bad-nom', nom: 'ab' },
        { ...GOOD, id: 'good-2' },
        { ...GOOD, id: 'bad-two', description: 'court', modes_accueil: ['partout'] },
        'not an object',
        { ...GOOD, id: 'good-1' },
      ],
      null,
      2,
    );
    // Each element starts on the line of its opening brace (or of the string), 1-based.
    const starts = text
      .split('\n')
      .map((l, i) => [l, i + 1] as const)
      .filter(([l]) => l === '  {' || l.startsWith('  "'))
      .map(([, line]) => line);
    const result = parseServiceCatalogue(text, 'json');
    expect(result.services.map((s) => s.id)).toEqual(['good-1', 'good-2']);
    expect(result.invalid.map((r) => [r.id, r.issues.map((i) => i.path)])).toEqual([
      ['bad-nom', ['nom']],
      ['bad-two', ['description', 'modes_accueil[0]']],
      [null, ['[4]']],
      ['good-1', ['id']],
    ]);
    expect(result.invalid.map((r) => r.line)).toEqual([starts[1], starts[3], starts[4], starts[5]]);
    expect(result.invalid[3]?.issues[0]?.message).toMatch(/duplicate id, first seen on line 2/);
  });

  it('imports a CSV with « ; », lists in cells and decimal commas, reporting bad lines', () => {
    const text = toCsv(
      [
        CSV_HEADER,
        [
          'csv-1',
          's1',
          'test',
          'Auto-école sociale',
          DESC,
          '2025-02-14',
          'mobilite--preparer-un-permis|mobilite',
          '59599, 59',
          '7,5',
          '10',
        ],
        ['csv-2', 's1', 'test', 'x', DESC, '2025-02-14', '', '', '', ''],
        [
          'csv-3',
          's1',
          'test',
          'Épicerie « solidaire »; quartier Virolois',
          DESC,
          '2025-02-14',
          '["difficultes-financieres"]',
          'france',
          '',
          '',
        ],
        [
          'csv-4',
          's1',
          'test',
          'Service au mauvais format',
          DESC,
          'hier',
          'mobilite',
          'Tourcoing',
          'deux',
          '',
        ],
      ],
      { separator: ';', bom: true },
    );
    const result = parseServiceCatalogue(text, 'csv');
    expect(result.services.map((s) => s.id)).toEqual(['csv-1', 'csv-3']);
    expect(result.services[0]).toMatchObject({
      thematiques: ['mobilite--preparer-un-permis', 'mobilite'],
      zone_eligibilite: ['59599', '59'],
      volume_horaire_hebdomadaire: 7.5,
      nombre_semaines: 10,
      courriel: null,
    });
    expect(result.services[1]?.nom).toBe('Épicerie « solidaire »; quartier Virolois');
    expect(
      result.invalid.map((r) => [r.line, r.id, [...new Set(r.issues.map((i) => i.path))]]),
    ).toEqual([
      [3, 'csv-2', ['nom']],
      [5, 'csv-4', ['date_maj', 'zone_eligibilite[0]', 'volume_horaire_hebdomadaire']],
    ]);
    expect(result.invalid[1]?.issues.at(-1)?.message).toBe('expected number, got "deux"');
  });

  it('reports a CSV line with the wrong number of fields and goes on', () => {
    const row = (id: string, nom: string) =>
      toCsv([[id, 's1', 'test', nom, DESC, '2025-02-14', '', '', '', '']], { separator: ',' });
    const text = `${CSV_HEADER.join(',')}\n${row('csv-1', 'Bon service')}csv-2,s1,test\n${row('csv-3', 'Autre service')}`;
    const result = parseServiceCatalogue(text, 'csv');
    expect(result.services.map((s) => s.id)).toEqual(['csv-1', 'csv-3']);
    expect(result.invalid).toEqual([
      {
        line: 3,
        id: 'csv-2',
        issues: [{ path: '(row)', message: 'expected 10 fields as in the header, got 3' }],
      },
    ]);
  });

  it('says what is wrong with a file it cannot read at all', () => {
    expect(
      parseServiceCatalogue('{"not": "an array"}', 'json').invalid[0]?.issues[0]?.message,
    ).toBe('expected a JSON array of services');
    expect(parseServiceCatalogue('[{', 'json').invalid[0]?.issues[0]?.message).toMatch(
      /not valid JSON/,
    );
    expect(parseServiceCatalogue('id;nom\n1;x\n', 'csv').invalid[0]?.issues[0]).toEqual({
      path: '(header)',
      message: 'missing column(s) structure_id, source, description, date_maj',
    });
  });

  it('refuses a date_maj in the future when told what day it is', () => {
    const text = JSON.stringify([{ ...GOOD, date_maj: '2026-03-03' }]);
    expect(parseServiceCatalogue(text, 'json', { today: '2026-03-02' }).invalid[0]?.issues).toEqual(
      [{ path: 'date_maj', message: 'expected a date not after 2026-03-02' }],
    );
    expect(parseServiceCatalogue(text, 'json').services).toHaveLength(1);
  });

  it('is idempotent: parsing the same text twice, or its valid services again, gives the same', () => {
    const text = JSON.stringify([...CATALOGUE, { ...GOOD, id: 'bad', nom: '' }]);
    const once = parseServiceCatalogue(text, 'json');
    expect(parseServiceCatalogue(text, 'json')).toEqual(once);
    const again = parseServiceCatalogue(JSON.stringify(once.services), 'json');
    expect(again).toEqual({ services: once.services, invalid: [] });
    expect(once.services).toHaveLength(CATALOGUE.length);
  });
});
