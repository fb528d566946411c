import { IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import {
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
} from '../../../renderer/storage';
import { freshFactory, NOW, open, sampleInterview, samplePerson, TODAY } from '../helpers';

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
    await saveInterview(ctx, { interview, formDrafts: {} });
    ctx.db.outbox.hook('creating', () => {
      throw new Error('disk went away');
    });
    const edited = { ...interview, synthesis: 'texte qui ne doit pas être écrit à moitié' };
    await expect(saveInterview(ctx, { interview: edited, formDrafts: {} })).rejects.toBeInstanceOf(
      StorageFailure,
    );
    expect((await loadInterview(ctx, interview.id))?.interview.synthesis).toBe('');
    const outbox = await listOutbox(ctx);
    expect(outbox).toHaveLength(1);
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
    expect(outbox.map((e) => e.entityId)).toEqual([b.id, a.id]);
    const last = outbox[1];
    expect(last?.state).toBe('pending');
    expect((last?.payload.data as { synthesis: string }).synthesis).toBe('v3');
    expect(last?.baseRevision).toBeNull();
  });

  it('leaves an entry being sent alone and queues the newer edit after it', async () => {
    const ctx = await open(freshFactory());
    const a = sampleInterview(0);
    await saveInterview(ctx, { interview: a, formDrafts: {} });
    await ctx.db.outbox.toCollection().modify({ state: 'sending' });
    await saveInterview(ctx, { interview: { ...a, synthesis: 'après envoi' }, formDrafts: {} });
    expect((await listOutbox(ctx)).map((e) => e.state)).toEqual(['sending', 'pending']);
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

describe('schema versions', () => {
  it('opens a database written by version 1 with a later schema and runs its upgrade hook', async () => {
    const factory = freshFactory();
    const v1 = await open(factory, { migrations: MIGRATIONS.slice(0, 1) });
    const interview = sampleInterview();
    await saveInterview(v1, { interview, formDrafts: {} });
    v1.db.close();

    // A future version 2 adds an index and fills a new clear field on every existing row.
    const v2 = await open(factory, {
      migrations: [
        // Only version 1: this test plays a hypothetical version 2 of its own.
        ...MIGRATIONS.slice(0, 1),
        {
          version: 2,
          stores: {
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
    expect(v2.db.verno).toBe(2);
    const row = await v2.db.table('interviews').get(interview.id);
    expect(row).toMatchObject({ id: interview.id, closedAt: null });
    expect((await loadInterview(v2, interview.id))?.interview).toEqual(interview);
    expect(await v2.db.table('interviews').where('closedAt').equals('x').count()).toBe(0);
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
    ctx.db.interviews.hook('creating', () => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const error = await saveInterview(ctx, { interview: sampleInterview(), formDrafts: {} }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StorageFailure);
    expect((error as StorageFailure).kind).toBe('quota');
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
