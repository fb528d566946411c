/**
 * The RDSP declarations pulled from the server (what each person declared when applying for the
 * RSA, DOMAIN §9; docs/interop.md): one encrypted meta row per beneficiary, joined to the
 * person's convocation when the agenda is read, so that it pre-fills the interview opened from it
 * whichever of the two records the pull brought first.
 */
import { RdspDeclarationSchema, type RdspDeclaration } from '../../shared/interop/rdsp';
import { parseOrThrow } from '../../shared/util/errors';
import { identityCodec, isStoredPayload, type PayloadContext, type StoredPayload } from './codec';
import type { StorageContext } from './database';
import type { AgendaEntry } from './records';

export const DECLARATION_META_PREFIX = 'sync:rdsp:';

/** Where a declaration's encrypted payload belongs (bound to the beneficiary's id). */
export const declarationContext = (beneficiaryId: string): PayloadContext => ({
  store: 'beneficiaries',
  id: `rdsp:${beneficiaryId}`,
});

/** The meta row of a pulled declaration, encoded outside any Dexie transaction. */
export async function encodeDeclaration(
  ctx: StorageContext,
  declaration: RdspDeclaration,
): Promise<{ key: string; value: StoredPayload }> {
  return {
    key: `${DECLARATION_META_PREFIX}${declaration.beneficiaryId}`,
    value: await ctx.codec.encode(declaration, declarationContext(declaration.beneficiaryId)),
  };
}

/** The declaration pulled for a beneficiary, or null. */
export async function readDeclaration(
  ctx: StorageContext,
  beneficiaryId: string,
): Promise<RdspDeclaration | null> {
  const row = await ctx.db.meta.get(`${DECLARATION_META_PREFIX}${beneficiaryId}`);
  if (!row) return null;
  if (!isStoredPayload(row.value)) {
    throw new Error(`declaration of ${beneficiaryId}: expected an encoded payload`);
  }
  const context = declarationContext(beneficiaryId);
  const decoded =
    row.value.codec === identityCodec.id && ctx.codec.id !== identityCodec.id
      ? await identityCodec.decode(row.value, context)
      : await ctx.codec.decode(row.value, context);
  return parseOrThrow(RdspDeclarationSchema, decoded, `declaration of ${beneficiaryId}`);
}

/** The convocation with the person's pulled declaration, when there is one (it wins). */
export async function withDeclaration(
  ctx: StorageContext,
  entry: AgendaEntry,
): Promise<AgendaEntry> {
  const declaration = await readDeclaration(ctx, entry.beneficiaryId);
  return declaration ? { ...entry, declared: declaration.answers } : entry;
}
