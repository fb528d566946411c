/**
 * `codiag rebuild-facts` on PGlite and PostgreSQL: the derived table the indicators read is
 * damaged (rows lost, a row changed, as a bulk load around the sync API or a bug would leave it),
 * then rebuilt from the stored records, after which the report agrees with computeIndicators over
 * the interviews again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeIndicators } from '../../../shared/indicators/compute-indicators';
import { NORD_2023 } from '../../../shared/referential';
import { demoInterviews, type DemoInterview } from '../../../server/cli/demo-interviews';
import { rebuildFactsCommand } from '../../../server/cli/rebuild-facts-command';
import type { Database } from '../../../server/db/database';
import { databaseIndicators } from '../../../server/indicators/database-indicators';
import { ENGINES } from '../helpers/engines';
import { interviewMutation, pushOk, uniqueTerritory, type Harness } from '../helpers/harness';
import { openHarness, runCommand, testDeps } from './cli-helpers';

const PERIOD = { from: '2026-01-01', to: '2026-03-31' };

describe.each(ENGINES)('codiag rebuild-facts on $name', (engine) => {
  let db: Database;
  let h: Harness;
  let close: () => Promise<void>;
  let territory: string;
  let set: DemoInterview[];

  beforeAll(async () => {
    ({ db, h, close } = await openHarness(engine));
    territory = uniqueTerritory('rebuild');
    const device = await h.enrol('cd-professional', territory);
    set = demoInterviews({
      count: 80,
      seed: 17,
      from: '2025-12-01',
      days: 120,
      territories: [territory],
      prefix: `rebuild-${engine.name}`,
    });
    await pushOk(
      h.app,
      device.token,
      set.map((d, k) => interviewMutation(k + 1, d.interview, null)),
    );
  });
  afterAll(async () => {
    await close();
  });

  const report = () => databaseIndicators(db, NORD_2023, { ...PERIOD, territory });
  const oracle = () => [computeIndicators(set, NORD_2023, { period: PERIOD, territory })];

  it('derives the facts again from the records, and the report agrees with the oracle', async () => {
    expect(await report()).toEqual(oracle());
    // Damage: facts of the period lost, and one diagnostic's final dominante changed.
    await db.query(
      `DELETE FROM interview_facts WHERE entity_id IN
         (SELECT entity_id FROM interview_facts WHERE date BETWEEN $1 AND $2
          ORDER BY entity_id LIMIT 10)`,
      [PERIOD.from, PERIOD.to],
    );
    await db.query(
      `UPDATE interview_facts SET final_dominante = 'remobilisation' WHERE entity_id =
         (SELECT entity_id FROM interview_facts WHERE diagnostic
          AND final_dominante <> 'remobilisation' AND date BETWEEN $1 AND $2
          ORDER BY entity_id LIMIT 1)`,
      [PERIOD.from, PERIOD.to],
    );
    expect(await report()).not.toEqual(oracle());

    const result = await runCommand(rebuildFactsCommand(testDeps(db)), []);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `rebuilt the facts of ${set.length} interview record(s): ${set.length} fact row(s) ` +
        `(${set.length - 10} before), 0 that no longer parse\n`,
    );
    expect(await report()).toEqual(oracle());
  });

  it('refuses any argument, naming it, and changes nothing', async () => {
    const before = await db.query('SELECT count(*)::int AS n FROM interview_facts');
    const result = await runCommand(rebuildFactsCommand(testDeps(db)), ['--all'], true);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--all');
    expect((await db.query('SELECT count(*)::int AS n FROM interview_facts')).rows).toEqual(
      before.rows,
    );
  });
});
