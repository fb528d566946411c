/**
 * Imports the RDSP declarations (DOMAIN §9, "dites-le-nous une fois") for the laptops to pull: one
 * `rdsp-declaration` record per beneficiary, in the beneficiary's territory. All or nothing: a
 * declaration for a beneficiary the server does not know fails the whole import, and one
 * transaction writes every declaration. The same content again makes no new revision.
 */
import type { RdspDeclaration, RdspLineError } from '../../shared/interop/rdsp';
import { isSameJson } from '../../shared/sync/decide-mutation';
import { transactionWithRetry, type Database } from '../db/database';
import {
  lockRecords,
  readRecords,
  recordKey,
  writeRecords,
  type RecordWrite,
} from '../sync/records';

export const RDSP_ENTITY_TYPE = 'rdsp-declaration';

/** The import was refused: every error, by line; nothing was written. */
export class RdspImportError extends Error {
  constructor(readonly errors: readonly RdspLineError[]) {
    super(`${errors.length} error(s) in the RDSP declarations; nothing imported`);
    this.name = 'RdspImportError';
  }
}

export interface RdspImportSummary {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Writes the declarations (each with its line in the file, for the errors). `fileErrors` are the
 * errors already found while parsing: with any, nothing is written, and the unknown beneficiaries
 * of the valid lines are added to them so that one run lists every error.
 */
export function importRdspDeclarations(
  db: Database,
  declarations: readonly { line: number; declaration: RdspDeclaration }[],
  fileErrors: readonly RdspLineError[] = [],
): Promise<RdspImportSummary> {
  return transactionWithRetry(db, async (tx) => {
    const ids = declarations.map((d) => d.declaration.beneficiaryId);
    const beneficiaryKeys = ids.map((entityId) => ({ entityType: 'beneficiary', entityId }));
    const declarationKeys = ids.map((entityId) => ({ entityType: RDSP_ENTITY_TYPE, entityId }));
    await lockRecords(
      tx,
      declarationKeys.map((k) => recordKey(k.entityType, k.entityId)),
    );
    const beneficiaries = await readRecords(tx, beneficiaryKeys);
    const existing = await readRecords(tx, declarationKeys);
    const errors = [...fileErrors];
    const writes: RecordWrite[] = [];
    const summary: RdspImportSummary = { created: 0, updated: 0, unchanged: 0 };
    for (const { line, declaration } of declarations) {
      const id = declaration.beneficiaryId;
      const beneficiary = beneficiaries.get(recordKey('beneficiary', id));
      if (!beneficiary || beneficiary.territory === null) {
        errors.push({
          line,
          path: 'beneficiaryId',
          message:
            'expected the id of a beneficiary the server knows (POST /admin/beneficiaries or codiag seed-demo)',
        });
        continue;
      }
      const current = existing.get(recordKey(RDSP_ENTITY_TYPE, id));
      if (
        current &&
        current.territory === beneficiary.territory &&
        isSameJson(current.payload, declaration)
      ) {
        summary.unchanged += 1;
        continue;
      }
      summary[current ? 'updated' : 'created'] += 1;
      writes.push({
        entityType: RDSP_ENTITY_TYPE,
        entityId: id,
        territory: beneficiary.territory,
        revision: (current?.revision ?? 0) + 1,
        payload: declaration,
      });
    }
    if (errors.length > 0) {
      throw new RdspImportError([...errors].sort((a, b) => a.line - b.line));
    }
    await writeRecords(tx, writes);
    return summary;
  });
}
