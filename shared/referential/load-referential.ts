/**
 * Loads a référentiel from data: validates it, then freezes it with its content hash so that every
 * orientation and contract can record exactly which version produced it.
 */
import { canonicalJson, sha256Hex } from '../util/sha256';
import { parseOrThrow } from '../util/errors';
import { ReferentialSchema, type ReferentialData } from './schema';

/**
 * A loaded référentiel. Treat it as immutable (the engine caches what it derives from it, keyed by
 * identity); it is not frozen because V8's array built-ins are several times slower on frozen
 * arrays (measured: `find` 7× slower), and the engine runs a million evaluations a second.
 */
export interface Referential extends ReferentialData {
  /** SHA-256 of the canonical JSON of the data (without this field). */
  readonly contentHash: string;
}

export interface ReferentialRef {
  id: string;
  version: string;
  contentHash: string;
}

export function loadReferential(data: unknown): Referential {
  const parsed = parseOrThrow(ReferentialSchema, stripHash(data), 'référentiel');
  return { ...parsed, contentHash: hashReferential(parsed) };
}

/** The content hash of référentiel data; a `contentHash` field already present is left out. */
export function hashReferential(data: ReferentialData | Referential): string {
  return sha256Hex(canonicalJson(stripHash(data)));
}

export const referentialRef = (r: Referential): ReferentialRef => ({
  id: r.id,
  version: r.version,
  contentHash: r.contentHash,
});

/** A référentiel received with its hash (from the server) must match it. */
export function loadVerifiedReferential(data: unknown, expectedHash: string): Referential {
  const referential = loadReferential(data);
  if (referential.contentHash !== expectedHash) {
    throw new Error(
      `référentiel ${referential.id} ${referential.version}: content hash ${referential.contentHash} does not match the announced ${expectedHash}`,
    );
  }
  return referential;
}

function stripHash(data: unknown): unknown {
  if (data && typeof data === 'object' && 'contentHash' in data) {
    const { contentHash: _ignored, ...rest } = data as Record<string, unknown>;
    return rest;
  }
  return data;
}
