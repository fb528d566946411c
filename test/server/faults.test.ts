import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Interview } from '../../shared/domain/interview';
import { audit, printReport } from './helpers/audit';
import { ENGINES } from './helpers/engines';
import {
  fetchSend,
  injectSend,
  interviewMutation,
  startHarness,
  testInterview,
  uniqueTerritory,
  type Harness,
} from './helpers/harness';
import { AnswerLost, SimLaptop, type Send } from './helpers/sim-laptop';

const ZERO = { acknowledgedButLost: 0, duplicates: 0, divergent: 0 };

function edit(interview: Interview, n: number): Interview {
  return {
    ...interview,
    synthesis: `modification ${n}`,
    updatedAt: `2026-03-02T10:${String(n % 60).padStart(2, '0')}:00Z`,
  };
}

describe.each(ENGINES)('fault scenarios on $name', (engine) => {
  let h: Harness;
  let dispose: () => Promise<void>;
  let baseUrl: string;

  beforeAll(async () => {
    const opened = await engine.open();
    dispose = opened.dispose;
    h = await startHarness(opened.db);
    baseUrl = await h.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await h.app.close();
    await dispose();
  });

  async function laptop(name: string, territory: string, send: Send, batchSize = 50) {
    const device = await h.enrol('pe-advisor', territory);
    return {
      laptop: new SimLaptop(name, device.token, send, batchSize),
      deviceId: device.deviceId,
    };
  }

  it('answer lost after the commit, then the batch replayed: nothing lost, nothing twice', async () => {
    const territory = uniqueTerritory();
    let loseNext = true;
    const inject = injectSend(h.app);
    const lossy: Send = async (path, token, body) => {
      const answer = await inject(path, token, body);
      if (path === '/sync/push' && loseNext) {
        loseNext = false;
        throw new AnswerLost(); // committed on the server, never seen by the laptop
      }
      return answer;
    };
    const { laptop: a, deviceId } = await laptop('A', territory, lossy, 10);
    const interview = testInterview(30, `itw-${territory}`);
    for (let n = 0; n < 25; n++) a.write(edit(interview, n));
    await expect(a.push()).rejects.toThrow(AnswerLost);
    expect(a.outbox).toHaveLength(25); // nothing acknowledged, nothing purged
    await a.sync();
    expect(a.outbox).toHaveLength(0);
    const report = await audit(h.db, [a], [deviceId]);
    printReport(`answer lost then replayed [${engine.name}]`, report);
    expect(report).toMatchObject({ ...ZERO, acknowledged: 25 });
    const row = await h.db.query<{ revision: number }>(
      'SELECT revision FROM records WHERE entity_id = $1',
      [interview.id],
    );
    expect(row.rows[0]?.revision).toBe(25);
  });

  it('the same batch delivered twice at once: applied once, both answers equal', async () => {
    const territory = uniqueTerritory();
    const { laptop: a, deviceId } = await laptop('A', territory, fetchSend(baseUrl));
    const interviews = Array.from({ length: 8 }, (_, i) =>
      testInterview(40 + i, `itw-${territory}-${i}`),
    );
    const mutations = interviews.map((interview, i) => interviewMutation(i + 1, interview, null));
    const send = fetchSend(baseUrl);
    const [first, second] = await Promise.all([
      send('/sync/push', a.token, { mutations }),
      send('/sync/push', a.token, { mutations }),
    ]);
    expect(first.status).toBe(200);
    expect(second.json).toEqual(first.json);
    for (const interview of interviews) a.local.set(interview.id, interview);
    a.stats.sent = mutations.length * 2;
    for (const m of mutations)
      a.stats.acknowledged.set(m.mutationId, {
        mutationId: m.mutationId,
        entityType: 'interview',
        entityId: m.entityId,
        status: 'applied',
        revision: 1,
      });
    await a.pull();
    const report = await audit(h.db, [a], [deviceId]);
    printReport(`same batch twice [${engine.name}]`, report);
    expect(report).toMatchObject({ ...ZERO, acknowledged: 8 });
  });

  it('connection cut in the middle of the body: nothing applied, the retry applies once', async () => {
    const territory = uniqueTerritory();
    const { laptop: a, deviceId } = await laptop('A', territory, fetchSend(baseUrl));
    const interview = testInterview(50, `itw-${territory}`);
    for (let n = 0; n < 12; n++) a.write(edit(interview, n));
    const body = JSON.stringify({ mutations: a.outbox });
    const { port } = new URL(baseUrl);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          `POST /sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${a.token}\r\n` +
            `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
        );
        socket.write(body.slice(0, Math.floor(body.length / 2)), () => {
          setTimeout(() => socket.destroy(), 50);
        });
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = await h.db.query<{ last_mutation_id: number }>(
      'SELECT last_mutation_id FROM devices WHERE id = $1',
      [deviceId],
    );
    expect(before.rows[0]?.last_mutation_id).toBe(0);
    a.stats.sent += 12;
    await a.sync();
    const report = await audit(h.db, [a], [deviceId]);
    printReport(`connection cut mid-body [${engine.name}]`, report);
    expect(report).toMatchObject({ ...ZERO, acknowledged: 12 });
  });

  it('many laptops pushing at once while others pull: no pull skips a sequence number', async () => {
    const fresh = await engine.open(); // its own database: sequence numbers start at 1
    const server = await startHarness(fresh.db);
    const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const territory = uniqueTerritory();
      const send = fetchSend(url);
      const writers = await Promise.all(
        Array.from({ length: 8 }, async (_, w) => {
          const device = await server.enrol('pe-advisor', territory);
          return {
            laptop: new SimLaptop(`W${w}`, device.token, send, 5),
            deviceId: device.deviceId,
          };
        }),
      );
      const readers = await Promise.all(
        Array.from(
          { length: 3 },
          async (_, r) =>
            new SimLaptop(`R${r}`, (await server.enrol('cd-professional', territory)).token, send),
        ),
      );
      let writing = true;
      const seenSeqs: number[][] = readers.map(() => []);
      const readLoops = readers.map(async (reader, r) => {
        while (writing) {
          const answer = await send('/sync/pull', reader.token, {
            cursor: reader.cursor,
            limit: 7,
          });
          const page = answer.json as { changes: { seq: number }[]; nextCursor: string };
          seenSeqs[r]?.push(...page.changes.map((c) => c.seq));
          reader.cursor = page.nextCursor;
        }
      });
      await Promise.all(
        writers.map(async ({ laptop: w }, i) => {
          // Every mutation creates its own record, so no record's sequence number is superseded.
          for (let n = 0; n < 20; n++)
            w.write(testInterview(100 + n, `itw-${territory}-w${i}-${n}`));
          while (w.outbox.length > 0) await w.push();
        }),
      );
      writing = false;
      await Promise.all(readLoops);
      const total = 8 * 20;
      for (const [r, reader] of readers.entries()) {
        const tail = (
          await send('/sync/pull', reader.token, { cursor: reader.cursor, limit: 1000 })
        ).json as { changes: { seq: number }[] };
        const seqs = [...(seenSeqs[r] ?? []), ...tail.changes.map((c) => c.seq)];
        expect(seqs).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      }
      for (const laptop of [...writers.map((w) => w.laptop), ...readers]) await laptop.pull();
      const report = await audit(
        fresh.db,
        [...writers.map((w) => w.laptop), ...readers],
        [...writers.map((w) => w.deviceId), ...readers.map(() => 'none')],
      );
      printReport(`8 laptops pushing while 3 pull [${engine.name}]`, report);
      expect(report).toMatchObject({ ...ZERO, sent: total, acknowledged: total });
    } finally {
      await server.app.close();
      await fresh.dispose();
    }
  });

  it('two laptops editing the same interview: the conflict is kept, then both converge', async () => {
    const territory = uniqueTerritory();
    const send = injectSend(h.app);
    const { laptop: a, deviceId: aId } = await laptop('A', territory, send);
    const { laptop: b, deviceId: bId } = await laptop('B', territory, send);
    const interview = testInterview(60, `itw-${territory}`);
    a.write(interview);
    await a.sync();
    await b.sync();
    a.write({ ...interview, synthesis: 'A' });
    b.write({ ...interview, synthesis: 'B' });
    await a.sync();
    await b.sync(); // conflict, B keeps its version: rewritten on the current revision
    expect(b.stats.conflicts).toBe(1);
    await b.sync();
    await a.sync();
    const conflicts = await h.db.query<{ n: number }>(
      'SELECT count(*) AS n FROM conflicts WHERE entity_id = $1',
      [interview.id],
    );
    expect(Number(conflicts.rows[0]?.n)).toBe(1);
    expect(a.pulled.get(`interview:${interview.id}`)).toMatchObject({
      payload: { synthesis: 'B' },
    });
    expect([...a.pulled.keys()].some((k) => k.startsWith('interview-conflict:'))).toBe(true);
    const report = await audit(h.db, [a, b], [aId, bId]);
    printReport(`two laptops, one interview [${engine.name}]`, report);
    expect(report).toMatchObject(ZERO);
  });
});
