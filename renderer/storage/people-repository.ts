/**
 * The people convoked and their convocations (agenda). Convocations come from the département
 * (through the sync, or the demo seed); a person met without one is created on the spot, after a
 * duplicate check on name and birth date (DOMAIN §8: no duplicate beneficiaries).
 */
import { BeneficiarySchema, type Beneficiary } from '../../shared/domain';
import { parseOrThrow } from '../../shared/util/errors';
import { normalizeName } from '../../shared/util/text';
import type { StorageContext } from './database';
import { withDeclaration } from './declarations';
import { classifyStorageError } from './errors';
import { enqueue } from './interview-repository';
import {
  AgendaEntrySchema,
  type AgendaEntry,
  type AgendaRow,
  type BeneficiaryRow,
} from './records';

async function beneficiaryRow(ctx: StorageContext, b: Beneficiary, updatedAt: string) {
  const row: BeneficiaryRow = {
    id: b.id,
    updatedAt,
    payload: await ctx.codec.encode(b, { store: 'beneficiaries', id: b.id }),
  };
  return row;
}

async function agendaRow(ctx: StorageContext, entry: AgendaEntry): Promise<AgendaRow> {
  return {
    id: entry.id,
    beneficiaryId: entry.beneficiaryId,
    convocationDate: entry.convocationAt.slice(0, 10),
    status: entry.status,
    updatedAt: entry.updatedAt,
    payload: await ctx.codec.encode(entry, { store: 'agenda', id: entry.id }),
  };
}

/** A person created on this laptop: stored and queued for sync in one transaction. */
export async function createBeneficiary(ctx: StorageContext, input: Beneficiary): Promise<void> {
  const beneficiary = parseOrThrow(BeneficiarySchema, input, 'beneficiary');
  const now = ctx.now();
  const row = await beneficiaryRow(ctx, beneficiary, now);
  const outboxPayload = await ctx.codec.encode(beneficiary, {
    store: 'outbox',
    id: `beneficiary:${beneficiary.id}`,
  });
  try {
    await ctx.db.transaction('rw', ctx.db.beneficiaries, ctx.db.outbox, async () => {
      await ctx.db.beneficiaries.put(row);
      await enqueue(ctx, {
        entityType: 'beneficiary',
        entityId: beneficiary.id,
        payload: outboxPayload,
        baseRevision: null,
        createdAt: now,
        state: 'pending',
      });
    });
  } catch (error) {
    throw classifyStorageError(error);
  }
}

/** People and convocations received from the département (sync pull, demo seed): no outbox. */
export async function importPeople(
  ctx: StorageContext,
  items: readonly { beneficiary: Beneficiary; convocation: AgendaEntry | null }[],
): Promise<void> {
  const now = ctx.now();
  const people = await Promise.all(
    items.map((i) =>
      beneficiaryRow(ctx, parseOrThrow(BeneficiarySchema, i.beneficiary, 'beneficiary'), now),
    ),
  );
  const convocations = await Promise.all(
    items
      .flatMap((i) => (i.convocation ? [i.convocation] : []))
      .map((c) => agendaRow(ctx, parseOrThrow(AgendaEntrySchema, c, 'convocation'))),
  );
  try {
    await ctx.db.transaction('rw', ctx.db.beneficiaries, ctx.db.agenda, async () => {
      await ctx.db.beneficiaries.bulkPut(people);
      await ctx.db.agenda.bulkPut(convocations);
    });
  } catch (error) {
    throw classifyStorageError(error);
  }
}

export async function saveAgendaEntry(ctx: StorageContext, entry: AgendaEntry): Promise<void> {
  const row = await agendaRow(ctx, parseOrThrow(AgendaEntrySchema, entry, 'convocation'));
  try {
    await ctx.db.agenda.put(row);
  } catch (error) {
    throw classifyStorageError(error);
  }
}

export async function getBeneficiary(ctx: StorageContext, id: string): Promise<Beneficiary | null> {
  const row = await ctx.db.beneficiaries.get(id);
  if (!row) return null;
  return parseOrThrow(
    BeneficiarySchema,
    await ctx.codec.decode(row.payload, { store: 'beneficiaries', id }),
    `beneficiary ${id}`,
  );
}

export async function listBeneficiaries(ctx: StorageContext): Promise<Beneficiary[]> {
  const rows = await ctx.db.beneficiaries.toArray();
  return Promise.all(
    rows.map(async (row) =>
      parseOrThrow(
        BeneficiarySchema,
        await ctx.codec.decode(row.payload, { store: 'beneficiaries', id: row.id }),
        `beneficiary ${row.id}`,
      ),
    ),
  );
}

export async function listAgenda(ctx: StorageContext): Promise<AgendaEntry[]> {
  const rows = await ctx.db.agenda.toArray();
  const entries = await Promise.all(
    rows.map(async (row) =>
      withDeclaration(
        ctx,
        parseOrThrow(
          AgendaEntrySchema,
          await ctx.codec.decode(row.payload, { store: 'agenda', id: row.id }),
          `convocation ${row.id}`,
        ),
      ),
    ),
  );
  return entries.sort((a, b) => a.convocationAt.localeCompare(b.convocationAt));
}

export async function getAgendaEntry(ctx: StorageContext, id: string): Promise<AgendaEntry | null> {
  const row = await ctx.db.agenda.get(id);
  if (!row) return null;
  return withDeclaration(
    ctx,
    parseOrThrow(
      AgendaEntrySchema,
      await ctx.codec.decode(row.payload, { store: 'agenda', id }),
      `convocation ${id}`,
    ),
  );
}

// Case, accents and spacing do not make two people different (the agenda's search uses it too).
export { normalizeName };

export function isSamePerson(
  a: Pick<Beneficiary, 'firstName' | 'lastName' | 'birthDate'>,
  b: Pick<Beneficiary, 'firstName' | 'lastName' | 'birthDate'>,
): boolean {
  return (
    a.birthDate === b.birthDate &&
    normalizeName(a.lastName) === normalizeName(b.lastName) &&
    normalizeName(a.firstName) === normalizeName(b.firstName)
  );
}

export async function findDuplicates(
  ctx: StorageContext,
  person: Pick<Beneficiary, 'firstName' | 'lastName' | 'birthDate'>,
): Promise<Beneficiary[]> {
  return (await listBeneficiaries(ctx)).filter((b) => isSamePerson(b, person));
}

export async function getMeta(ctx: StorageContext, key: string): Promise<unknown> {
  return (await ctx.db.meta.get(key))?.value;
}

export async function setMeta(ctx: StorageContext, key: string, value: unknown): Promise<void> {
  await ctx.db.meta.put({ key, value });
}
