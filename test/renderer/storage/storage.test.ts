import { IDBKeyRange, IDBObjectStore } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import {
  changingRevisions,
  classifyStorageError,
  createDatabase,
  findDuplicates,
  importPeople,
  listInterviews,
  listOutbox,
  loadInterview,
  MIGRATIONS,
  requestPersistence,
  saveInterview,
  seedDemoIfEmpty,
  StorageFailure,
  type PayloadCodec,
  type StoredPayload,
  createBeneficiary,
  correctionOf,
  DEMO_PEOPLE,
  listAgenda,
  listAgendaInterviews,
  freezePendingEntries,
  listSendingEntries,
  mutationOf,
  SYNC_META,
  encryptLegacyRows,
  identityCodec,
  type Migration,
  type OutboxEntry,
  type StorageContext,
} from '../../../renderer/storage';
import type { Interview } from '../../../shared/domain';
import { ValidationError } from '../../../shared/util/errors';
import { freshFactory, NOW, open, sampleInterview, samplePerson, TODAY } from '../helpers';

/**
 * Runs `work` while IndexedDB refuses every put into `store` (fake-indexeddb's object store, the
 * layer under Dexie and under the save's own transaction).
 */
async function withFailingPuts<T>(
  store: string,
  failure: () => Error,
  work: () => Promise<T>,
): Promise<T> {
  const put = IDBObjectStore.prototype.put;
  const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
    this: IDBObjectStore,
    ...args: Parameters<IDBObjectStore['put']>
  ) {
    if (this.name === store) throw failure();
    return put.apply(this, args);
  });
  try {
    return await work();
  } finally {
    spy.mockRestore();
  }
}

/** A codec that visibly transforms the payload (stands in for encryption). */
const reversingCodec: PayloadCodec = {
  id: 'test-reverse',
  encode: (value) =>
    Promise.resolve({
      codec: 'test-reverse',
      data: [...JSON.stringify(value)].reverse().join(''),
    }),
  decode: (stored: StoredPayload) =>
    Promise.resolve(JSON.parse([...(stored.data as string)].reverse().join(''))),
};

describe('interview storage', () => {
  it('reads back exactly the interview it saved', async () => {
    const ctx = await open(freshFactory());
    const interview = sampleInterview();
    interview.synthesis = 'Souhaite reprendre une formation — « cariste » ; très motivée.';
    await saveInterview(ctx, { interview, formDrafts: { 'identity.email': 'alix@' } });
    const loaded = await loadInterview(ctx, interview.id);
    expect(loaded).toEqual({ interview, formDrafts: { 'identity.email': 'alix@' } });
  });

  it('keeps everything after the database is closed and reopened (a crash)', async () => {
    const factory = freshFactory();
    const first = await open(factory);
    const interview = sampleInterview();
    interview.employment.qualifications = 'CACES 1, 3 et 5';
    await saveInterview(first, { interview, formDrafts: {} });
    first.db.close();
    const second = await open(factory);
    expect((await loadInterview(second, interview.id))?.interview).toEqual(interview);
    expect(await listOutbox(second)).toHaveLength(1);
  });

  it('writes the record and its outbox entry in one transaction: a failing outbox write changes nothing', async () => {
    const ctx = await open(freshFactory());
    const interview = sampleInterview();
    // The first save reads the row's revision (this tab never loaded it), the second trusts the
    // one it noted and commits at once: both paths must be all or nothing.
    for (const synthesis of ['première version', 'deuxième version']) {
      await saveInterview(ctx, { interview: { ...interview, synthesis }, formDrafts: {} });
      const before = await listOutbox(ctx);
      const edited = { ...interview, synthesis: 'texte qui ne doit pas être écrit à moitié' };
      await expect(
        withFailingPuts(
          'outbox',
          () => new Error('disk went away'),
          () => saveInterview(ctx, { interview: edited, formDrafts: {} }),
        ),
      ).rejects.toBeInstanceOf(StorageFailure);
      expect((await loadInterview(ctx, interview.id))?.interview.synthesis).toBe(synthesis);
      expect(await ctx.db.interviewSummaries.count()).toBe(1);
      expect(await listOutbox(ctx)).toEqual(before);
    }
  });

  it('keeps at most one pending outbox entry per interview: the newer edit replaces it', async () => {
    const ctx = await open(freshFactory());
    const a = sampleInterview(0);
    const b = sampleInterview(1);
    await saveInterview(ctx, { interview: a, formDrafts: {} });
    await saveInterview(ctx, { interview: b, formDrafts: {} });
    await saveInterview(ctx, { interview: { ...a, synthesis: 'v2' }, formDrafts: {} });
    await saveInterview(ctx, { interview: { ...a, synthesis: 'v3' }, formDrafts: {} });
    const outbox = await listOutbox(ctx);
    expect(outbox.map((e) => [e.seq, e.state, e.baseRevision])).toEqual([
      [`pending:interview:${a.id}`, 'pending', null],
      [`pending:interview:${b.id}`, 'pending', null],
    ]);
    // No copy: the interview row written with it is its content, until the sync freezes it.
    expect(outbox.every((e) => e.payload === undefined)).toBe(true);
    expect(await freezePendingEntries(ctx)).toBe(2);
    const frozen = await listOutbox(ctx);
    // In the order of their last edit.
    expect(frozen.map((e) => [e.entityId, e.state, e.mutationId])).toEqual([
      [b.id, 'sending', 1],
      [a.id, 'sending', 2],
    ]);
    const sent = await mutationOf(ctx, frozen[1] as OutboxEntry);
    expect((sent.payload as Interview).synthesis).toBe('v3');
  });

  it('leaves an entry being sent alone and queues the newer edit after it', async () => {
    const ctx = await open(freshFactory());
    const a = sampleInterview(0);
    await saveInterview(ctx, { interview: a, formDrafts: {} });
    await freezePendingEntries(ctx);
    const [frozen] = await listOutbox(ctx);
    await saveInterview(ctx, { interview: { ...a, synthesis: 'après envoi' }, formDrafts: {} });
    const outbox = await listOutbox(ctx);
    expect(outbox.map((e) => e.state)).toEqual(['sending', 'pending']);
    // The frozen entry is byte for byte what it was: a replay sends the same mutation.
    expect(outbox[0]).toEqual(frozen);
    expect(((await mutationOf(ctx, frozen as OutboxEntry)).payload as Interview).synthesis).toBe(
      '',
    );
  });

  it('freezes the content of the moment: an edit after the freeze waits for the next sync', async () => {
    const ctx = await open(freshFactory(), { codec: reversingCodec });
    const a = sampleInterview(0);
    await saveInterview(ctx, { interview: { ...a, synthesis: 'v1' }, formDrafts: {} });
    expect(await freezePendingEntries(ctx)).toBe(1);
    expect(await freezePendingEntries(ctx)).toBe(0);
    await saveInterview(ctx, { interview: { ...a, synthesis: 'v2' }, formDrafts: {} });
    expect(await freezePendingEntries(ctx)).toBe(1);
    const sending = await listSendingEntries(ctx);
    const sent = await Promise.all(sending.map((e) => mutationOf(ctx, e)));
    expect(sent.map((m) => [m.mutationId, (m.payload as Interview).synthesis])).toEqual([
      [1, 'v1'],
      [2, 'v2'],
    ]);
    // Each copy is encoded for the outbox: nothing about the person in clear there either.
    expect(JSON.stringify(sending)).not.toContain(a.identity.lastName);
  });

  it('bases an edit on the revision its content came from, not on one written under it', async () => {
    const ctx = await open(freshFactory());
    const a = sampleInterview(0);
    await saveInterview(ctx, { interview: a, formDrafts: {} });
    // Revision 4 (another laptop's version) lands under the open interview: the edit made on the
    // content this tab holds must reach the server as based on what it was based on, so that
    // the server reports a conflict instead of overwriting revision 4 without anyone knowing.
    await ctx.db.interviews.update(a.id, { serverRevision: 4 });
    await saveInterview(ctx, { interview: { ...a, synthesis: 'suite' }, formDrafts: {} });
    expect(await ctx.db.interviews.get(a.id)).toMatchObject({ serverRevision: null });
    expect(await listOutbox(ctx)).toMatchObject([{ state: 'pending', baseRevision: null }]);
  });

  it('takes the revision of the row while a sync step changes revisions', async () => {
    const ctx = await open(freshFactory());
    const a = sampleInterview(0);
    await saveInterview(ctx, { interview: a, formDrafts: {} });
    // An acknowledgement being recorded: its revision is on the row before this tab notes it.
    await changingRevisions(ctx, async () => {
      await ctx.db.interviews.update(a.id, { serverRevision: 4 });
      await saveInterview(ctx, { interview: { ...a, synthesis: 'pendant' }, formDrafts: {} });
    });
    expect(await ctx.db.interviews.get(a.id)).toMatchObject({ serverRevision: 4 });
    expect(await listOutbox(ctx)).toMatchObject([{ state: 'pending', baseRevision: 4 }]);
    // The revision read is the one noted from then on.
    await saveInterview(ctx, { interview: { ...a, synthesis: 'après' }, formDrafts: {} });
    expect(await listOutbox(ctx)).toMatchObject([{ state: 'pending', baseRevision: 4 }]);
  });

  it('applies the codec: nothing about the person is stored in clear', async () => {
    const ctx = await open(freshFactory(), { codec: reversingCodec });
    const interview = sampleInterview();
    await saveInterview(ctx, { interview, formDrafts: {} });
    const row = await ctx.db.interviews.get(interview.id);
    expect(row?.payload.codec).toBe('test-reverse');
    expect(JSON.stringify(row)).not.toContain(interview.identity.lastName);
    const [entry] = await listOutbox(ctx);
    expect(JSON.stringify(entry)).not.toContain(interview.identity.lastName);
    expect((await loadInterview(ctx, interview.id))?.interview).toEqual(interview);
  });

  it('refuses to write an invalid interview', async () => {
    const ctx = await open(freshFactory());
    const interview = sampleInterview();
    interview.identity.lastName = '';
    await expect(saveInterview(ctx, { interview, formDrafts: {} })).rejects.toThrow(
      /identity.lastName/,
    );
    expect(await ctx.db.interviews.count()).toBe(0);
  });

  it('refuses an invalid document even after valid saves of the same interview, naming every field', async () => {
    const ctx = await open(freshFactory());
    const interview = sampleInterview();
    await saveInterview(ctx, { interview, formDrafts: {} });
    const broken = {
      ...interview,
      identity: { ...interview.identity, birthDate: '12/03/1990' },
      place: 'x'.repeat(10_000),
      unexpected: true,
    };
    const error = await saveInterview(ctx, {
      interview: broken as unknown as Interview,
      formDrafts: {},
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(/identity\.birthDate/);
    expect((error as ValidationError).message).toMatch(/place/);
    expect((error as ValidationError).message).toMatch(/unexpected/);
    expect((await loadInterview(ctx, interview.id))?.interview).toEqual(interview);
  });

  it('lists for the agenda the drafts and the closed interviews waiting for the sync, from their summaries', async () => {
    const ctx = await open(freshFactory(), { codec: reversingCodec });
    const draft = sampleInterview(0);
    const waiting = { ...sampleInterview(1), status: 'closed' as const, closedAt: NOW };
    const synced = { ...sampleInterview(2), status: 'closed' as const, closedAt: NOW };
    for (const interview of [draft, waiting, synced]) {
      await saveInterview(ctx, { interview, formDrafts: {} });
    }
    await ctx.db.outbox.delete(`pending:interview:${synced.id}`);
    // The agenda never reads the interviews themselves: only their summaries.
    ctx.db.interviews.hook('reading', () => {
      throw new Error('the agenda read a whole interview');
    });
    const listed = await listAgendaInterviews(ctx);
    expect(listed.map((i) => [i.id, i.status, i.lastName, i.awaitingSync])).toEqual(
      expect.arrayContaining([
        [draft.id, 'draft', draft.identity.lastName, true],
        [waiting.id, 'closed', waiting.identity.lastName, true],
      ]),
    );
    expect(listed).toHaveLength(2);
    const summary = await ctx.db.interviewSummaries.get(draft.id);
    expect(summary).toMatchObject({ id: draft.id, status: 'draft', date: draft.date });
    expect(JSON.stringify(summary)).not.toContain(draft.identity.lastName);
  });

  it('keeps the summary in step with the interview: a new name, a closing, a purge', async () => {
    const ctx = await open(freshFactory());
    const interview = sampleInterview(0);
    await saveInterview(ctx, { interview, formDrafts: {} });
    const renamed = {
      ...interview,
      identity: { ...interview.identity, lastName: 'Fictif-Nouveau' },
    };
    await saveInterview(ctx, { interview: renamed, formDrafts: {} });
    expect((await listAgendaInterviews(ctx))[0]).toMatchObject({ lastName: 'Fictif-Nouveau' });
    const closedOne = { ...renamed, status: 'closed' as const, closedAt: NOW, updatedAt: NOW };
    await saveInterview(ctx, { interview: closedOne, formDrafts: {} });
    expect(await ctx.db.interviewSummaries.get(interview.id)).toMatchObject({ status: 'closed' });
    await ctx.db.outbox.clear();
    expect(await listAgendaInterviews(ctx)).toEqual([]);
  });

  it('shows an unreadable summary as such, never as garbage', async () => {
    const ctx = await open(freshFactory());
    const interview = sampleInterview(0);
    await saveInterview(ctx, { interview, formDrafts: {} });
    await ctx.db.interviewSummaries.update(interview.id, {
      payload: { codec: 'identity', data: { firstName: '', nope: 1 } },
    });
    const [listed] = await listAgendaInterviews(ctx);
    expect(listed).toMatchObject({ id: interview.id, lastName: '', date: interview.date });
    expect(listed?.readError).toMatch(/format attendu/);
  });

  it('lists interviews with their names and whether they await the sync', async () => {
    const ctx = await open(freshFactory());
    const interview = sampleInterview();
    await saveInterview(ctx, { interview, formDrafts: {} });
    await ctx.db.outbox.clear();
    const row = await ctx.db.interviews.get(interview.id);
    if (!row) throw new Error('the saved row is missing');
    await ctx.db.interviews.put({
      ...row,
      id: 'broken',
      payload: { codec: 'identity', data: { interview: { nope: true } } },
    });
    const list = await listInterviews(ctx);
    expect(list.find((s) => s.id === interview.id)).toMatchObject({
      lastName: interview.identity.lastName,
      awaitingSync: false,
      readError: null,
    });
    // Shown in French, never the record: the technical cause goes to the log.
    expect(list.find((s) => s.id === 'broken')?.readError).toMatch(/format attendu/);
  });

  it('makes a correction a new version linked to the closed one', () => {
    const closed = { ...sampleInterview(), status: 'closed' as const, closedAt: NOW };
    const next = correctionOf(closed, 'itw-next', '2026-03-03T10:00:00.000Z');
    expect(next).toMatchObject({
      id: 'itw-next',
      version: 2,
      previousVersionId: closed.id,
      status: 'draft',
      closedAt: null,
    });
  });
});

/** Rows as schema version 2 wrote them: an interview and its pending entry with its own copy. */
async function writeAsVersion2(ctx: StorageContext, interview: Interview, seq = 1) {
  await ctx.db.table('interviews').put({
    id: interview.id,
    beneficiaryId: interview.beneficiaryId,
    status: interview.status,
    date: interview.date,
    updatedAt: interview.updatedAt,
    version: interview.version,
    previousVersionId: interview.previousVersionId,
    serverRevision: null,
    payload: { codec: 'identity', data: { interview, formDrafts: {} } },
  });
  await ctx.db.table('outbox').add({
    seq,
    entityType: 'interview',
    entityId: interview.id,
    payload: { codec: 'identity', data: interview },
    baseRevision: null,
    createdAt: NOW,
    state: 'pending',
  });
}

describe('schema versions', () => {
  it('upgrades a version 2 database: summaries for the agenda, pending entries keyed by record, copies kept', async () => {
    const factory = freshFactory();
    const v2 = await open(factory, { migrations: MIGRATIONS.slice(0, 2) });
    const draft = { ...sampleInterview(0), synthesis: 'écrit par la version 2' };
    const synced = { ...sampleInterview(1), status: 'closed' as const, closedAt: NOW };
    await writeAsVersion2(v2, draft, 7);
    await v2.db.table('interviews').put({
      id: synced.id,
      beneficiaryId: synced.beneficiaryId,
      status: 'closed',
      date: synced.date,
      updatedAt: synced.updatedAt,
      version: 1,
      previousVersionId: null,
      serverRevision: 2,
      acknowledgedAt: NOW,
      payload: { codec: 'identity', data: { interview: synced, formDrafts: {} } },
    });
    const sending = { ...sampleInterview(2), synthesis: 'déjà gelée' };
    await writeAsVersion2(v2, sending, 3);
    await v2.db.table('outbox').update(3, { state: 'sending', mutationId: 5 });
    await v2.db.table('meta').put({ key: SYNC_META.nextMutationId, value: 6 });
    v2.db.close();

    const v3 = await open(factory);
    expect(v3.db.verno).toBe(3);
    // Every interview has its summary row, names to be built once the codec can be used.
    expect(await v3.db.interviewSummaries.toArray()).toEqual([
      {
        id: draft.id,
        beneficiaryId: draft.beneficiaryId,
        status: 'draft',
        date: draft.date,
        updatedAt: draft.updatedAt,
        version: 1,
        payload: null,
      },
      {
        id: synced.id,
        beneficiaryId: synced.beneficiaryId,
        status: 'closed',
        date: synced.date,
        updatedAt: synced.updatedAt,
        version: 1,
        payload: null,
      },
      {
        id: sending.id,
        beneficiaryId: sending.beneficiaryId,
        status: 'draft',
        date: sending.date,
        updatedAt: sending.updatedAt,
        version: 1,
        payload: null,
      },
    ]);
    // The pending entry moved to its record's key with its copy; the frozen one did not move.
    expect((await listOutbox(v3)).map((e) => [e.seq, e.state, e.payload?.codec])).toEqual([
      [3, 'sending', 'identity'],
      [`pending:interview:${draft.id}`, 'pending', 'identity'],
    ]);

    // The agenda builds and stores the missing summaries of what it lists.
    const listed = await listAgendaInterviews(v3);
    expect(listed.map((i) => [i.id, i.lastName, i.readError]).sort()).toEqual(
      [
        [draft.id, draft.identity.lastName, null],
        [sending.id, sending.identity.lastName, null],
      ].sort(),
    );
    expect((await v3.db.interviewSummaries.get(draft.id))?.payload).not.toBeNull();
    expect((await v3.db.interviewSummaries.get(synced.id))?.payload).toBeNull();

    // The old copy is what the sync sends, after the frozen entry; a new save replaces it.
    expect(await freezePendingEntries(v3)).toBe(1);
    const sent = await Promise.all((await listSendingEntries(v3)).map((e) => mutationOf(v3, e)));
    expect(sent.map((m) => [m.mutationId, (m.payload as Interview).synthesis])).toEqual([
      [5, 'déjà gelée'],
      [6, 'écrit par la version 2'],
    ]);
    await saveInterview(v3, { interview: { ...synced, synthesis: 'rouvert' }, formDrafts: {} });
    expect(await v3.db.interviews.get(synced.id)).toMatchObject({ serverRevision: 2 });
    expect(await v3.db.outbox.get(`pending:interview:${synced.id}`)).toMatchObject({
      baseRevision: 2,
    });
  });

  it('keeps a version 2 pending copy until a newer save replaces it', async () => {
    const factory = freshFactory();
    const v2 = await open(factory, { migrations: MIGRATIONS.slice(0, 2) });
    const interview = sampleInterview(0);
    await writeAsVersion2(v2, interview);
    v2.db.close();
    const v3 = await open(factory);
    await saveInterview(v3, { interview: { ...interview, synthesis: 'après' }, formDrafts: {} });
    const outbox = await listOutbox(v3);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.payload).toBeUndefined();
  });

  it('opens a database with a later schema and runs its upgrade hook', async () => {
    const factory = freshFactory();
    const current = await open(factory);
    const interview = sampleInterview();
    await saveInterview(current, { interview, formDrafts: {} });
    current.db.close();

    // A future version adds an index and fills a new clear field on every existing row.
    const last = MIGRATIONS[MIGRATIONS.length - 1] as Migration;
    const next = await open(factory, {
      migrations: [
        ...MIGRATIONS,
        {
          version: last.version + 1,
          stores: {
            ...last.stores,
            interviews: 'id, beneficiaryId, status, date, updatedAt, previousVersionId, closedAt',
          },
          upgrade: (tx) =>
            tx
              .table('interviews')
              .toCollection()
              .modify((row: { closedAt?: string | null }) => {
                row.closedAt = null;
              })
              .then(() => undefined),
        },
      ],
    });
    expect(next.db.verno).toBe(last.version + 1);
    const row = await next.db.table('interviews').get(interview.id);
    expect(row).toMatchObject({ id: interview.id, closedAt: null });
    expect((await loadInterview(next, interview.id))?.interview).toEqual(interview);
    expect(await next.db.table('interviews').where('closedAt').equals('x').count()).toBe(0);
  });

  it('upgrades a stored document from before formDrafts existed', async () => {
    const ctx = await open(freshFactory());
    const interview = sampleInterview();
    await saveInterview(ctx, { interview, formDrafts: {} });
    await ctx.db.interviews.update(interview.id, {
      payload: { codec: 'identity', data: { interview } },
    });
    expect(await loadInterview(ctx, interview.id)).toEqual({ interview, formDrafts: {} });
  });

  it('refuses, with a clear message, a record written by a newer app', async () => {
    const ctx = await open(freshFactory());
    const interview = sampleInterview();
    await saveInterview(ctx, { interview, formDrafts: {} });
    await ctx.db.interviews.update(interview.id, {
      payload: { codec: 'identity', data: { interview: { ...interview, schemaVersion: 9 } } },
    });
    await expect(loadInterview(ctx, interview.id)).rejects.toThrow(/newer than this app/);
  });

  it('opens with strict durability', () => {
    const db = createDatabase({ indexedDB: freshFactory(), IDBKeyRange });
    // Dexie keeps its options; strict durability is what makes "saved" mean "on disk".
    expect(
      (db as unknown as { _options: { chromeTransactionDurability: string } })._options,
    ).toMatchObject({ chromeTransactionDurability: 'strict' });
  });
});

describe('databases written before encryption', () => {
  it('are converted once: later unlocks do not read the whole database again', async () => {
    const factory = freshFactory();
    const clear = await open(factory, { codec: identityCodec });
    const interview = sampleInterview();
    await saveInterview(clear, { interview, formDrafts: {} });
    const ctx = await open(factory, { codec: reversingCodec });
    // The row, its summary and nothing else (the pending entry has no copy).
    expect(await encryptLegacyRows(ctx, reversingCodec)).toBe(2);
    expect((await ctx.db.interviewSummaries.get(interview.id))?.payload?.codec).toBe(
      'test-reverse',
    );
    ctx.db.interviews.hook('reading', () => {
      throw new Error('read the interviews again');
    });
    expect(await encryptLegacyRows(ctx, reversingCodec)).toBe(0);
  });
});

describe('people and agenda', () => {
  it('finds a duplicate whatever the case and accents of the name', async () => {
    const ctx = await open(freshFactory());
    const person = { ...samplePerson(), lastName: 'Fictif-Éloïse', firstName: 'Noa' };
    await createBeneficiary(ctx, person);
    const dups = await findDuplicates(ctx, {
      lastName: 'fictif eloise',
      firstName: 'NOA',
      birthDate: person.birthDate,
    });
    expect(dups.map((d) => d.id)).toEqual([person.id]);
    expect(await findDuplicates(ctx, { ...person, birthDate: '1990-01-01' })).toHaveLength(0);
    expect((await listOutbox(ctx))[0]).toMatchObject({ entityType: 'beneficiary' });
  });

  it('seeds the demo agenda only into an empty database', async () => {
    const ctx = await open(freshFactory());
    expect(await seedDemoIfEmpty(ctx, TODAY)).toBe(true);
    expect(await listAgenda(ctx)).toHaveLength(DEMO_PEOPLE);
    // Two interviews in progress; the closed past (for the dashboard) is stored as already synced.
    expect((await listInterviews(ctx)).filter((i) => i.status === 'draft')).toHaveLength(2);
    expect(await listOutbox(ctx)).toHaveLength(2);
    expect(await seedDemoIfEmpty(ctx, TODAY)).toBe(false);
    const names = (await listAgenda(ctx)).length;
    expect(names).toBe(DEMO_PEOPLE);
  });

  it('imports people without queuing them for sync', async () => {
    const ctx = await open(freshFactory());
    await importPeople(ctx, [{ beneficiary: samplePerson(3), convocation: null }]);
    expect(await listOutbox(ctx)).toHaveLength(0);
  });
});

describe('storage failures', () => {
  it('recognises a full disk whatever layer reports it', () => {
    const quota = new DOMException('full', 'QuotaExceededError');
    expect(classifyStorageError(quota).kind).toBe('quota');
    expect(classifyStorageError({ name: 'AbortError', inner: quota }).kind).toBe('quota');
    expect(classifyStorageError(quota).userMessage).toMatch(/plus assez de place/);
    expect(classifyStorageError(new Error('x')).kind).toBe('unknown');
  });

  it('surfaces a quota error from a save as a StorageFailure', async () => {
    const ctx = await open(freshFactory());
    const interview = sampleInterview();
    // Twice: the save that reads the row first, then the one that writes at once.
    for (let i = 0; i < 2; i++) {
      const error = await withFailingPuts(
        'interviews',
        () => new DOMException('full', 'QuotaExceededError'),
        () => saveInterview(ctx, { interview, formDrafts: {} }),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StorageFailure);
      expect((error as StorageFailure).kind).toBe('quota');
      await saveInterview(ctx, { interview, formDrafts: {} });
    }
  });

  it('asks for persistent storage and reports its state', async () => {
    const granted = await requestPersistence({
      persisted: () => Promise.resolve(false),
      persist: () => Promise.resolve(true),
      estimate: () => Promise.resolve({ usage: 10, quota: 100 }),
    } as unknown as StorageManager);
    expect(granted).toEqual({ state: 'granted', usageBytes: 10, quotaBytes: 100 });
    expect((await requestPersistence(undefined)).state).toBe('unsupported');
  });
});
