/**
 * What the département's administrators publish for the laptops to pull: the agenda's
 * beneficiaries with their convocations, référentiel versions (immutable, verified by hash) and
 * structure capacities.
 */
import { hashReferential, loadReferential } from '../../shared/referential/load-referential';
import type {
  PublishReferentialRequest,
  PublishReferentialResponse,
  PutBeneficiariesRequest,
  PutStructureCapacitiesRequest,
  StoredRevisionsResponse,
} from '../../shared/sync/admin-messages';
import type { ReferentialRecord } from '../../shared/sync/messages';
import { isSameJson } from '../../shared/sync/decide-mutation';
import { ValidationError } from '../../shared/util/errors';
import { transactionWithRetry, type Database, type Queryable } from '../db/database';
import {
  lockRecords,
  readRecords,
  recordKey,
  writeRecords,
  type RecordWrite,
} from '../sync/records';

/** Publishing another content under an existing référentiel id and version. */
export class ReferentialConflictError extends Error {
  constructor(id: string, version: string) {
    super(
      `référentiel ${id} ${version} is already published with another content: publish a new version`,
    );
    this.name = 'ReferentialConflictError';
  }
}

/** Upserts records of one territory: a new revision only when the content changed. */
async function putTerritoryRecords(
  tx: Queryable,
  entityType: 'beneficiary' | 'structure-capacity',
  territory: string,
  items: readonly { entityId: string; payload: unknown }[],
): Promise<StoredRevisionsResponse> {
  const keys = items.map((item) => ({ entityType, entityId: item.entityId }));
  await lockRecords(
    tx,
    keys.map((k) => recordKey(k.entityType, k.entityId)),
  );
  const current = await readRecords(tx, keys);
  const writes: RecordWrite[] = [];
  const stored: StoredRevisionsResponse['stored'] = [];
  const seen = new Map<string, number>();
  for (const item of items) {
    const key = recordKey(entityType, item.entityId);
    const existing = current.get(key);
    const previousRevision = seen.get(key) ?? existing?.revision ?? 0;
    const unchanged =
      !seen.has(key) &&
      existing !== undefined &&
      existing.territory === territory &&
      isSameJson(existing.payload, item.payload);
    const revision = unchanged ? previousRevision : previousRevision + 1;
    if (!unchanged) {
      writes.push({
        entityType,
        entityId: item.entityId,
        territory,
        revision,
        payload: item.payload,
      });
    }
    seen.set(key, revision);
    stored.push({ entityId: item.entityId, revision });
  }
  await writeRecords(tx, writes);
  return { stored };
}

export function putBeneficiaries(
  db: Database,
  request: PutBeneficiariesRequest,
): Promise<StoredRevisionsResponse> {
  return transactionWithRetry(db, (tx) =>
    putTerritoryRecords(
      tx,
      'beneficiary',
      request.territory,
      request.records.map((record) => ({ entityId: record.beneficiary.id, payload: record })),
    ),
  );
}

export function putStructureCapacities(
  db: Database,
  request: PutStructureCapacitiesRequest,
): Promise<StoredRevisionsResponse> {
  return transactionWithRetry(db, (tx) =>
    putTerritoryRecords(
      tx,
      'structure-capacity',
      request.territory,
      request.capacities.map((capacity) => ({
        entityId: `${request.territory}.${capacity.structureCode}`,
        payload: capacity,
      })),
    ),
  );
}

/**
 * Publishes a référentiel version. The data is validated and hashed here; an announced hash must
 * match. The same id and version again is accepted only with the same content (idempotent).
 * Throws ValidationError (invalid data) or ReferentialConflictError.
 */
export async function publishReferential(
  db: Database,
  request: PublishReferentialRequest,
): Promise<PublishReferentialResponse> {
  const referential = loadReferential(request.data);
  const contentHash = referential.contentHash;
  if (request.contentHash !== undefined && request.contentHash !== contentHash) {
    throw new ValidationError('référentiel', [
      { path: 'contentHash', message: 'expected the SHA-256 of the canonical JSON of data' },
    ]);
  }
  const { contentHash: _hash, ...data } = referential;
  return transactionWithRetry(db, async (tx) => {
    const entityId = `${referential.id}@${referential.version}`;
    await lockRecords(tx, [recordKey('referential', entityId)]);
    const existing = await tx.query<{ content_hash: string }>(
      'SELECT content_hash FROM referential_versions WHERE id = $1 AND version = $2',
      [referential.id, referential.version],
    );
    const found = existing.rows[0];
    if (found) {
      if (found.content_hash !== contentHash) {
        throw new ReferentialConflictError(referential.id, referential.version);
      }
      return { id: referential.id, version: referential.version, contentHash, created: false };
    }
    await tx.query(
      'INSERT INTO referential_versions (id, version, content_hash, data) VALUES ($1, $2, $3, $4::jsonb)',
      [referential.id, referential.version, contentHash, JSON.stringify(data)],
    );
    const payload: ReferentialRecord = {
      id: referential.id,
      version: referential.version,
      contentHash,
      data,
    };
    await writeRecords(tx, [
      { entityType: 'referential', entityId, territory: null, revision: 1, payload },
    ]);
    return { id: referential.id, version: referential.version, contentHash, created: true };
  });
}

/** Recomputes the hash of every stored référentiel version (a check for operators and tests). */
export async function verifyStoredReferentials(
  db: Database,
): Promise<{ id: string; version: string; ok: boolean }[]> {
  const { rows } = await db.query<{
    id: string;
    version: string;
    content_hash: string;
    data: unknown;
  }>('SELECT id, version, content_hash, data FROM referential_versions ORDER BY id, version');
  return rows.map((row) => ({
    id: row.id,
    version: row.version,
    ok: hashReferential(loadReferential(row.data)) === row.content_hash,
  }));
}
