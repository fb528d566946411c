/**
 * The intercommunalités à fiscalité propre (EPCI) and their member communes, from the Code
 * officiel géographique as Etalab publishes it (npm `@etalab/decoupage-administratif`, MIT,
 * `data/epci.json`). A service's `zone_eligibilite` may name an EPCI by its SIREN; the server
 * publishes the EPCIs its catalogue names so that laptops, offline, can tell whether a person's
 * commune is in one (shared/services/zones.ts). Updating the table is updating the package.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { EpciSchema, type Epci } from '../../shared/services/zones';

const EtalabEpciSchema = z.array(
  z.object({
    code: z.string(),
    nom: z.string(),
    membres: z.array(z.object({ code: z.string() })),
  }),
);

/** Reads and checks the table (about 4 MB of JSON: read it once per command, when needed). */
export function loadEpciTable(): Map<string, Epci> {
  const path = createRequire(import.meta.url).resolve(
    '@etalab/decoupage-administratif/data/epci.json',
  );
  const rows = EtalabEpciSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
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
