/**
 * Encryption at rest through the real Dexie repositories on fake-indexeddb: round trips, stored
 * rows without personal text, tampering and wrong keys as typed errors, the migration of clear
 * databases, key rotation, PIN change, the persisted throttle, the keychain wrapping, the lock
 * and the encrypted journal.
 */
import { describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { DecryptionError } from '../../../renderer/security/aes-gcm';
import { generateDataKey, nonExtractableCopy } from '../../../renderer/security/key-wrapping';
import { SecuritySession } from '../../../renderer/security/session';
import {
  changePin,
  createKeyEnvelope,
  KeychainUnavailableError,
  readKeyEnvelope,
  recoverWithCode,
  rotateDataKey,
  ThrottledError,
  unlockWithPin,
  WrongPinError,
  type Keychain,
  type KeychainResult,
} from '../../../renderer/security/vault';
import {
  AES_GCM_CODEC_ID,
  createAesGcmCodec,
  createBeneficiary,
  createSessionCodec,
  encryptLegacyRows,
  exportPersonData,
  identityCodec,
  importPeople,
  listAgenda,
  listBeneficiaries,
  listInterviews,
  listOutbox,
  loadInterview,
  prepareInterview,
  saveInterview,
  SessionLockedError,
  type PayloadCodec,
  type StorageContext,
} from '../../../renderer/storage';
import {
  InterviewDraftStore,
  InterviewJournal,
  JOURNAL_PREFIX,
} from '../../../renderer/features/interview/draft-store';
import { open, NOW, sampleInterview, samplePerson } from '../helpers';

const FAST = { iterations: 1_000 };
const PIN = '482913';
const MARKER = 'NOTE-SECRETE-7f3a';

const noKeychain: Keychain = {
  wrapSecret: () => Promise.resolve({ ok: false, reason: 'unsupported', message: 'navigateur' }),
  unwrapSecret: () => Promise.resolve({ ok: false, reason: 'unsupported', message: 'navigateur' }),
};

/** A stand-in for safeStorage: reversible, and able to "lose" its secret like another OS user. */
function fakeKeychain(): Keychain & { forget: () => void } {
  let works = true;
  const flip = (text: string) => Buffer.from(text, 'base64').reverse().toString('base64');
  return {
    wrapSecret: (plain) => Promise.resolve({ ok: true, value: flip(plain) }),
    unwrapSecret: (wrapped): Promise<KeychainResult> =>
      Promise.resolve(
        works
          ? { ok: true, value: flip(wrapped) }
          : { ok: false, reason: 'undecryptable', message: 'autre session' },
      ),
    forget: () => {
      works = false;
    },
  };
}

async function keyedCodec(): Promise<PayloadCodec & { keyId: string }> {
  const { key, keyId } = await generateDataKey();
  return createAesGcmCodec(await nonExtractableCopy(key), keyId);
}

/** Everything stored, as the text a disk scan of the object stores would see. */
async function rawDump(ctx: StorageContext): Promise<string> {
  const tables = ['beneficiaries', 'agenda', 'interviews', 'outbox', 'meta'];
  const rows = await Promise.all(tables.map((t) => ctx.db.table(t).toArray()));
  return JSON.stringify(rows);
}

function frenchDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

async function fillWithOnePerson(ctx: StorageContext) {
  const person = samplePerson(3);
  const interview = sampleInterview(3);
  interview.synthesis = `Situation familiale difficile — ${MARKER}`;
  interview.barriers.health = { situations: [], severity: null, notes: `santé ${MARKER}` };
  await importPeople(ctx, [
    {
      beneficiary: person,
      convocation: {
        id: 'conv-1',
        beneficiaryId: person.id,
        convocationAt: '2026-03-02T09:00:00+01:00',
        place: 'Tourcoing',
        status: 'planned',
        declared: { maritalStatus: 'single', dependentChildren: 2 },
        updatedAt: NOW,
      },
    },
  ]);
  await createBeneficiary(ctx, { ...samplePerson(4), id: 'created-on-laptop' });
  await saveInterview(ctx, { interview, formDrafts: { 'identity.email': 'alix@' } });
  return { person, interview };
}

function expectNoPersonalText(dump: string, person: { lastName: string; birthDate: string }) {
  expect(dump).not.toContain(person.lastName);
  expect(dump).not.toContain(person.birthDate);
  expect(dump).not.toContain(frenchDate(person.birthDate));
  expect(dump).not.toContain(MARKER);
  expect(dump).not.toContain('alix@');
}

describe('the AES-GCM codec through the repositories', () => {
  it('reads back everything it wrote, and the stored rows hold no name, birth date or note', async () => {
    const ctx = await open(new IDBFactory(), { codec: await keyedCodec() });
    const { person, interview } = await fillWithOnePerson(ctx);
    expect((await loadInterview(ctx, interview.id))?.interview).toEqual(interview);
    expect((await listBeneficiaries(ctx)).map((b) => b.lastName).sort()).toEqual(
      [person.lastName, samplePerson(4).lastName].sort(),
    );
    expect((await listAgenda(ctx))[0]?.declared).toEqual({
      maritalStatus: 'single',
      dependentChildren: 2,
    });
    const summary = (await listInterviews(ctx))[0];
    expect(summary).toMatchObject({ lastName: interview.identity.lastName, readError: null });
    expect(await listOutbox(ctx)).toHaveLength(2);

    const dump = await rawDump(ctx);
    expectNoPersonalText(dump, person);
    expect(dump).not.toContain(samplePerson(4).lastName);
    // The control: the same data through the identity codec is found by the same search.
    const clear = await open(new IDBFactory(), { codec: identityCodec });
    await fillWithOnePerson(clear);
    const clearDump = await rawDump(clear);
    expect(clearDump).toContain(person.lastName);
    expect(clearDump).toContain(MARKER);
  });

  it('keeps in clear only ids, dates, status and revisions in the indexed fields', async () => {
    const ctx = await open(new IDBFactory(), { codec: await keyedCodec() });
    await fillWithOnePerson(ctx);
    const row = await ctx.db.interviews.get('itw-3');
    expect(Object.keys(row ?? {}).sort()).toEqual(
      [
        'beneficiaryId',
        'date',
        'id',
        'payload',
        'previousVersionId',
        'serverRevision',
        'status',
        'updatedAt',
        'version',
      ].sort(),
    );
    expect(row?.payload.codec).toBe(AES_GCM_CODEC_ID);
    for (const name of ['beneficiaries', 'agenda', 'interviews', 'outbox']) {
      const indexes = ctx.db.table(name).schema.indexes.map((i) => i.name);
      expect(indexes.join(',')).not.toMatch(/name|birth|note|email|phone|address/i);
    }
  });

  it('refuses a tampered record with a typed error carrying a French message, never garbage', async () => {
    const ctx = await open(new IDBFactory(), { codec: await keyedCodec() });
    const { interview } = await fillWithOnePerson(ctx);
    const row = await ctx.db.interviews.get(interview.id);
    if (!row) throw new Error('no row');
    const data = row.payload.data as { data: string };
    const bytes = Buffer.from(data.data, 'base64');
    bytes[10] = (bytes[10] as number) ^ 0x01;
    await ctx.db.interviews.put({
      ...row,
      payload: { ...row.payload, data: { ...data, data: bytes.toString('base64') } },
    });
    const error = await loadInterview(ctx, interview.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DecryptionError);
    expect((error as DecryptionError).userMessage).toMatch(/illisible/);
    const [summary] = await listInterviews(ctx);
    expect(summary?.readError).toMatch(/illisible/);
    expect(summary?.lastName).toBe('');
  });

  it('refuses a ciphertext moved to another record (bound to store and id)', async () => {
    const ctx = await open(new IDBFactory(), { codec: await keyedCodec() });
    const a = sampleInterview(1);
    const b = sampleInterview(2);
    await saveInterview(ctx, { interview: a, formDrafts: {} });
    await saveInterview(ctx, { interview: b, formDrafts: {} });
    const rowA = await ctx.db.interviews.get(a.id);
    const rowB = await ctx.db.interviews.get(b.id);
    if (!rowA || !rowB) throw new Error('missing rows');
    await ctx.db.interviews.put({ ...rowB, payload: rowA.payload });
    await expect(loadInterview(ctx, b.id)).rejects.toBeInstanceOf(DecryptionError);
  });

  it('refuses data under another key (typed error), whether the key id says so or lies', async () => {
    const factory = new IDBFactory();
    const writer = await open(factory, { codec: await keyedCodec() });
    const { interview } = await fillWithOnePerson(writer);
    writer.db.close();
    const other = await open(factory, { codec: await keyedCodec() });
    const error = await loadInterview(other, interview.id).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'DecryptionError', reason: 'other-key' });
    expect((error as DecryptionError).userMessage).toMatch(/autre clé/);
    // Another key claiming the right id: the authentication tag still fails.
    const { key } = await generateDataKey();
    const row = await other.db.interviews.get(interview.id);
    const liar = createAesGcmCodec(key, (row?.payload.data as { keyId: string }).keyId);
    const liarCtx = { ...other, codec: liar };
    await expect(loadInterview(liarCtx, interview.id)).rejects.toMatchObject({
      name: 'DecryptionError',
      reason: 'tampered-or-wrong-key',
    });
  });

  it('refuses a clear payload planted where an encrypted one is expected', async () => {
    const ctx = await open(new IDBFactory(), { codec: await keyedCodec() });
    const { interview } = await fillWithOnePerson(ctx);
    const row = await ctx.db.interviews.get(interview.id);
    if (!row) throw new Error('no row');
    await ctx.db.interviews.put({
      ...row,
      payload: { codec: 'identity', data: { interview, formDrafts: {} } },
    });
    await expect(loadInterview(ctx, interview.id)).rejects.toMatchObject({
      name: 'UnknownCodecError',
    });
  });
});

describe('the key lifecycle', () => {
  it('stores only wrapped forms of the key; the PIN unlocks it, a wrong PIN is a WrongPinError', async () => {
    const ctx = await open(new IDBFactory(), { codec: identityCodec });
    const enrolment = await createKeyEnvelope(ctx, noKeychain, PIN, FAST);
    const envelope = await readKeyEnvelope(ctx);
    expect(envelope?.pin.protection).toBe('pin');
    expect(envelope?.keychainRefusal).toBeNull();
    expect(JSON.stringify(envelope)).not.toContain(enrolment.recoveryCode);
    expect(enrolment.key.extractable).toBe(false);
    await expect(unlockWithPin(ctx, noKeychain, '000000', FAST)).rejects.toBeInstanceOf(
      WrongPinError,
    );
    const unlocked = await unlockWithPin(ctx, noKeychain, PIN, FAST);
    expect(unlocked.keyId).toBe(enrolment.keyId);
  });

  it('wraps the PIN wrapping again with the OS keychain when there is one', async () => {
    const ctx = await open(new IDBFactory(), { codec: identityCodec });
    const keychain = fakeKeychain();
    const enrolment = await createKeyEnvelope(ctx, keychain, PIN, FAST);
    const envelope = await readKeyEnvelope(ctx);
    expect(envelope?.pin.protection).toBe('pin+keychain');
    expect(JSON.stringify(envelope)).not.toMatch(/"salt"[^}]*"wrapped"[^}]*pin/);
    expect((await unlockWithPin(ctx, keychain, PIN, FAST)).keyId).toBe(enrolment.keyId);
    // Another OS account (or a reset keyring): the PIN alone cannot open; the recovery code can.
    keychain.forget();
    await expect(unlockWithPin(ctx, keychain, PIN, FAST)).rejects.toBeInstanceOf(
      KeychainUnavailableError,
    );
    const recovered = await recoverWithCode(
      ctx,
      keychain,
      enrolment.recoveryCode,
      'nouveau-code',
      FAST,
    );
    expect(recovered.keyId).toBe(enrolment.keyId);
  });

  it('records why the keychain was refused (Linux basic_text) and goes on with the PIN alone', async () => {
    const ctx = await open(new IDBFactory(), { codec: identityCodec });
    const basicText: Keychain = {
      wrapSecret: () =>
        Promise.resolve({
          ok: false,
          reason: 'basic-text-backend',
          message: 'Aucun trousseau système…',
        }),
      unwrapSecret: () => Promise.reject(new Error('never called')),
    };
    const enrolment = await createKeyEnvelope(ctx, basicText, PIN, FAST);
    expect(enrolment.keychainRefusal).toEqual({
      reason: 'basic-text-backend',
      message: 'Aucun trousseau système…',
    });
    expect((await unlockWithPin(ctx, basicText, PIN, FAST)).keyId).toBe(enrolment.keyId);
  });

  it('changes the PIN by re-wrapping: records stay readable, the old PIN stops working', async () => {
    const factory = new IDBFactory();
    const meta = await open(factory, { codec: identityCodec });
    const enrolment = await createKeyEnvelope(meta, noKeychain, PIN, FAST);
    const ctx = await open(factory, { codec: createAesGcmCodec(enrolment.key, enrolment.keyId) });
    const { interview } = await fillWithOnePerson(ctx);
    const before = await ctx.db.interviews.get(interview.id);
    await changePin(ctx, noKeychain, PIN, 'autre-code-42', FAST);
    await expect(unlockWithPin(ctx, noKeychain, PIN, FAST)).rejects.toBeInstanceOf(WrongPinError);
    const unlocked = await unlockWithPin(ctx, noKeychain, 'autre-code-42', FAST);
    expect(await ctx.db.interviews.get(interview.id)).toEqual(before);
    const reader = { ...ctx, codec: createAesGcmCodec(unlocked.key, unlocked.keyId) };
    expect((await loadInterview(reader, interview.id))?.interview.synthesis).toContain(MARKER);
    await expect(
      changePin(ctx, noKeychain, 'mauvais-code', 'x'.repeat(8), FAST),
    ).rejects.toBeInstanceOf(WrongPinError);
  });

  it('slows down repeated wrong PINs, and a reload (a new database connection) does not reset it', async () => {
    const factory = new IDBFactory();
    let now = Date.parse(NOW);
    const options = { ...FAST, nowMs: () => now };
    const first = await open(factory, { codec: identityCodec });
    await createKeyEnvelope(first, noKeychain, PIN, options);
    for (let i = 0; i < 4; i++) {
      await expect(unlockWithPin(first, noKeychain, 'faux-code', options)).rejects.toBeInstanceOf(
        WrongPinError,
      );
    }
    first.db.close();
    const reloaded = await open(factory, { codec: identityCodec });
    const session = new SecuritySession({
      storage: reloaded,
      codec: createSessionCodec(),
      keychain: noKeychain,
      encryptStorage: false,
      vault: options,
    });
    expect(await session.throttleWait(now)).toBeGreaterThan(0);
    // Even the right PIN waits its turn.
    await expect(unlockWithPin(reloaded, noKeychain, PIN, options)).rejects.toBeInstanceOf(
      ThrottledError,
    );
    now += 60_000;
    await unlockWithPin(reloaded, noKeychain, PIN, options);
    expect(await session.throttleWait(now)).toBe(0);
  });

  it('counts an attempt before checking it, so leaving during the check gives no free try', async () => {
    const ctx = await open(new IDBFactory(), { codec: identityCodec });
    await createKeyEnvelope(ctx, noKeychain, PIN, FAST);
    const attempt = unlockWithPin(ctx, noKeychain, 'faux-code', FAST).catch((e: unknown) => e);
    await vi.waitFor(async () =>
      expect((await ctx.db.meta.get('security:pin-throttle'))?.value).toMatchObject({
        failures: 1,
      }),
    );
    expect(await attempt).toBeInstanceOf(WrongPinError);
  });

  it('rotates the data key: every record re-encrypted, the old key opens nothing, a new recovery code', async () => {
    const factory = new IDBFactory();
    const meta = await open(factory, { codec: identityCodec });
    const enrolment = await createKeyEnvelope(meta, noKeychain, PIN, FAST);
    const oldCodec = createAesGcmCodec(enrolment.key, enrolment.keyId);
    const ctx = await open(factory, { codec: oldCodec });
    const { person, interview } = await fillWithOnePerson(ctx);
    const rotation = await rotateDataKey(ctx, noKeychain, PIN, FAST);
    expect(rotation.keyId).not.toBe(enrolment.keyId);
    expect(rotation.rewritten).toBe(6); // 2 people, 1 convocation, 1 interview, 2 outbox entries
    await expect(loadInterview(ctx, interview.id)).rejects.toBeInstanceOf(DecryptionError);
    const unlocked = await unlockWithPin(ctx, noKeychain, PIN, FAST);
    expect(unlocked.keyId).toBe(rotation.keyId);
    const reader = { ...ctx, codec: createAesGcmCodec(unlocked.key, unlocked.keyId) };
    expect((await loadInterview(reader, interview.id))?.interview).toEqual(interview);
    expect(await listBeneficiaries(reader)).toHaveLength(2);
    expect(await listOutbox(reader)).toHaveLength(2);
    expectNoPersonalText(await rawDump(ctx), person);
    await expect(
      recoverWithCode(ctx, noKeychain, enrolment.recoveryCode, 'nouveau-code', FAST),
    ).rejects.toBeInstanceOf(WrongPinError);
    await recoverWithCode(ctx, noKeychain, rotation.recoveryCode, 'nouveau-code', FAST);
  });

  it('re-encrypts the payloads the sync engine nests in outbox conflicts and meta rows', async () => {
    const factory = new IDBFactory();
    const meta = await open(factory, { codec: identityCodec });
    const enrolment = await createKeyEnvelope(meta, noKeychain, PIN, FAST);
    const oldCodec = createAesGcmCodec(enrolment.key, enrolment.keyId);
    const ctx = await open(factory, { codec: oldCodec });
    const { interview } = await fillWithOnePerson(ctx);
    const [entry] = await listOutbox(ctx);
    if (!entry?.seq) throw new Error('no outbox entry');
    const conflictContext = { store: 'outbox', id: 'conflict:c-1' } as const;
    await ctx.db.outbox.put({
      ...entry,
      state: 'conflict',
      conflict: {
        conflictId: 'c-1',
        currentRevision: 3,
        current: await oldCodec.encode(interview, conflictContext),
      },
    });
    await ctx.db.meta.put({
      key: 'sync:credentials',
      value: await oldCodec.encode({ token: 'jeton' }, { store: 'outbox', id: 'sync:credentials' }),
    });
    const rotation = await rotateDataKey(ctx, noKeychain, PIN, FAST);
    const reader = createAesGcmCodec(
      (await unlockWithPin(ctx, noKeychain, PIN, FAST)).key,
      rotation.keyId,
    );
    const stored = await ctx.db.outbox.get(entry.seq);
    if (!stored?.conflict) throw new Error('conflict lost');
    expect(await reader.decode(stored.conflict.current, conflictContext)).toEqual(interview);
    const credentials = (await ctx.db.meta.get('sync:credentials'))?.value;
    expect(
      await reader.decode(credentials as never, { store: 'outbox', id: 'sync:credentials' }),
    ).toEqual({ token: 'jeton' });
  });
});

describe('databases written before encryption', () => {
  it('are encrypted in place on the first unlock, and stay readable', async () => {
    const factory = new IDBFactory();
    const legacy = await open(factory, { codec: identityCodec });
    const { person, interview } = await fillWithOnePerson(legacy);
    expect(await rawDump(legacy)).toContain(MARKER);
    legacy.db.close();

    const codec = createSessionCodec();
    const ctx = await open(factory, { codec });
    const session = new SecuritySession({
      storage: ctx,
      codec,
      keychain: noKeychain,
      encryptStorage: true,
      vault: FAST,
    });
    await session.start();
    expect(session.getSnapshot().kind).toBe('enrol');
    await session.enrol(PIN, 'ABCD-EFGH-JKMN-PQRS-TVWX');
    expect(session.getSnapshot().kind).toBe('unlocked');
    expectNoPersonalText(await rawDump(ctx), person);
    expect((await loadInterview(ctx, interview.id))?.interview).toEqual(interview);
    expect(await encryptLegacyRows(ctx, codec)).toBe(0);
  });
});

describe('the lock', () => {
  async function unlockedSession(factory = new IDBFactory()) {
    const codec = createSessionCodec();
    const ctx = await open(factory, { codec });
    const session = new SecuritySession({
      storage: ctx,
      codec,
      keychain: noKeychain,
      encryptStorage: true,
      vault: FAST,
    });
    await session.start();
    await session.enrol(PIN, 'ABCD-EFGH-JKMN-PQRS-TVWX');
    return { ctx, session, codec };
  }

  it('flushes unsaved edits, encrypted, before it forgets the key; then nothing can be read', async () => {
    const { ctx, session } = await unlockedSession();
    const interview = sampleInterview(5);
    await saveInterview(ctx, { interview, formDrafts: {} });
    const store = new InterviewDraftStore(
      { interview, formDrafts: {} },
      { save: (d) => saveInterview(ctx, d), now: () => '2026-03-02T10:00:00.000Z' },
    );
    session.registerBeforeLock(() => store.flushBeforeLock());
    store.update((d) => ({ ...d, interview: { ...d.interview, synthesis: MARKER } }));
    await session.lock('manual');
    expect(session.getSnapshot()).toMatchObject({ kind: 'locked', reason: 'manual' });
    expect(await rawDump(ctx)).not.toContain(MARKER);
    await expect(loadInterview(ctx, interview.id)).rejects.toBeInstanceOf(SessionLockedError);
    await session.unlock(PIN);
    expect((await loadInterview(ctx, interview.id))?.interview.synthesis).toBe(MARKER);
    store.dispose();
  });

  it('stores the idle delay (default 5 minutes) and refuses nonsense', async () => {
    const { session } = await unlockedSession();
    expect(await session.idleLockMs()).toBe(5 * 60_000);
    await session.setIdleLockMinutes(12);
    expect(await session.idleLockMs()).toBe(12 * 60_000);
    await expect(session.setIdleLockMinutes(0)).rejects.toThrow(RangeError);
  });

  it('erases the local database when the PIN and the recovery code are both lost', async () => {
    const factory = new IDBFactory();
    const { session, ctx } = await unlockedSession(factory);
    await saveInterview(ctx, { interview: sampleInterview(6), formDrafts: {} });
    await session.lock('manual');
    await session.eraseLocalData();
    const reopened = await open(factory, { codec: identityCodec });
    expect(await reopened.db.interviews.count()).toBe(0);
    expect(await readKeyEnvelope(reopened)).toBeNull();
  });
});

describe('the session journal', () => {
  function memoryStorage(): Storage {
    const map = new Map<string, string>();
    return {
      get length() {
        return map.size;
      },
      clear: () => map.clear(),
      getItem: (k) => map.get(k) ?? null,
      key: (i) => [...map.keys()][i] ?? null,
      removeItem: (k) => void map.delete(k),
      setItem: (k, v) => void map.set(k, v),
    };
  }

  it('is written encrypted (no note in sessionStorage) and read back after unlocking', async () => {
    const codec = await keyedCodec();
    const storage = memoryStorage();
    const journal = new InterviewJournal(codec, () => storage);
    const doc = { interview: { ...sampleInterview(7), synthesis: MARKER }, formDrafts: {} };
    // What the interview page keeps: the ciphertext its save prepared for the interview row.
    const ctx = await open(new IDBFactory(), { codec });
    journal.keep(doc.interview.id, (await prepareInterview(ctx, doc)).encoded.payload);
    journal.write(doc.interview.id);
    const text = storage.getItem(JOURNAL_PREFIX + doc.interview.id) ?? '';
    expect(text).not.toBe('');
    expect(text).not.toContain(MARKER);
    expect(text).not.toContain(doc.interview.identity.lastName);
    expect(await journal.read(doc.interview.id)).toEqual(doc);
    // Another key (another database) cannot read it: it is dropped, not shown.
    expect(
      await new InterviewJournal(await keyedCodec(), () => storage).read(doc.interview.id),
    ).toBe(null);
    expect(storage.length).toBe(0);
  });

  it('reads a journal encrypted under the context earlier versions used', async () => {
    const codec = await keyedCodec();
    const storage = memoryStorage();
    const doc = { interview: sampleInterview(8), formDrafts: {} };
    const stored = await codec.encode(doc, { store: 'journal', id: doc.interview.id });
    storage.setItem(JOURNAL_PREFIX + doc.interview.id, JSON.stringify(stored));
    expect(await new InterviewJournal(codec, () => storage).read(doc.interview.id)).toEqual(doc);
  });

  it('reads once, then removes, a clear journal left by a version before encryption', async () => {
    const storage = memoryStorage();
    const doc = { interview: sampleInterview(8), formDrafts: {} };
    storage.setItem(JOURNAL_PREFIX + doc.interview.id, JSON.stringify(doc));
    const journal = new InterviewJournal(await keyedCodec(), () => storage);
    expect(await journal.read(doc.interview.id)).toEqual(doc);
    expect(storage.length).toBe(0);
  });
});

describe('the right of access', () => {
  it('exports everything about one person, decrypted, and nothing about anyone else', async () => {
    const ctx = await open(new IDBFactory(), { codec: await keyedCodec() });
    const { person, interview } = await fillWithOnePerson(ctx);
    await saveInterview(ctx, { interview: sampleInterview(9), formDrafts: {} });
    const exported = await exportPersonData(ctx, person.id);
    expect(exported.beneficiary).toEqual(person);
    expect(exported.convocations.map((c) => c.id)).toEqual(['conv-1']);
    expect(exported.interviews.map((i) => i.id)).toEqual([interview.id]);
    expect(exported.unfinishedFields).toEqual({ [interview.id]: { 'identity.email': 'alix@' } });
    expect(JSON.stringify(exported)).not.toContain(samplePerson(9).lastName);
  });
});
