import { describe, expect, it } from 'vitest';
import { formatCsvCell, parseCsv, toCsv, UTF8_BOM } from '../../../shared/util/csv';

describe('toCsv', () => {
  it.each([
    ['plain', 'Tourcoing', 'Tourcoing'],
    ['a separator', 'Lille; Roubaix', '"Lille; Roubaix"'],
    ['a quote', 'dit « oui » et "non"', '"dit « oui » et ""non"""'],
    ['a line break', 'ligne 1\nligne 2', '"ligne 1\nligne 2"'],
    ['a carriage return', 'a\rb', '"a\rb"'],
    ['edge spaces', ' espace ', '" espace "'],
    ['accents', 'Épinay-sur-Orge, élève', 'Épinay-sur-Orge, élève'],
    ['an empty cell', null, ''],
    ['a formula', '=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['an at sign', '@SUM(A1)', "'@SUM(A1)"],
    ['a phone number', '+33 6 00 00 00 00', '+33 6 00 00 00 00'],
    ['a minus formula', '-2+3+cmd', "'-2+3+cmd"],
  ])('writes a cell with %s', (_name, cell, expected) => {
    expect(formatCsvCell(cell)).toBe(expected);
  });

  it('writes numbers with a decimal comma for the « ; » separator, a point for « , »', () => {
    expect(formatCsvCell(12.5)).toBe('12,5');
    expect(formatCsvCell(12.5, { separator: ',' })).toBe('12.5');
    expect(formatCsvCell('a,b', { separator: ',' })).toBe('"a,b"');
    expect(formatCsvCell('a,b')).toBe('a,b');
  });

  it('ends every line with CRLF and starts with a BOM when asked', () => {
    const text = toCsv(
      [
        ['nom', 'ville'],
        ['Fictif', 'Lille'],
      ],
      { bom: true },
    );
    expect(text).toBe(`${UTF8_BOM}nom;ville\r\nFictif;Lille\r\n`);
    expect(toCsv([['a']], { lineEnding: '\n' })).toBe('a\n');
  });

  it('refuses a number a spreadsheet cannot read', () => {
    expect(() => formatCsvCell(Number.NaN)).toThrow(/NaN/);
  });
});

describe('parseCsv', () => {
  it('reads back what toCsv writes, quotes, separators, line breaks and accents included', () => {
    const rows = [
      ['id', 'texte', 'note'],
      ['1', 'dit "oui"; puis\r\nnon', 'é'],
      ['2', '', ' espace '],
    ];
    for (const separator of [';', ','] as const) {
      const parsed = parseCsv(toCsv(rows, { separator, bom: true, guardFormulas: false }));
      expect(parsed.separator).toBe(separator);
      expect(parsed.records.map((r) => r.cells)).toEqual(rows);
      expect(parsed.issues).toEqual([]);
    }
  });

  it('numbers each record by the line it starts on, across quoted line breaks', () => {
    const parsed = parseCsv('a;b\n"x\ny";1\n\nz;2\n');
    expect(parsed.records.map((r) => [r.line, r.cells[0]])).toEqual([
      [1, 'a'],
      [2, 'x\ny'],
      [5, 'z'],
    ]);
  });

  it('reports a record with text after a closing quote and keeps the others', () => {
    const parsed = parseCsv('a;b\n"x"y;1\nz;2\n');
    expect(parsed.issues).toEqual([{ line: 2, message: expect.stringMatching(/closing quote/) }]);
    expect(parsed.records.map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['z', '2'],
    ]);
  });

  it('reports an unterminated quote with the line it starts on', () => {
    const parsed = parseCsv('a;b\nz;2\n"x;1\n');
    expect(parsed.issues).toEqual([{ line: 3, message: 'unterminated quoted field' }]);
    expect(parsed.records).toHaveLength(2);
  });

  it('detects the separator from the header line, outside quotes', () => {
    expect(parseCsv('"a;b",c,d\n').separator).toBe(',');
    expect(parseCsv('a;b;"c,d"\n').separator).toBe(';');
  });
});
