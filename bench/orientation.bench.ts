/**
 * The pure core's throughput: orientation evaluations over 100 000 generated profiles, and
 * contract drafts. Aim (issue 2): more than a million evaluations per second on 2 cores.
 */
import { buildCeoDraft } from '../shared/ceo/build-ceo-draft';
import { deriveCriteria } from '../shared/domain/derive-criteria';
import { followComputed } from '../shared/domain/draft-decision';
import { fakeCriteria, fakeInterview, seededRandom } from '../shared/demo/fake-people';
import { evaluateOrientation } from '../shared/orientation/evaluate-orientation';
import { NORD_2023 } from '../shared/referential';
import { measure, printResults } from './harness';

export function runOrientationBench(): void {
  const random = seededRandom(2023);
  const profiles = Array.from({ length: 100_000 }, () => fakeCriteria(random));
  let sink = 0;
  const orientation = measure(
    'evaluateOrientation, 100 000 generated profiles',
    profiles.length,
    () => {
      for (const p of profiles) sink += evaluateOrientation(p, NORD_2023).rule.index;
    },
  );

  const interviews = Array.from({ length: 2_000 }, (_, i) =>
    fakeInterview(random, i, '2026-03-02', '2026-03-02T09:00:00Z'),
  );
  const decided = interviews.flatMap((interview) => {
    const derived = deriveCriteria(interview);
    if (!derived.complete) return [];
    const result = evaluateOrientation(derived.criteria, NORD_2023);
    const structure = result.suggestedStructures[0];
    if (!structure) return [];
    return [
      {
        interview,
        decision: followComputed(result, structure.id, { mode: 'standard', hours: 15 }),
      },
    ];
  });
  let n = 0;
  const ctx = { now: '2026-03-02T10:00:00Z', newId: () => `id-${++n}` };
  const ceo = measure(
    `buildCeoDraft, ${decided.length} generated interviews`,
    decided.length,
    () => {
      for (const d of decided)
        sink += buildCeoDraft(d.interview, d.decision, NORD_2023, ctx).actions.length;
    },
  );
  const derive = measure(
    `deriveCriteria + evaluateOrientation, ${interviews.length} interviews`,
    interviews.length,
    () => {
      for (const interview of interviews) {
        const derived = deriveCriteria(interview);
        if (derived.complete) sink += evaluateOrientation(derived.criteria, NORD_2023).rule.index;
      }
    },
  );
  printResults('Pure core (shared/)', [orientation, derive, ceo]);
  if (sink === -1) console.log(sink);
}
