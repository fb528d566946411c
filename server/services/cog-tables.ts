/**
 * Reference tables from the Code officiel géographique, as Etalab publishes it (npm
 * `@etalab/decoupage-administratif`, MIT, pinned): the intercommunalités à fiscalité propre (EPCI)
 * with their member communes, and the communes of each département with their postcodes. The
 * server publishes the ones its catalogue needs so that laptops, offline, can tell whether a
 * person's commune is in a service's zone (shared/services/zones.ts) and find that commune's INSEE
 * code from the postcode and name typed in the interview (shared/services/communes.ts). Updating
 * the tables is updating the package.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { CommuneTableSchema, type CommuneTable } from '../../shared/services/communes';
import { EpciSchema, type Epci } from '../../shared/services/zones';

function readPackageJson(file: string): unknown {
  const path = createRequire(import.meta.url).resolve(
    `@etalab/decoupage-administratif/data/${file}`,
  );
  return JSON.parse(readFileSync(path, 'utf8'));
}

const EtalabEpciSchema = z.array(
  z.object({ code: z.string(), nom: z.string(), membres: z.array(z.object({ code: z.string() })) }),
);

/** The EPCIs by code (about 4 MB of JSON: read it once per command, when needed). */
export function loadEpciTable(): Map<string, Epci> {
  const rows = EtalabEpciSchema.parse(readPackageJson('epci.json'));
  return new Map(
    rows.map((row) => {
      const epci = EpciSchema.parse({
        code: row.code,
        nom: row.nom,
        communes: row.membres.map((m) => m.code).sort(),
      });
      return [epci.code, epci];
    }),
  );
}

const EtalabCommuneSchema = z.array(
  z.object({
    code: z.string(),
    nom: z.string(),
    type: z.string(),
    departement: z.string().optional(),
    codesPostaux: z.array(z.string()).optional(),
  }),
);

/** The communes of each département (current communes only; about 9 MB of JSON, read once). */
export function loadCommuneTables(): Map<string, CommuneTable> {
  const byDepartement = new Map<string, CommuneTable['communes']>();
  for (const row of EtalabCommuneSchema.parse(readPackageJson('communes.json'))) {
    // Not the collectivités d'outre-mer (98x): their codes are not départements'.
    if (row.type !== 'commune-actuelle' || !row.departement?.match(/^(?:\d{2}|2[AB]|97\d)$/)) {
      continue;
    }
    const list = byDepartement.get(row.departement) ?? [];
    list.push({ code: row.code, nom: row.nom, codesPostaux: row.codesPostaux ?? [] });
    byDepartement.set(row.departement, list);
  }
  return new Map(
    [...byDepartement].map(([departement, communes]) => [
      departement,
      CommuneTableSchema.parse({ departement, communes }),
    ]),
  );
}
