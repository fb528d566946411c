/**
 * The professional's own interviews as indicator records (Annexe D of the convention, for the
 * laptop's dashboard): every version stored on this laptop, decoded with the session's codec
 * (the session must be unlocked). `computeIndicators` keeps the latest version of each interview.
 * A record that cannot be read is counted and reported, never silently left out.
 */
import type { IndicatorRecord } from '../../shared/indicators';
import { parseOrThrow } from '../../shared/util/errors';
import type { StorageContext } from './database';
import { userMessageOf } from './errors';
import { upgradeInterviewDocument } from './interview-repository';
import { InterviewDocumentSchema } from './records';

export interface LocalIndicatorRecords {
  records: IndicatorRecord[];
  /** Interviews that could not be decoded or parsed: id and the French reason. */
  unreadable: { id: string; message: string }[];
}

export async function loadIndicatorRecords(ctx: StorageContext): Promise<LocalIndicatorRecords> {
  const rows = await ctx.db.interviews.toArray();
  const records: IndicatorRecord[] = [];
  const unreadable: LocalIndicatorRecords['unreadable'] = [];
  for (const row of rows) {
    try {
      const raw = await ctx.codec.decode(row.payload, { store: 'interviews', id: row.id });
      const doc = parseOrThrow(
        InterviewDocumentSchema,
        upgradeInterviewDocument(raw),
        `interview ${row.id}`,
      );
      records.push({ interview: doc.interview });
    } catch (error) {
      unreadable.push({ id: row.id, message: userMessageOf(error) });
    }
  }
  return { records, unreadable };
}
