/**
 * The steering indicators of a territory and a period on the server (Annexe D of the convention,
 * issues 6 and 13): computed by the database over the interview facts (database-indicators.ts,
 * docs/decisions/004-indicators-in-the-database.md), figure for figure what shared/indicators
 * computes over the same interviews, so the CLI, the admin route and the laptop's dashboard agree.
 */
import { loadVerifiedReferential, NORD_2023, type Referential } from '../../shared/referential';
import type { IndicatorsRequest, IndicatorsResponse } from '../../shared/sync/indicator-messages';
import { ValidationError } from '../../shared/util/errors';
import type { Queryable } from '../db/database';
import { databaseIndicators } from './database-indicators';

/** The référentiel by default: the one codiag ships (Nord 2023). */
export const DEFAULT_REFERENTIAL: Referential = NORD_2023;

/**
 * A référentiel version published on the server (`ID@VERSION`), verified against its stored hash;
 * the shipped default when no selector is given. ValidationError for an unknown version.
 */
export async function resolveReferential(
  db: Queryable,
  selector: string | undefined,
  field = 'referential',
): Promise<Referential> {
  if (selector === undefined) return DEFAULT_REFERENTIAL;
  const [id, version] = selector.split('@') as [string, string];
  const { rows } = await db.query<{ data: unknown; content_hash: string }>(
    'SELECT data, content_hash FROM referential_versions WHERE id = $1 AND version = $2',
    [id, version],
  );
  const row = rows[0];
  if (!row) {
    if (id === DEFAULT_REFERENTIAL.id && version === DEFAULT_REFERENTIAL.version) {
      return DEFAULT_REFERENTIAL;
    }
    throw new ValidationError('request', [
      { path: field, message: 'expected a référentiel version published on this server' },
    ]);
  }
  return loadVerifiedReferential(row.data, row.content_hash);
}

/**
 * The reports for a period: the territory asked for (even without interviews), or one report per
 * territory with at least one interview dated in the period, sorted by code. A person's earlier
 * interviews in another territory count as history there, without adding a report.
 */
export async function serverIndicators(
  db: Queryable,
  request: IndicatorsRequest,
): Promise<IndicatorsResponse> {
  const referential = await resolveReferential(db, request.referential);
  return {
    reports: await databaseIndicators(db, referential, {
      from: request.from,
      to: request.to,
      territory: request.territory,
    }),
  };
}
