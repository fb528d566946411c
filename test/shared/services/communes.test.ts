import { describe, expect, it } from 'vitest';
import { CommuneTableSchema, findCommune, type CommuneTable } from '../../../shared/services';
import { normalizeName } from '../../../shared/util/text';

/** A few communes of the Nord with their real codes and postcodes (public reference data). */
const NORD: CommuneTable = CommuneTableSchema.parse({
  departement: '59',
  communes: [
    { code: '59599', nom: 'Tourcoing', codesPostaux: ['59200'] },
    { code: '59032', nom: 'Aulnoy-lez-Valenciennes', codesPostaux: ['59300'] },
    { code: '59221', nom: 'Famars', codesPostaux: ['59300'] },
    { code: '59606', nom: 'Valenciennes', codesPostaux: ['59300'] },
  ],
});

const address = (postcode: string, city: string, inseeCode?: string) => ({
  postcode,
  city,
  ...(inseeCode ? { inseeCode } : {}),
});

describe('findCommune', () => {
  it('keeps the code the address carries (from the convocation)', () => {
    expect(findCommune(address('59200', 'Tourcoing', '59599'), [])).toEqual({
      code: '59599',
      nom: 'Tourcoing',
      by: 'address',
    });
  });

  it('takes the only commune of a postcode, whatever the name typed', () => {
    expect(findCommune(address('59200', 'Tourcoing Centre'), [NORD])).toEqual({
      code: '59599',
      nom: 'Tourcoing',
      by: 'postcode',
    });
  });

  it('tells the communes of one postcode apart by name, accents, case and hyphens aside', () => {
    expect(findCommune(address('59300', 'aulnoy lez valenciennes'), [NORD])?.code).toBe('59032');
    expect(findCommune(address('59300', 'VALENCIENNES'), [NORD])?.code).toBe('59606');
    expect(normalizeName('Saint-André-lez-Lille')).toBe('saint andre lez lille');
  });

  it('finds nothing rather than guess: several communes and no name matching, or an unknown postcode', () => {
    expect(findCommune(address('59300', 'Valencienne'), [NORD])).toBeNull();
    expect(findCommune(address('62000', 'Arras'), [NORD])).toBeNull();
    expect(findCommune(null, [NORD])).toBeNull();
  });
});
