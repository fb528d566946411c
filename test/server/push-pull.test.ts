import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Interview } from '../../shared/domain/interview';
import type { UpgradeTable } from '../../shared/sync/decide-mutation';
import { startHarness, type Harness } from './helpers/harness';
import { ENGINES } from './helpers/engines';
import {
  interviewMutation,
  pull,
  pullAll,
  push,
  pushOk,
  testInterview,
  uniqueTerritory,
} from './helpers/harness';

/** A pretend schema version 0, to show how an older laptop's outbox is upgraded on push. */
const V0_UPGRADES: UpgradeTable = {
  0: (payload) => {
    const { lieu, ...rest } = payload as Record<string, unknown>;
    return { ...rest, place: lieu, schemaVersion: 1 };
  },
};

function edited(
  interview: Interview,
  synthesis: string,
  updatedAt = '2026-03-02T10:00:00Z',
): Interview {
  return { ...interview, synthesis, updatedAt };
}

async function countRows(h: Harness, sql: string, params: unknown[]): Promise<number> {
  const { rows } = await h.db.query<{ n: number }>(sql, params);
  return Number(rows[0]?.n ?? 0);
}

describe.each(ENGINES)('push and pull on $name', (engine) => {
  let h: Harness;
  let upgraded: Harness;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const opened = await engine.open();
    dispose = opened.dispose;
    h = await startHarness(opened.db);
    upgraded = await startHarness(opened.db, { upgrades: V0_UPGRADES });
  });
  afterAll(async () => {
    await h.app.close();
    await upgraded.app.close();
    await dispose();
  });

  it("applies a new interview, then the same laptop's offline edits without conflict", async () => {
    const device = await h.enrol('pe-advisor', uniqueTerritory());
    const interview = testInterview(1, `itw-${device.territory}`);
    // Edited three times offline: every mutation names the revision last seen (none).
    const answer = await pushOk(h.app, device.token, [
      interviewMutation(1, interview, null),
      interviewMutation(2, edited(interview, 'un'), null),
      interviewMutation(3, edited(interview, 'deux'), null),
    ]);
    expect(answer.results.map((r) => [r.status, 'revision' in r ? r.revision : null])).toEqual([
      ['applied', 1],
      ['applied', 2],
      ['applied', 3],
    ]);
    expect(answer.lastAppliedMutationId).toBe(3);
    // An edit written before the answer arrived still names no revision: it follows its own chain.
    const later = await pushOk(h.app, device.token, [
      interviewMutation(4, edited(interview, 'trois'), null),
    ]);
    expect(later.results[0]).toMatchObject({ status: 'applied', revision: 4 });
    const { changes } = await pullAll(h.app, device.token);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      entityType: 'interview',
      revision: 4,
      payload: { synthesis: 'trois' },
    });
  });

  it('answers a replayed batch with the stored results and changes nothing', async () => {
    const device = await h.enrol('pe-advisor', uniqueTerritory());
    const interview = testInterview(2, `itw-${device.territory}`);
    const batch = [
      interviewMutation(1, interview, null),
      interviewMutation(2, { ...interview, synthesis: 'x' }, null),
    ];
    const first = await pushOk(h.app, device.token, batch);
    const seqBefore = await countRows(h, 'SELECT value AS n FROM sync_counter', []);
    const replay = await pushOk(h.app, device.token, batch);
    expect(replay).toEqual(first);
    expect(await countRows(h, 'SELECT value AS n FROM sync_counter', [])).toBe(seqBefore);
    expect(
      await countRows(h, 'SELECT count(*) AS n FROM mutations WHERE device_id = $1', [
        device.deviceId,
      ]),
    ).toBe(2);
    // An overlapping batch: 2 is a replay, 3 is new.
    const [, second] = batch;
    if (!second) throw new Error('the batch has two mutations');
    const overlap = await pushOk(h.app, device.token, [
      second,
      interviewMutation(3, { ...interview, synthesis: 'y' }, null),
    ]);
    expect(overlap.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(overlap.results[0]).toEqual(first.results[1]);
    expect(overlap.lastAppliedMutationId).toBe(3);
  });

  it('refuses a gap with the expected id, and a reused id with another content', async () => {
    const device = await h.enrol('pe-advisor', uniqueTerritory());
    const interview = testInterview(3, `itw-${device.territory}`);
    await pushOk(h.app, device.token, [interviewMutation(1, interview, null)]);
    const gap = await push(h.app, device.token, [interviewMutation(3, interview, null)]);
    expect(gap.status).toBe(409);
    expect(gap.body).toMatchObject({ error: { code: 'mutation-gap', expectedMutationId: 2 } });
    const reused = await push(h.app, device.token, [
      interviewMutation(1, { ...interview, synthesis: 'autre' }, null),
    ]);
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ error: { code: 'mutation-id-reused' } });
    expect(
      await countRows(h, 'SELECT count(*) AS n FROM mutations WHERE device_id = $1', [
        device.deviceId,
      ]),
    ).toBe(1);
  });

  it('keeps a conflict between two laptops on both sides, then resolves it by a new push', async () => {
    const territory = uniqueTerritory();
    const a = await h.enrol('pe-advisor', territory);
    const b = await h.enrol('cd-professional', territory);
    const interview = testInterview(4, `itw-${territory}`);
    await pushOk(h.app, a.token, [interviewMutation(1, interview, null)]);
    const bSaw = await pullAll(h.app, b.token);
    expect(bSaw.changes[0]).toMatchObject({ revision: 1 });

    await pushOk(h.app, a.token, [interviewMutation(2, edited(interview, 'version A'), 1)]);
    const bAnswer = await pushOk(h.app, b.token, [
      interviewMutation(1, edited(interview, 'version B'), 1),
    ]);
    const conflict = bAnswer.results[0];
    expect(conflict).toMatchObject({
      status: 'conflict',
      revision: 2,
      current: { revision: 2, payload: { synthesis: 'version A' } },
    });
    const stored = await h.db.query<{ incoming_payload: Interview; base_revision: number }>(
      'SELECT incoming_payload, base_revision FROM conflicts WHERE entity_id = $1',
      [interview.id],
    );
    expect(stored.rows.map((r) => [r.incoming_payload.synthesis, r.base_revision])).toEqual([
      ['version B', 1],
    ]);

    // Laptop A learns of the conflict at its next pull; the record itself is A's version.
    const aSees = await pullAll(h.app, a.token);
    expect(aSees.changes.map((c) => c.entityType).sort()).toEqual([
      'interview',
      'interview-conflict',
    ]);
    expect(aSees.changes.find((c) => c.entityType === 'interview')).toMatchObject({
      revision: 2,
      payload: { synthesis: 'version A' },
    });
    expect(aSees.changes.find((c) => c.entityType === 'interview-conflict')).toMatchObject({
      payload: {
        entityId: interview.id,
        baseRevision: 1,
        currentRevision: 2,
        incoming: { synthesis: 'version B' },
      },
    });

    // B keeps its version knowingly: based on revision 2 now.
    const resolved = await pushOk(h.app, b.token, [
      interviewMutation(2, edited(interview, 'version B'), 2),
    ]);
    expect(resolved.results[0]).toMatchObject({ status: 'applied', revision: 3 });
  });

  it('stores a rejected mutation with the field paths, never the values, and answers it again on replay', async () => {
    const device = await h.enrol('pe-advisor', uniqueTerritory());
    const interview = testInterview(5, `itw-${device.territory}`);
    const broken = {
      ...interview,
      identity: { ...interview.identity, birthDate: 'Fictif-1990' },
      status: 'finished',
    };
    const batch = [
      { ...interviewMutation(1, interview, null), payload: broken },
      { ...interviewMutation(2, interview, null), entityType: 'household' },
      interviewMutation(3, interview, null),
    ];
    const answer = await pushOk(h.app, device.token, batch);
    expect(answer.results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'applied']);
    const [first, second] = answer.results;
    expect(first?.status === 'rejected' && [...new Set(first.reason.map((r) => r.path))]).toEqual([
      'payload.status',
      'payload.identity.birthDate',
    ]);
    expect(second).toMatchObject({ reason: [{ path: 'entityType' }] });
    expect(JSON.stringify(answer)).not.toContain('Fictif-1990');
    expect(answer.lastAppliedMutationId).toBe(3);
    const quarantine = await h.db.query<{ mutation_id: number; payload: { status: string } }>(
      "SELECT mutation_id, payload FROM mutations WHERE device_id = $1 AND status = 'rejected' ORDER BY mutation_id",
      [device.deviceId],
    );
    expect(quarantine.rows.map((r) => [r.mutation_id, r.payload.status])).toEqual([
      [1, 'finished'],
      [2, 'draft'],
    ]);
    expect(await pushOk(h.app, device.token, batch)).toEqual(answer);
  });

  it("upgrades an older laptop's payload, or quarantines it when no upgrade exists", async () => {
    const device = await upgraded.enrol('pe-advisor', uniqueTerritory());
    const interview = testInterview(6, `itw-${device.territory}`);
    const { place, ...rest } = interview;
    const v0 = { ...rest, schemaVersion: 0, lieu: place };
    const answer = await pushOk(upgraded.app, device.token, [
      { ...interviewMutation(1, interview, null), schemaVersion: 0, payload: v0 },
    ]);
    expect(answer.results[0]).toMatchObject({ status: 'applied', revision: 1 });
    const { changes } = await pullAll(upgraded.app, device.token);
    expect(changes[0]).toMatchObject({ payload: { schemaVersion: 1, place } });
    expect(changes[0]?.payload).not.toHaveProperty('lieu');

    // The same outbox on a server without that upgrade: kept as rejected, with the reason.
    const other = await h.enrol('pe-advisor', uniqueTerritory());
    const refused = await pushOk(h.app, other.token, [
      {
        ...interviewMutation(1, { ...interview, id: `itw-${other.territory}` }, null),
        schemaVersion: 0,
        payload: { ...v0, id: `itw-${other.territory}` },
      },
    ]);
    expect(refused.results[0]).toMatchObject({
      status: 'rejected',
      reason: [{ path: 'schemaVersion' }],
    });
    const newer = await pushOk(h.app, other.token, [
      {
        ...interviewMutation(2, { ...interview, id: `itw-${other.territory}` }, null),
        schemaVersion: 2,
      },
    ]);
    expect(newer.results[0]).toMatchObject({
      status: 'rejected',
      reason: [{ path: 'schemaVersion', message: expect.stringContaining('newer') }],
    });
  });

  it('acknowledges a closed interview and then refuses to change it', async () => {
    const device = await h.enrol('pe-advisor', uniqueTerritory());
    const interview: Interview = {
      ...testInterview(7, `itw-${device.territory}`),
      status: 'closed',
      closedAt: '2026-03-02T11:00:00Z',
    };
    const closed = await pushOk(h.app, device.token, [interviewMutation(1, interview, null)]);
    expect(closed.results[0]).toMatchObject({ status: 'applied', revision: 1 });
    const again = await pushOk(h.app, device.token, [interviewMutation(2, interview, 1)]);
    expect(again.results[0]).toMatchObject({ status: 'applied', revision: 1 });
    const changed = await pushOk(h.app, device.token, [
      interviewMutation(3, edited(interview, 'après coup'), 1),
    ]);
    expect(changed.results[0]).toMatchObject({
      status: 'rejected',
      reason: [{ path: 'entityId' }],
    });
  });

  it('lets server revisions decide, not a laptop clock a year off', async () => {
    const territory = uniqueTerritory();
    const late = await h.enrol('pe-advisor', territory);
    const onTime = await h.enrol('cd-professional', territory);
    const interview = testInterview(8, `itw-${territory}`);
    await pushOk(h.app, onTime.token, [interviewMutation(1, interview, null)]);
    // The laptop whose clock is a year ahead edits revision 1 after the other already wrote 2.
    await pushOk(h.app, onTime.token, [
      interviewMutation(2, edited(interview, "à l'heure", '2026-03-02T10:00:00Z'), 1),
    ]);
    const future = await pushOk(h.app, late.token, [
      interviewMutation(1, edited(interview, 'futur', '2027-03-02T10:00:00Z'), 1),
    ]);
    expect(future.results[0]).toMatchObject({ status: 'conflict', current: { revision: 2 } });
    // A clock a year behind does not lose either: based on the current revision, it applies.
    const past = await pushOk(h.app, late.token, [
      interviewMutation(2, edited(interview, 'passé', '2025-03-02T10:00:00Z'), 2),
    ]);
    expect(past.results[0]).toMatchObject({ status: 'applied', revision: 3 });
    const { changes } = await pullAll(h.app, onTime.token);
    const record = changes.find((c) => c.entityType === 'interview');
    expect(record).toMatchObject({ revision: 3, payload: { synthesis: 'passé' } });
    expect(changes.map((c) => c.seq)).toEqual([...changes.map((c) => c.seq)].sort((x, y) => x - y));
  });

  it('pages by cursor and resets a cursor it cannot serve', async () => {
    const device = await h.enrol('pe-advisor', uniqueTerritory());
    const mutations = Array.from({ length: 5 }, (_, i) =>
      interviewMutation(i + 1, testInterview(20 + i, `itw-${device.territory}-${i}`), null),
    );
    await pushOk(h.app, device.token, mutations);
    const first = await pull(h.app, device.token, null, 2);
    expect(first.changes).toHaveLength(2);
    expect(first.hasMore).toBe(true);
    const all = await pullAll(h.app, device.token, null, 2);
    expect(all.changes.map((c) => c.entityId)).toEqual(mutations.map((m) => m.entityId));
    expect(all.pages).toBe(3);
    const nothing = await pull(h.app, device.token, all.cursor, 2);
    expect(nothing).toEqual({ changes: [], nextCursor: all.cursor, hasMore: false });

    const seq = Number(all.cursor.split('.')[1]);
    for (const foreign of [
      'otherdatabase.3',
      `${all.cursor.split('.')[0]}.${seq + 1000}`,
      'garbage',
    ]) {
      const reset = await pull(h.app, device.token, foreign, 10);
      expect(reset.reset).toBe(true);
      expect(reset.changes.map((c) => c.entityId)).toEqual(mutations.map((m) => m.entityId));
    }
  });
});
