/**
 * The communes of a département with their postcodes (Code officiel géographique, as the server
 * publishes it with the catalogue), so that the laptop can tell the INSEE code of a person's
 * commune from the postcode and commune typed in the interview when no convocation carried it:
 * the services' zones are INSEE codes (zones.ts).
 */
import { z } from 'zod';
import type { AddressSchema } from '../domain/people';
import { normalizeName } from '../util/text';

export const CommuneTableSchema = z.strictObject({
  departement: z.string().regex(/^(?:\d{2}|2[AB]|97\d)$/, 'expected a département code'),
  communes: z.array(
    z.strictObject({
      code: z.string().regex(/^(?:\d{5}|2[AB]\d{3})$/, 'expected a commune code (5 characters)'),
      nom: z.string().trim().min(1, 'required'),
      codesPostaux: z.array(z.string().regex(/^\d{5}$/, 'expected a 5-digit postcode')),
    }),
  ),
});
export type CommuneTable = z.infer<typeof CommuneTableSchema>;

export interface CommuneFound {
  code: string;
  nom: string;
  /** `address`: the convocation gave it; `postcode`: the only commune of that postcode; `name`: postcode and name. */
  by: 'address' | 'postcode' | 'name';
}

/**
 * The INSEE commune of an address: the one it carries, else the commune of the tables whose
 * postcode and name match (or the only commune of that postcode); null when none or several do.
 */
export function findCommune(
  address:
    Pick<z.infer<typeof AddressSchema>, 'postcode' | 'city' | 'inseeCode'> | null | undefined,
  tables: readonly CommuneTable[],
): CommuneFound | null {
  if (!address) return null;
  if (address.inseeCode) return { code: address.inseeCode, nom: address.city, by: 'address' };
  const candidates = tables.flatMap((t) =>
    t.communes.filter((c) => c.codesPostaux.includes(address.postcode)),
  );
  const name = normalizeName(address.city);
  const named = candidates.filter((c) => normalizeName(c.nom) === name);
  if (named.length === 1 && named[0]) return { code: named[0].code, nom: named[0].nom, by: 'name' };
  if (candidates.length === 1 && candidates[0]) {
    return { code: candidates[0].code, nom: candidates[0].nom, by: 'postcode' };
  }
  return null;
}
