/**
 * A beneficiary's right of access (RGPD art. 15): everything this laptop holds about one person,
 * decrypted, as one JSON document they can be given. The file name carries the record id, never
 * the person's name (it would show in the downloads folder).
 */
import type { Beneficiary } from '../../shared/domain';
import type { StorageContext } from './database';
import { loadInterview } from './interview-repository';
import { getBeneficiary, listAgenda } from './people-repository';
import type { AgendaEntry, InterviewDocument } from './records';

export interface PersonExport {
  format: 'codiag-person-export';
  version: 1;
  exportedAt: string;
  beneficiaryId: string;
  beneficiary: Beneficiary | null;
  convocations: AgendaEntry[];
  interviews: InterviewDocument['interview'][];
  /** Fields typed but not yet valid, per interview id (kept so nothing is hidden from them). */
  unfinishedFields: Record<string, InterviewDocument['formDrafts']>;
}

export async function exportPersonData(
  ctx: StorageContext,
  beneficiaryId: string,
): Promise<PersonExport> {
  const [beneficiary, agenda, interviewIds] = await Promise.all([
    getBeneficiary(ctx, beneficiaryId),
    listAgenda(ctx),
    ctx.db.interviews.where('beneficiaryId').equals(beneficiaryId).primaryKeys(),
  ]);
  const docs = await Promise.all(interviewIds.map((id) => loadInterview(ctx, id)));
  const interviews = docs.flatMap((d) => (d ? [d] : []));
  return {
    format: 'codiag-person-export',
    version: 1,
    exportedAt: ctx.now(),
    beneficiaryId,
    beneficiary,
    convocations: agenda.filter((c) => c.beneficiaryId === beneficiaryId),
    interviews: interviews.map((d) => d.interview),
    unfinishedFields: Object.fromEntries(
      interviews
        .filter((d) => Object.keys(d.formDrafts).length > 0)
        .map((d) => [d.interview.id, d.formDrafts]),
    ),
  };
}

export const personExportFileName = (beneficiaryId: string, date: string): string =>
  `codiag-donnees-personne-${beneficiaryId}-${date}.json`;
