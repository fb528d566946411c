import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Interview } from '../../shared/domain/interview';
import { audit } from './helpers/audit';
import { ENGINES } from './helpers/engines';
import {
  injectSend,
  startHarness,
  testInterview,
  uniqueTerritory,
  type Harness,
} from './helpers/harness';
import { AnswerLost, SimLaptop, type Send } from './helpers/sim-laptop';

type Fault = 'none' | 'lose-answer' | 'deliver-twice' | 'fail-before-send';

type Op =
  | { kind: 'write'; laptop: number; interview: number; text: string }
  | { kind: 'sync'; laptop: number; fault: Fault };

const LAPTOPS = 3;
const INTERVIEWS = 4;

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('write' as const),
    laptop: fc.integer({ min: 0, max: LAPTOPS - 1 }),
    interview: fc.integer({ min: 0, max: INTERVIEWS - 1 }),
    text: fc.string({ maxLength: 12 }),
  }),
  fc.record({
    kind: fc.constant('sync' as const),
    laptop: fc.integer({ min: 0, max: LAPTOPS - 1 }),
    fault: fc.constantFrom<Fault>(
      'none',
      'none',
      'lose-answer',
      'deliver-twice',
      'fail-before-send',
    ),
  }),
);

const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);

describe.each(ENGINES)('randomised model of laptops and faults on $name', (engine) => {
  let h: Harness;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const opened = await engine.open();
    dispose = opened.dispose;
    h = await startHarness(opened.db);
  });
  afterAll(async () => {
    await h.app.close();
    await dispose();
  });

  it(
    'converges with nothing lost and nothing duplicated, whatever the faults',
    { timeout: 120_000 },
    async () => {
      console.log(`model test seed: ${SEED} (rerun with FC_SEED=${SEED})`);
      await fc.assert(
        fc.asyncProperty(fc.array(opArbitrary, { minLength: 5, maxLength: 40 }), async (ops) => {
          const territory = uniqueTerritory('model');
          const inject = injectSend(h.app);
          let fault: Fault = 'none';
          const faulty: Send = async (path, token, body) => {
            const now = fault;
            fault = 'none';
            if (path !== '/sync/push' || now === 'none') return inject(path, token, body);
            if (now === 'fail-before-send') throw new Error('network down');
            if (now === 'lose-answer') {
              await inject(path, token, body);
              throw new AnswerLost();
            }
            const [first] = await Promise.all([
              inject(path, token, body),
              inject(path, token, body),
            ]);
            return first;
          };
          const devices = await Promise.all(
            Array.from({ length: LAPTOPS }, () => h.enrol('pe-advisor', territory)),
          );
          const laptops = devices.map((d, i) => new SimLaptop(`L${i}`, d.token, faulty, 4));
          const base: Interview[] = Array.from({ length: INTERVIEWS }, (_, i) =>
            testInterview(300 + i, `itw-${territory}-${i}`),
          );

          for (const op of ops) {
            const laptop = laptops[op.laptop] as SimLaptop;
            if (op.kind === 'write') {
              const current =
                laptop.local.get((base[op.interview] as Interview).id) ??
                (base[op.interview] as Interview);
              laptop.write({ ...current, synthesis: `${laptop.name}:${op.text}` });
            } else {
              fault = op.fault;
              await laptop.sync().catch((error: unknown) => {
                if (
                  !(error instanceof AnswerLost) &&
                  !(error instanceof Error && error.message === 'network down')
                )
                  throw error;
              });
            }
          }
          // Quiescence: everyone syncs until no outbox holds anything (a conflict rewrites once).
          for (let round = 0; round < 6 && laptops.some((l) => l.outbox.length > 0); round++) {
            for (const laptop of laptops) await laptop.sync();
          }
          for (const laptop of laptops) await laptop.pull();
          expect(laptops.map((l) => l.outbox.length)).toEqual([0, 0, 0]);
          const report = await audit(
            h.db,
            laptops,
            devices.map((d) => d.deviceId),
          );
          expect(report).toMatchObject({ acknowledgedButLost: 0, duplicates: 0, divergent: 0 });
          // Converged: every laptop pulled the same version of each interview.
          for (const interview of base) {
            const versions = new Set(
              laptops.map((l) =>
                JSON.stringify(l.pulled.get(`interview:${interview.id}`)?.revision ?? null),
              ),
            );
            expect(versions.size).toBe(1);
          }
        }),
        { seed: SEED, numRuns: engine.name === 'pglite' ? 12 : 20 },
      );
    },
  );
});
