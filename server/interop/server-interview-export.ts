/**
 * The interview export for the neighbouring systems on the server (DOMAIN §9, issue 13;
 * docs/interop.md): the stored interviews of a period read once, the référentiel versions their
 * decisions name looked up among the published ones (and the shipped default), then
 * shared/interop builds the document.
 */
import {
  buildInterviewExport,
  type InterviewExportResult,
  type ReferentialLookup,
} from '../../shared/interop/interview-export';
import { loadVerifiedReferential, type Referential } from '../../shared/referential';
import type { Queryable } from '../db/database';
import { DEFAULT_REFERENTIAL } from '../indicators/server-indicators';
import { readStoredInterviews } from '../indicators/stored-interviews';

export interface ServerInterviewExportRequest {
  from: string;
  to: string;
  territory?: string | undefined;
  exportedAt: string;
}

/** Every référentiel version published on the server, and the shipped default, by content hash. */
export async function publishedReferentials(db: Queryable): Promise<ReferentialLookup> {
  const { rows } = await db.query<{ data: unknown; content_hash: string }>(
    'SELECT data, content_hash FROM referential_versions',
  );
  const byHash = new Map<string, Referential>([
    [DEFAULT_REFERENTIAL.contentHash, DEFAULT_REFERENTIAL],
  ]);
  for (const row of rows) {
    byHash.set(row.content_hash, loadVerifiedReferential(row.data, row.content_hash));
  }
  return (ref) => {
    const found = byHash.get(ref.contentHash);
    return found && found.id === ref.id && found.version === ref.version ? found : undefined;
  };
}

export async function serverInterviewExport(
  db: Queryable,
  request: ServerInterviewExportRequest,
): Promise<InterviewExportResult> {
  const period = { from: request.from, to: request.to };
  const records = await readStoredInterviews(db, { period, territory: request.territory });
  return buildInterviewExport(records, {
    exportedAt: request.exportedAt,
    period,
    territory: request.territory ?? null,
    referentials: await publishedReferentials(db),
  });
}
