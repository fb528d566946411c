/**
 * The laptop's sync engine against the real server (Fastify on PGlite, in process) with laptops on
 * fake-indexeddb: nothing lost, nothing duplicated, conflicts and rejections kept and shown.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBeneficiary, seededRandom } from '../../../shared/demo/fake-people';
import type { Interview } from '../../../shared/domain';
import { NORD_2023 } from '../../../shared/referential';
import {
  publishReferential,
  putBeneficiaries,
  putStructureCapacities,
} from '../../../server/admin/admin-service';
import {
  countSyncItems,
  freezePendingEntries,
  latestReferential,
  listAgendaInterviews,
  listAgenda,
  listBeneficiaries,
  listConflictNotices,
  listOutboxItems,
  listStructureCapacities,
  loadInterview,
  purgeAcknowledgedInterviews,
  readNextMutationId,
  resolveConflict,
  resolveConflictNotice,
  saveInterview,
  SYNC_META,
} from '../../../renderer/storage';
import {
  closed,
  interview,
  makeLaptop,
  serverInterviews,
  serverMutationCount,
  startServer,
  uniqueTerritory,
  type TestServer,
} from './helpers';
import { createFetchTransport } from '../../../renderer/features/sync/fetch-transport';
import { freshFactory, open } from '../helpers';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

describe('push', () => {
  it('sends closed interviews, stores the server revision and empties the outbox', async () => {
    const a = await makeLaptop(server, uniqueTerritory());
    const items = [closed(interview(1)), interview(2), closed(interview(3))];
    for (const i of items) await saveInterview(a.storage, { interview: i, formDrafts: {} });

    const report = await a.engine.sync();

    expect(report).toMatchObject({ outcome: 'done', sent: 3, acknowledged: 3, remaining: 0 });
    const ids = items.map((i) => i.id);
    expect((await serverInterviews(server, ids)).map((r) => r.revision)).toEqual([1, 1, 1]);
    expect(await a.storage.db.outbox.count()).toBe(0);
    const row = await a.storage.db.interviews.get(ids[0] as string);
    expect(row).toMatchObject({ serverRevision: 1 });
    expect(row?.acknowledgedAt).toEqual(expect.any(String));
    expect(await readNextMutationId(a.storage)).toBe(4);
  });

  it('replays a batch whose answer was lost after the commit: same ids, no duplicate', async () => {
    const a = await makeLaptop(server, uniqueTerritory(), { retry: { attempts: 1 } });
    const items = [interview(4), interview(5)];
    for (const i of items) await saveInterview(a.storage, { interview: i, formDrafts: {} });
    a.faults.loseAnswers = 1;

    const lost = await a.engine.sync();
    expect(lost.outcome).toBe('offline');
    // Committed on the server, still waiting here with their ids.
    expect(
      await serverInterviews(
        server,
        items.map((i) => i.id),
      ),
    ).toHaveLength(2);
    const frozen = await a.storage.db.outbox.toArray();
    expect(frozen.map((e) => [e.state, e.mutationId])).toEqual([
      ['sending', 1],
      ['sending', 2],
    ]);

    // An edit made meanwhile follows with the next id, after the replay.
    await saveInterview(a.storage, {
      interview: { ...(items[0] as (typeof items)[0]), place: 'Roubaix' },
      formDrafts: {},
    });
    const again = await a.restart().sync();

    expect(again).toMatchObject({ outcome: 'done', acknowledged: 3, remaining: 0 });
    expect(
      await serverMutationCount(
        server,
        items.map((i) => i.id),
      ),
    ).toBe(3);
    const rows = await serverInterviews(
      server,
      items.map((i) => i.id),
    );
    expect(rows.map((r) => r.revision).sort()).toEqual([1, 2]);
    expect(await a.storage.db.outbox.count()).toBe(0);
  });

  it('retries with backoff while the server is down, then delivers once it is back', async () => {
    const delays: number[] = [];
    const a = await makeLaptop(server, uniqueTerritory(), {
      retry: { attempts: 3, baseMs: 100, maxMs: 1000 },
      sleep: (ms) => {
        delays.push(ms);
        return Promise.resolve();
      },
    });
    const item = closed(interview(6));
    await saveInterview(a.storage, { interview: item, formDrafts: {} });
    a.faults.down = 3;

    const down = await a.engine.sync();
    expect(down.outcome).toBe('offline');
    expect(down.message).toMatch(/injoignable/);
    expect(delays).toEqual([75, 150]);
    expect(await countSyncItems(a.storage)).toMatchObject({ waiting: 1 });

    a.faults.down = 2;
    const up = await a.engine.sync();
    expect(up).toMatchObject({ outcome: 'done', acknowledged: 1 });
    expect(await serverInterviews(server, [item.id])).toHaveLength(1);
  });

  it('renumbers from the expected id when the server answers 409 mutation-gap', async () => {
    const a = await makeLaptop(server, uniqueTerritory());
    await a.storage.db.meta.put({ key: SYNC_META.nextMutationId, value: 40 });
    const items = [interview(7), interview(8)];
    for (const i of items) await saveInterview(a.storage, { interview: i, formDrafts: {} });

    const report = await a.engine.sync();

    expect(report).toMatchObject({ outcome: 'done', acknowledged: 2 });
    expect(
      await serverInterviews(
        server,
        items.map((i) => i.id),
      ),
    ).toHaveLength(2);
    expect(await readNextMutationId(a.storage)).toBe(3);
  });

  it('keeps a rejected mutation with its reason, and goes on with the others', async () => {
    const a = await makeLaptop(server, uniqueTerritory());
    const first = closed(interview(9));
    await saveInterview(a.storage, { interview: first, formDrafts: {} });
    expect((await a.engine.sync()).outcome).toBe('done');
    // A change to an interview closed on the server: refused, a correction is a new version.
    await saveInterview(a.storage, { interview: { ...first, place: 'Lille' }, formDrafts: {} });
    const other = interview(10);
    await saveInterview(a.storage, { interview: other, formDrafts: {} });

    const report = await a.engine.sync();

    expect(report).toMatchObject({ outcome: 'done', rejected: 1, acknowledged: 1 });
    const [rejected] = await listOutboxItems(a.storage);
    expect(rejected).toMatchObject({ state: 'rejected', entityId: first.id });
    expect(rejected?.rejection[0]?.message).toMatch(/closed/);
    expect(rejected?.mine?.place).toBe('Lille');
    // Never sent again, never dropped.
    const later = await a.engine.sync();
    expect(later.sent).toBe(0);
    expect(await countSyncItems(a.storage)).toMatchObject({ rejected: 1, waiting: 0 });
  });
});

describe('conflicts', () => {
  it('keeps both versions on both laptops, and "keep mine" pushes on the current revision', async () => {
    const territory = uniqueTerritory();
    const a = await makeLaptop(server, territory);
    const b = await makeLaptop(server, territory);
    const item = interview(11);
    await saveInterview(a.storage, { interview: item, formDrafts: {} });
    await a.engine.sync();
    await b.engine.sync();
    expect((await loadInterview(b.storage, item.id))?.interview.place).toBe(item.place);

    await saveInterview(a.storage, { interview: { ...item, place: 'Version A' }, formDrafts: {} });
    await a.engine.sync();
    await saveInterview(b.storage, { interview: { ...item, place: 'Version B' }, formDrafts: {} });
    const report = await b.engine.sync();

    expect(report).toMatchObject({ outcome: 'done', conflicts: 1 });
    const [conflict] = await listOutboxItems(b.storage);
    expect(conflict).toMatchObject({ state: 'conflict', currentRevision: 2 });
    expect(conflict?.mine?.place).toBe('Version B');
    expect(conflict?.theirs?.place).toBe('Version A');
    // The other side sees it too.
    await a.engine.sync();
    const notices = await listConflictNotices(a.storage);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.incoming?.place).toBe('Version B');

    await resolveConflict(b.storage, conflict?.seq as number, 'keep-mine', () => 'unused');
    expect((await b.engine.sync()).acknowledged).toBe(1);
    const [row] = await serverInterviews(server, [item.id]);
    expect(row).toMatchObject({ revision: 3 });
    expect(row?.payload.place).toBe('Version B');
    await a.engine.sync();
    expect((await loadInterview(a.storage, item.id))?.interview.place).toBe('Version B');
    await resolveConflictNotice(
      a.storage,
      notices[0]?.conflictId as string,
      'keep-mine',
      () => 'x',
    );
    expect(await countSyncItems(a.storage)).toEqual({
      waiting: 0,
      conflicts: 0,
      rejected: 0,
      notices: 0,
    });
  });

  it('"keep both" takes theirs here and sends ours as a new linked version', async () => {
    const territory = uniqueTerritory();
    const a = await makeLaptop(server, territory);
    const b = await makeLaptop(server, territory);
    const item = interview(12);
    await saveInterview(a.storage, { interview: item, formDrafts: {} });
    await a.engine.sync();
    await b.engine.sync();
    await saveInterview(a.storage, { interview: { ...item, place: 'A' }, formDrafts: {} });
    await a.engine.sync();
    await saveInterview(b.storage, { interview: { ...item, place: 'B' }, formDrafts: {} });
    await b.engine.sync();
    const [conflict] = await listOutboxItems(b.storage);
    const copyId = `${item.id}-b`;

    await resolveConflict(b.storage, conflict?.seq as number, 'keep-both', () => copyId);
    await b.engine.sync();

    expect((await loadInterview(b.storage, item.id))?.interview.place).toBe('A');
    const rows = await serverInterviews(server, [item.id, copyId]);
    expect(rows.map((r) => [r.entity_id, r.payload.place, r.payload.previousVersionId])).toEqual(
      [
        [item.id, 'A', null],
        [copyId, 'B', item.id],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
  });
});

describe('edits of an interview open on screen (saves that trust the revision they noted)', () => {
  /** What the interview page does: load once, then save each edit of the content it holds. */
  async function openOnScreen(
    storage: Awaited<ReturnType<typeof makeLaptop>>['storage'],
    id: string,
  ) {
    const doc = await loadInterview(storage, id);
    if (!doc) throw new Error(`no interview ${id}`);
    let current = doc.interview;
    return (change: Partial<Interview>) => {
      current = { ...current, ...change };
      return saveInterview(storage, { interview: current, formDrafts: {} });
    };
  }

  it('bases the edits after an acknowledgement on the revision it stored: no conflict', async () => {
    const a = await makeLaptop(server, uniqueTerritory());
    const item = interview(20);
    await saveInterview(a.storage, { interview: item, formDrafts: {} });
    const edit = await openOnScreen(a.storage, item.id);
    await edit({ place: 'Lille' });
    expect(await a.engine.sync()).toMatchObject({ acknowledged: 1, conflicts: 0 });
    await edit({ place: 'Roubaix' });
    expect(await a.storage.db.outbox.toArray()).toMatchObject([{ baseRevision: 1 }]);
    expect(await a.engine.sync()).toMatchObject({ acknowledged: 1, conflicts: 0 });
    const [row] = await serverInterviews(server, [item.id]);
    expect(row).toMatchObject({ revision: 2 });
    expect(row?.payload.place).toBe('Roubaix');
  });

  it('reports a conflict, never overwrites, when another version was pulled under the open interview', async () => {
    const territory = uniqueTerritory();
    const a = await makeLaptop(server, territory);
    const b = await makeLaptop(server, territory);
    const item = interview(21);
    await saveInterview(a.storage, { interview: item, formDrafts: {} });
    await a.engine.sync();
    await b.engine.sync();
    const editOnB = await openOnScreen(b.storage, item.id);
    await saveInterview(a.storage, { interview: { ...item, place: 'Version A' }, formDrafts: {} });
    await a.engine.sync();
    // B pulls A's version (revision 2) while its screen still shows revision 1, then types.
    await b.engine.sync();
    await editOnB({ synthesis: 'écrit sur B' });

    expect(await b.engine.sync()).toMatchObject({ conflicts: 1 });
    const [row] = await serverInterviews(server, [item.id]);
    expect(row).toMatchObject({ revision: 2 });
    expect(row?.payload.place).toBe('Version A');
    const [conflict] = await listOutboxItems(b.storage);
    expect(conflict?.mine?.synthesis).toBe('écrit sur B');
    expect(conflict?.theirs?.place).toBe('Version A');
  });
});

describe('outbox entries without a copy', () => {
  it('sends what the interview was when the sync froze it, and the edit made during the push next time', async () => {
    const a = await makeLaptop(server, uniqueTerritory());
    const item = interview(30);
    await saveInterview(a.storage, { interview: { ...item, place: 'Avant' }, formDrafts: {} });
    // Freeze, then an edit while the push is on its way.
    const frozen = await freezePendingEntries(a.storage);
    expect(frozen).toBe(1);
    await saveInterview(a.storage, { interview: { ...item, place: 'Pendant' }, formDrafts: {} });
    const first = await a.engine.sync();
    expect(first).toMatchObject({ outcome: 'done', sent: 2, acknowledged: 2 });
    const [row] = await serverInterviews(server, [item.id]);
    expect(row).toMatchObject({ revision: 2 });
    expect(row?.payload.place).toBe('Pendant');
    expect(await serverMutationCount(server, [item.id])).toBe(2);
  });

  it('lists a pending entry on the sync page with the interview it points to', async () => {
    const a = await makeLaptop(server, uniqueTerritory());
    const item = interview(31);
    await saveInterview(a.storage, { interview: { ...item, place: 'Ici' }, formDrafts: {} });
    const [pending] = await listOutboxItems(a.storage);
    expect(pending).toMatchObject({ state: 'pending', mutationId: null, readError: null });
    expect(pending?.mine?.place).toBe('Ici');
    // An unreadable interview stays pending, shown with its error, and blocks nothing else.
    const other = interview(32);
    await saveInterview(a.storage, { interview: other, formDrafts: {} });
    await a.storage.db.interviews.update(other.id, {
      payload: { codec: 'identity', data: { interview: { id: other.id } } },
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const report = await a.engine.sync();
    expect(logged).toHaveBeenCalledWith(
      expect.stringContaining('cannot be frozen'),
      expect.anything(),
    );
    logged.mockRestore();
    expect(report).toMatchObject({ outcome: 'done', acknowledged: 1 });
    const [stuck] = await listOutboxItems(a.storage);
    expect(stuck).toMatchObject({ entityId: other.id, state: 'pending' });
    expect(stuck?.readError).toMatch(/interview/);
  });

  it('"keep mine" sends the newest local edit, based on the current revision', async () => {
    const territory = uniqueTerritory();
    const a = await makeLaptop(server, territory);
    const b = await makeLaptop(server, territory);
    const item = interview(33);
    await saveInterview(a.storage, { interview: item, formDrafts: {} });
    await a.engine.sync();
    await b.engine.sync();
    await saveInterview(a.storage, { interview: { ...item, place: 'A' }, formDrafts: {} });
    await a.engine.sync();
    await saveInterview(b.storage, { interview: { ...item, place: 'B1' }, formDrafts: {} });
    await b.engine.sync();
    // Edited again while the conflict waits.
    await saveInterview(b.storage, { interview: { ...item, place: 'B2' }, formDrafts: {} });
    const conflict = (await listOutboxItems(b.storage)).find((i) => i.state === 'conflict');
    await resolveConflict(b.storage, conflict?.seq as number, 'keep-mine', () => 'unused');
    expect(await b.engine.sync()).toMatchObject({ outcome: 'done', acknowledged: 1 });
    const [row] = await serverInterviews(server, [item.id]);
    expect(row?.payload.place).toBe('B2');
    expect(await b.storage.db.interviews.get(item.id)).toMatchObject({ serverRevision: 3 });
  });
});

describe('pull', () => {
  it('pages through the agenda, référentiels and capacities, and a reset duplicates nothing', async () => {
    const territory = uniqueTerritory();
    const random = seededRandom(3);
    const records = Array.from({ length: 5 }, (_, index) => {
      const beneficiary = fakeBeneficiary(random, index, '2026-03-02');
      return {
        beneficiary: { ...beneficiary, id: `${territory}-b${index}` },
        convocation: { date: '2026-03-09', time: '09:30', place: 'Tourcoing' },
      };
    });
    await putBeneficiaries(server.db, { territory, records });
    const { contentHash: _hash, ...data } = NORD_2023;
    const version = `9.${Date.now()}.0`;
    await publishReferential(server.db, { data: { ...data, version } });
    await putStructureCapacities(server.db, {
      territory,
      capacities: [
        { structureCode: 'S1', label: 'Mission locale', availablePlaces: 4, asOf: '2026-03-01' },
      ],
    });
    const a = await makeLaptop(server, territory, { pullLimit: 2 });

    const report = await a.engine.sync();

    expect(report.outcome).toBe('done');
    expect(a.calls.filter((c) => c === '/sync/pull').length).toBeGreaterThanOrEqual(4);
    expect(await listBeneficiaries(a.storage)).toHaveLength(5);
    const agenda = await listAgenda(a.storage);
    expect(agenda).toHaveLength(5);
    expect(agenda[0]).toMatchObject({ place: 'Tourcoing', status: 'planned' });
    expect((await latestReferential(a.storage, NORD_2023)).version).toBe(version);
    expect(await listStructureCapacities(a.storage)).toEqual([
      expect.objectContaining({ structureCode: 'S1', availablePlaces: 4 }),
    ]);

    await a.storage.db.meta.put({ key: SYNC_META.cursor, value: 'another-server.12' });
    const again = await a.engine.sync();
    expect(again.outcome).toBe('done');
    expect(again.pulled).toBeGreaterThanOrEqual(7);
    expect(await listBeneficiaries(a.storage)).toHaveLength(5);
    expect(await listAgenda(a.storage)).toHaveLength(5);
    expect(await listStructureCapacities(a.storage)).toHaveLength(1);
  });

  it('brings a closed interview of another laptop, and never overwrites a local edit', async () => {
    const territory = uniqueTerritory();
    const a = await makeLaptop(server, territory);
    const b = await makeLaptop(server, territory);
    const item = closed(interview(13));
    await saveInterview(a.storage, { interview: item, formDrafts: {} });
    await a.engine.sync();
    await b.engine.sync();
    expect((await loadInterview(b.storage, item.id))?.interview.status).toBe('closed');
    expect(await b.storage.db.interviews.get(item.id)).toMatchObject({ serverRevision: 1 });
    // Its summary is stored with it: the agenda lists it as soon as it is edited again here.
    expect(await b.storage.db.interviewSummaries.get(item.id)).toMatchObject({
      status: 'closed',
      payload: { codec: 'identity', data: { lastName: item.identity.lastName } },
    });
    await saveInterview(b.storage, { interview: { ...item, place: 'B' }, formDrafts: {} });
    expect(await listAgendaInterviews(b.storage)).toEqual([
      expect.objectContaining({ id: item.id, awaitingSync: true, readError: null }),
    ]);
  });
});

describe('enrolment', () => {
  it('stops with "not enrolled" or "unauthorized" without touching the outbox', async () => {
    const a = await makeLaptop(server, uniqueTerritory());
    await saveInterview(a.storage, { interview: interview(14), formDrafts: {} });
    await server.db.query('UPDATE devices SET revoked_at = now() WHERE id = $1', [
      (await a.transport.status()).deviceId,
    ]);
    const report = await a.engine.sync();
    expect(report.outcome).toBe('unauthorized');
    expect(report.message).toMatch(/enrôlez-le à nouveau/);
    expect(await countSyncItems(a.storage)).toMatchObject({ waiting: 1 });
  });
});

describe('enrolment refused for too many wrong codes', () => {
  it('says in French to wait, and stores no credentials', async () => {
    const storage = await open(freshFactory());
    const transport = createFetchTransport({
      storage,
      fetch: async () =>
        new Response(
          JSON.stringify({ error: { code: 'too-many-requests', message: 'try again later' } }),
          { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '900' } },
        ),
    });
    const outcome = await transport.enrol({
      serverUrl: server.url,
      code: 'AAAA-BBBB-CCCC',
      deviceName: 'Portable',
    });
    expect(outcome).toMatchObject({ ok: false, reason: 'refused' });
    expect(outcome.ok === false && outcome.message).toMatch(/Trop de codes .* réessayez/);
    expect((await transport.status()).enrolled).toBe(false);
  });
});

describe('purge', () => {
  it('purges acknowledged closed interviews after the delay, never anything unacknowledged', async () => {
    let clock = Date.parse('2026-03-02T18:00:00.000Z');
    const territory = uniqueTerritory();
    const a = await makeLaptop(server, territory, { now: () => new Date(clock).toISOString() });
    const acknowledged = closed(interview(20));
    const draft = interview(21);
    const rejected = closed(interview(22));
    for (const i of [acknowledged, draft, rejected]) {
      await saveInterview(a.storage, { interview: i, formDrafts: {} });
    }
    await a.engine.sync();
    await saveInterview(a.storage, { interview: { ...rejected, place: 'X' }, formDrafts: {} });
    const offline = closed(interview(23));
    await saveInterview(a.storage, { interview: offline, formDrafts: {} });
    a.faults.down = 100;
    expect((await a.engine.sync()).outcome).toBe('offline');
    a.faults.down = 0;
    const sending = closed(interview(24));
    await saveInterview(a.storage, { interview: sending, formDrafts: {} });

    clock += 29 * 86_400_000;
    expect(await purgeAcknowledgedInterviews(a.storage)).toEqual([]);
    clock += 2 * 86_400_000;
    // Offline again: the entries wait (pending or sent without answer).
    a.faults.down = 100;
    await a.engine.sync();
    expect(await purgeAcknowledgedInterviews(a.storage)).toEqual([acknowledged.id]);
    const left = (await a.storage.db.interviews.toArray()).map((r) => r.id).sort();
    expect(left).toEqual([draft.id, rejected.id, offline.id, sending.id].sort());
    expect(await a.storage.db.interviewSummaries.get(acknowledged.id)).toBeUndefined();

    // A reset pull does not bring the purged interview back.
    a.faults.down = 0;
    await a.storage.db.meta.put({ key: SYNC_META.cursor, value: 'another-server.1' });
    await a.engine.sync();
    expect(await a.storage.db.interviews.get(acknowledged.id)).toBeUndefined();
    // Now synced, but acknowledged today: kept for the delay.
    expect(await a.storage.db.interviews.get(offline.id)).toBeDefined();
    expect(await purgeAcknowledgedInterviews(a.storage, { retentionDays: 0 })).toEqual(
      [offline.id, sending.id].sort(),
    );
    expect(await countSyncItems(a.storage)).toMatchObject({ rejected: 1 });
  });
});
