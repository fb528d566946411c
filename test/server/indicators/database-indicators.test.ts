import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom, pick } from '../../../shared/demo/fake-people';
import type { Interview } from '../../../shared/domain/interview';
import { computeIndicators } from '../../../shared/indicators/compute-indicators';
import { isInPeriod, type IndicatorRecord } from '../../../shared/indicators/records';
import { NORD_2023, type Referential } from '../../../shared/referential';
import { addDays } from '../../../shared/util/dates';
import { demoInterviews } from '../../../server/cli/demo-interviews';
import type { Database, Queryable } from '../../../server/db/database';
import { migrate, MIGRATIONS } from '../../../server/db/migrations';
import { openPgliteDatabase } from '../../../server/db/pglite';
import { openPostgresDatabase } from '../../../server/db/postgres';
import { databaseIndicators } from '../../../server/indicators/database-indicators';
import {
  backfillInterviewFacts,
  rebuildInterviewFacts,
} from '../../../server/indicators/interview-facts';
import { StoredInterviewError } from '../../../server/indicators/stored-interviews';
import { pushMutations } from '../../../server/sync/push';
import { writeRecords } from '../../../server/sync/records';
import {
  dropSchema,
  ENGINES,
  freshSchemaName,
  TEST_DATABASE_URL,
  type TestEngine,
} from '../helpers/engines';
import {
  interviewMutation,
  push,
  pushOk,
  startHarness,
  uniqueTerritory,
  type Harness,
} from '../helpers/harness';

type Decision = NonNullable<Interview['decision']>;

/** The decision with another final dominante, overridden with a justification when it must be. */
function withDominante(decision: Decision, dominante: string): Decision {
  return {
    ...decision,
    finalDominante: dominante,
    override:
      dominante === decision.computed.dominante
        ? null
        : { dominante, justification: 'Choix motivé lors de l’entretien de démonstration.' },
  };
}

const TERRITORIES = ['59-armentieres', '59-lille', '59-roubaix'];
const YEAR = { from: '2025-10-01', to: '2026-09-30' };
const QUARTER = { from: '2026-01-01', to: '2026-03-31' };

/**
 * A generated year and a half of interviews of fake people (history before the periods), with the
 * edge cases the indicators must get right added on top of the demo set: rights opened after the
 * first interview, first actions due before the diagnostic, every satisfaction answer, records
 * without a territory, two diagnostics of one person on the same day and time, a dominante the
 * référentiel no longer has, and corrections (in the demo set).
 */
function oracleRecords(): IndicatorRecord[] {
  const random = seededRandom(13);
  const set = demoInterviews({
    count: 1500,
    seed: 13,
    from: '2025-04-01',
    days: 540,
    territories: TERRITORIES,
    prefix: 'orc',
  });
  const answers = [1, 2, 3, 4, 'skipped', null] as const;
  const noTerritory = new Set<string>();
  const records: IndicatorRecord[] = set.map(({ interview, territory }, n) => {
    const i = structuredClone(interview);
    if (n % 37 === 0) i.identity.rsaRightsOpenedOn = addDays(i.date, 10);
    const firstAction = i.contract.actions[0];
    if (n % 41 === 0 && firstAction) firstAction.dueDate = addDays(i.date, -5);
    if (i.decision) {
      i.satisfaction.beneficiary.understood = pick(random, answers);
      i.satisfaction.beneficiary.useful = pick(random, answers);
      i.satisfaction.professionals.cdProfessional = pick(random, answers);
    }
    if (n % 97 === 0) noTerritory.add(i.beneficiaryId);
    return { interview: i, territory: noTerritory.has(i.beneficiaryId) ? null : territory };
  });
  const diagnostics = records.filter(
    (r) => r.interview.decision !== null && isInPeriod(r.interview.date, QUARTER),
  );
  const twin = diagnostics[3] as IndicatorRecord;
  const decision = twin.interview.decision as Decision;
  records.push({
    territory: twin.territory ?? null,
    interview: {
      ...structuredClone(twin.interview),
      id: `${twin.interview.id}-same-day`,
      decision: withDominante(
        decision,
        decision.finalDominante === 'emploi' ? 'remobilisation' : 'emploi',
      ),
    },
  });
  const old = diagnostics[7] as IndicatorRecord;
  records.push({
    territory: old.territory ?? null,
    interview: {
      ...structuredClone(old.interview),
      id: `${old.interview.id}-old-dominante`,
      date: addDays(old.interview.date, 2),
      decision: withDominante(old.interview.decision as Decision, 'ancienne'),
    },
  });
  return records;
}

/** The same référentiel with another deadline, the dominantes' order reversed, other columns. */
function variantReferential(): Referential {
  const variant = structuredClone(NORD_2023) as Referential;
  return {
    ...variant,
    deadlines: { ...variant.deadlines, convocationDays: 30 },
    dominantes: [...variant.dominantes].reverse(),
    criteria: {
      ...variant.criteria,
      availability: {
        ...variant.criteria.availability,
        values: variant.criteria.availability.values.map((v) =>
          v.value === 'soon' ? { ...v, column: 'R' } : v,
        ),
      },
      age: {
        ...variant.criteria.age,
        bands: [
          { below: 30, label: 'moins de 30 ans', column: 'E' },
          { below: 50, label: 'de 30 à 49 ans', column: null },
          { label: '50 ans et plus', column: 'R' },
        ],
      },
    },
  };
}

async function store(tx: Queryable, records: readonly IndicatorRecord[]): Promise<void> {
  for (let k = 0; k < records.length; k += 500) {
    await writeRecords(
      tx,
      records.slice(k, k + 500).map((r) => ({
        entityType: 'interview',
        entityId: r.interview.id,
        territory: r.territory ?? null,
        revision: 1,
        payload: r.interview,
      })),
    );
  }
}

/** What the server must answer: computeIndicators per territory seen in the period. */
function oracle(
  records: readonly IndicatorRecord[],
  referential: Referential,
  period: { from: string; to: string },
  territory?: string,
) {
  const territories =
    territory !== undefined
      ? [territory]
      : [
          ...new Set(
            records
              .filter((r) => isInPeriod(r.interview.date, period))
              .map((r) => r.territory ?? null),
          ),
        ].sort((a, b) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1));
  return territories.map((t) => computeIndicators(records, referential, { period, territory: t }));
}

describe.each(ENGINES)('indicators computed by the database on $name', (engine) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let records: IndicatorRecord[];

  beforeAll(async () => {
    const opened = await engine.open();
    db = opened.db;
    dispose = opened.dispose;
    records = oracleRecords();
    await db.transaction((tx) => store(tx, records));
  });
  afterAll(async () => {
    await dispose();
  });

  it('has the edge cases it claims', () => {
    const year = computeIndicators(records, NORD_2023, { period: YEAR });
    expect(year.delayToFirstInterview.inconsistent).toBeGreaterThan(0);
    expect(year.delayToFirstAction.inconsistent).toBeGreaterThan(0);
    expect(year.progression.pairs).toBeGreaterThan(10);
    expect(year.progression.notComparable).toBeGreaterThan(0);
    expect(year.progression.fewerConstraints + year.progression.moreConstraints).toBeGreaterThan(0);
    expect(year.attendance.inProgress).toBeGreaterThan(0);
    expect(year.attendance.attendanceNotRecorded).toBeGreaterThan(0);
    expect(year.satisfaction.professionals.cdProfessional.skipped).toBeGreaterThan(0);
    expect(records.some((r) => r.interview.previousVersionId !== null)).toBe(true);
    expect(records.some((r) => r.territory === null)).toBe(true);
  });

  it.each([
    ['a whole year, every territory', YEAR, undefined, 'nord'],
    ['a quarter, every territory', QUARTER, undefined, 'nord'],
    ['a whole year, one territory', YEAR, '59-lille', 'nord'],
    ['a quarter, one territory', QUARTER, '59-roubaix', 'nord'],
    ['a territory without interviews', QUARTER, '59-nowhere', 'nord'],
    ['a whole year with another référentiel', YEAR, undefined, 'variant'],
  ] as const)(
    'gives, for %s, figure for figure what computeIndicators gives',
    async (_name, period, territory, which) => {
      const referential = which === 'nord' ? NORD_2023 : variantReferential();
      const reports = await databaseIndicators(db, referential, { ...period, territory });
      expect(reports.length).toBeGreaterThan(0);
      expect(reports).toEqual(oracle(records, referential, period, territory));
    },
  );
});

/** The history columns writeInterviewFacts keeps, row by row. */
async function histories(db: Queryable) {
  const { rows } = await db.query(
    `SELECT entity_id, latest, first_attended, previous_diagnostic, previous_dominante,
            previous_answers, next_diagnostic_date::text AS next_diagnostic_date
     FROM interview_facts ORDER BY entity_id COLLATE "C"`,
  );
  return rows;
}

describe.each(ENGINES)(
  'the history of each person kept on $name, whatever the order of writes',
  (engine) => {
    let db: Database;
    let dispose: () => Promise<void>;
    let records: IndicatorRecord[];

    beforeAll(async () => {
      const opened = await engine.open();
      db = opened.db;
      dispose = opened.dispose;
      // Some corrections move the interview to another person (the wrong person was chosen):
      // the version they supersede stays in the first person's history, no longer the latest.
      records = oracleRecords().map((r, n, all) =>
        r.interview.previousVersionId !== null && n % 3 === 0
          ? {
              ...r,
              interview: {
                ...r.interview,
                beneficiaryId: (all[(n * 7 + 3) % all.length] as IndicatorRecord).interview
                  .beneficiaryId,
              },
            }
          : r,
      );
      const random = seededRandom(29);
      const territoryOf = (r: IndicatorRecord) => r.territory ?? null;
      // Each record once, in a shuffled order (corrections often before what they correct), and
      // some of them first in another form that a later write replaces: another territory,
      // another person (who has interviews of their own), another date, no correction link, or a
      // payload that does not parse.
      const writes: { id: string; territory: string | null; payload: unknown }[] = [];
      for (const r of records) {
        writes.push({ id: r.interview.id, territory: territoryOf(r), payload: r.interview });
      }
      for (let k = writes.length - 1; k > 0; k--) {
        const j = Math.floor(random() * (k + 1));
        [writes[k], writes[j]] = [
          writes[j] as (typeof writes)[number],
          writes[k] as (typeof writes)[number],
        ];
      }
      const earlier: typeof writes = [];
      records.forEach((r, n) => {
        if (n % 9 !== 0) return;
        const i = structuredClone(r.interview);
        const variant = n % 4;
        if (variant === 0) earlier.push({ id: i.id, territory: '59-ailleurs', payload: i });
        if (variant === 1)
          earlier.push({
            id: i.id,
            territory: territoryOf(r),
            payload: {
              ...i,
              beneficiaryId: (records[(n * 5 + 1) % records.length] as IndicatorRecord).interview
                .beneficiaryId,
            },
          });
        if (variant === 2)
          earlier.push({
            id: i.id,
            territory: territoryOf(r),
            payload: { ...i, date: addDays(i.date, -200), previousVersionId: null },
          });
        if (variant === 3)
          earlier.push({
            id: i.id,
            territory: territoryOf(r),
            payload: { ...i, date: 'pas une date' },
          });
      });
      // Each earlier form somewhere before the final form that replaces it.
      const place = new Map(writes.map((w, k) => [w.id, k]));
      const keyed = [
        ...writes.map((w, k) => ({ w, key: k })),
        ...earlier.map((w) => ({ w, key: (place.get(w.id) ?? 0) - 0.5 - random() * 100 })),
      ];
      const ordered = keyed.sort((x, y) => x.key - y.key).map((x) => x.w);
      const final = new Map(writes.map((w) => [w.id, w]));
      for (let k = 0; k < ordered.length;) {
        const size = 1 + Math.floor(random() * 40);
        const batch = ordered.slice(k, k + size);
        k += size;
        await db.transaction((tx) =>
          writeRecords(
            tx,
            batch.map((w) => ({
              entityType: 'interview',
              entityId: w.id,
              territory: w.territory,
              revision: 1,
              payload: w.payload,
            })),
          ),
        );
      }
      // writeRecords keeps the last write of an id within one batch; check that every record
      // ends in its final form (the test would prove nothing otherwise).
      const stored = await db.query<{ entity_id: string; payload: unknown }>(
        "SELECT entity_id, payload FROM records WHERE entity_type = 'interview'",
      );
      for (const row of stored.rows) expect(row.payload).toEqual(final.get(row.entity_id)?.payload);
    });
    afterAll(async () => {
      await dispose();
    });

    it('has the cases it claims', async () => {
      const rows = await histories(db);
      expect(rows.length).toBe(records.length);
      expect(rows.filter((r) => r.latest === false).length).toBeGreaterThan(10);
      expect(rows.filter((r) => r.previous_diagnostic !== null).length).toBeGreaterThan(50);
      expect(rows.filter((r) => r.next_diagnostic_date !== null).length).toBeGreaterThan(50);
      expect(rows.filter((r) => r.first_attended === true).length).toBeGreaterThan(100);
    });

    it.each([
      ['every date', { from: '2025-01-01', to: '2026-12-31' }],
      ['a whole year', YEAR],
      ['a quarter', QUARTER],
    ] as const)('gives for %s what computeIndicators gives', async (_name, period) => {
      expect(await databaseIndicators(db, NORD_2023, period)).toEqual(
        oracle(records, NORD_2023, period),
      );
    });

    it('ends with the history a rebuild from scratch derives', async () => {
      const kept = await histories(db);
      await db.transaction((tx) => rebuildInterviewFacts(tx));
      expect(await histories(db)).toEqual(kept);
    });
  },
);

describe.each(ENGINES)('interview facts kept with the pushed interviews on $name', (engine) => {
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

  const factsOf = async (id: string) =>
    (
      await h.db.query<{ final_dominante: string | null; attendance: string | null }>(
        'SELECT final_dominante, attendance FROM interview_facts WHERE entity_id = $1',
        [id],
      )
    ).rows;

  function diagnosticOf(territory: string): Interview {
    const found = demoInterviews({
      count: 40,
      seed: 3,
      from: '2026-02-01',
      days: 20,
      territories: [territory],
      prefix: uniqueTerritory('push'),
    }).find((d) => d.interview.decision !== null && d.interview.previousVersionId === null);
    if (!found) throw new Error('the demo set has no diagnostic');
    return found.interview;
  }

  it('updates the facts when an interview is pushed again, and a correction supersedes it', async () => {
    const territory = uniqueTerritory();
    const device = await h.enrol('cd-professional', territory);
    const closed = diagnosticOf(territory);
    // A draft first: a closed interview is never changed, only corrected by a new version.
    const first: Interview = { ...closed, status: 'draft', closedAt: null };
    const decision = first.decision as Decision;
    await pushOk(h.app, device.token, [interviewMutation(1, first, null)]);
    expect(await factsOf(first.id)).toEqual([
      { final_dominante: decision.finalDominante, attendance: 'present' },
    ]);

    const other = decision.finalDominante === 'emploi' ? 'equilibre' : 'emploi';
    const edited: Interview = { ...closed, decision: withDominante(decision, other) };
    await pushOk(h.app, device.token, [interviewMutation(2, edited, 1)]);
    expect(await factsOf(first.id)).toEqual([{ final_dominante: other, attendance: 'present' }]);

    const correction: Interview = {
      ...edited,
      id: `${first.id}-v2`,
      version: 2,
      previousVersionId: first.id,
      decision: withDominante(decision, 'remobilisation'),
    };
    await pushOk(h.app, device.token, [interviewMutation(3, correction, null)]);
    const [report] = await databaseIndicators(h.db, NORD_2023, {
      from: first.date,
      to: first.date,
      territory,
    });
    expect(report?.attendance.records).toBe(1);
    expect(report?.split.all.rows.find((r) => r.dominante === 'remobilisation')?.count).toBe(1);
  });

  it('leaves neither record nor facts when the push fails in its transaction', async () => {
    const territory = uniqueTerritory();
    const device = await h.enrol('cd-professional', territory);
    const interview = diagnosticOf(territory);
    const failing: Database = {
      ...h.db,
      engine: h.db.engine,
      query: (sql, params) => h.db.query(sql, params),
      exec: (sql) => h.db.exec(sql),
      close: () => h.db.close(),
      transaction: (fn) =>
        h.db.transaction((tx) =>
          fn({
            exec: (sql) => tx.exec(sql),
            query: (sql, params) => {
              if (sql.includes('INSERT INTO interview_facts')) {
                return Promise.reject(new Error('disk full (injected)'));
              }
              return tx.query(sql, params);
            },
          }),
        ),
    };
    const context = {
      deviceId: device.deviceId,
      deviceName: 'Poste',
      professionalId: 'p',
      role: 'cd-professional' as const,
      territory,
    };
    await expect(
      pushMutations(failing, context, { mutations: [interviewMutation(1, interview, null)] }),
    ).rejects.toThrow('disk full (injected)');
    expect(await factsOf(interview.id)).toEqual([]);
    const stored = await h.db.query('SELECT 1 FROM records WHERE entity_id = $1', [interview.id]);
    expect(stored.rows).toEqual([]);

    // The laptop sends it again: applied, with its facts.
    const { status } = await push(h.app, device.token, [interviewMutation(1, interview, null)]);
    expect(status).toBe(200);
    expect(await factsOf(interview.id)).toHaveLength(1);
  });

  it('writes no facts for a rejected mutation', async () => {
    const territory = uniqueTerritory();
    const device = await h.enrol('cd-professional', territory);
    const interview = diagnosticOf(territory);
    const broken = { ...interview, date: 'not a date' };
    const response = await pushOk(h.app, device.token, [
      { ...interviewMutation(1, interview, null), payload: broken },
    ]);
    expect(response.results[0]?.status).toBe('rejected');
    expect(await factsOf(interview.id)).toEqual([]);
  });
});

/** A database migrated up to `version` only, as an older server left it. */
async function openAtVersion(
  engine: TestEngine,
  version: number,
): Promise<{ db: Database; dispose: () => Promise<void> }> {
  const before = MIGRATIONS.filter((m) => m.version <= version);
  if (engine.name === 'pglite' || !TEST_DATABASE_URL) {
    const db = await openPgliteDatabase();
    await migrate(db, before);
    return { db, dispose: () => db.close() };
  }
  const url = TEST_DATABASE_URL;
  const schema = freshSchemaName();
  const db = await openPostgresDatabase({ connectionString: url, schema, maxConnections: 4 });
  await migrate(db, before);
  return {
    db,
    dispose: async () => {
      await db.close();
      await dropSchema(url, schema);
    },
  };
}

/** Records as an older server stored them: straight into the table, without today's facts. */
async function insertRecords(db: Queryable, records: readonly IndicatorRecord[]): Promise<void> {
  const rows = records.map((r, k) => ({
    entity_type: 'interview',
    entity_id: r.interview.id,
    territory: r.territory ?? null,
    revision: 1,
    seq: k + 1,
    payload: r.interview,
  }));
  await db.query(
    `INSERT INTO records (entity_type, entity_id, territory, revision, seq, payload)
     SELECT entity_type, entity_id, territory, revision, seq, payload
     FROM jsonb_to_recordset($1::jsonb) AS x (entity_type text, entity_id text,
       territory text, revision integer, seq bigint, payload jsonb)`,
    [JSON.stringify(rows)],
  );
}

describe.each(ENGINES)('the rebuild of migration 5 on $name', (engine) => {
  it('replaces the facts of migration 4 with facts and histories of every stored interview', async () => {
    const { db, dispose } = await openAtVersion(engine, 4);
    try {
      const records = oracleRecords().slice(0, 300);
      await insertRecords(db, records);
      // What migration 4 left: facts in its shape (with `criteria`), here one of a record gone.
      await db.query(
        `INSERT INTO interview_facts (entity_id, interview_id, beneficiary_id, date, status,
           cohort, rights_opened_on, version, order_at, diagnostic, action_count, criteria)
         VALUES ('orc-gone', 'orc-gone', 'orc-person', '2025-05-01', 'closed', 'flux',
           '2025-04-01', 1, '2025-05-01T09:00:00Z', false, 0, '{}')`,
      );
      expect(await migrate(db)).toEqual([5]);
      const facts = await db.query<{ entity_id: string }>('SELECT entity_id FROM interview_facts');
      expect(facts.rows.map((r) => r.entity_id).sort()).toEqual(
        records.map((r) => r.interview.id).sort(),
      );
      const period = { from: '2025-04-01', to: '2025-09-30' };
      expect(await databaseIndicators(db, NORD_2023, period)).toEqual(
        oracle(records, NORD_2023, period),
      );
    } finally {
      await dispose();
    }
  });

  it('gives the interviews stored before migration 4 their facts, and names one that no longer parses', async () => {
    const { db, dispose } = await openAtVersion(engine, 3);
    try {
      const records = oracleRecords().slice(0, 400);
      await insertRecords(db, records);
      expect(await migrate(db)).toEqual([4, 5]);
      const count = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM interview_facts');
      expect(count.rows[0]?.n).toBe(records.length);
      const period = { from: '2025-04-01', to: '2025-09-30' };
      expect(await databaseIndicators(db, NORD_2023, period)).toEqual(
        oracle(records, NORD_2023, period),
      );

      // A stored interview of an older, unknown shape: the report refuses, naming it.
      await db.query(
        `INSERT INTO records (entity_type, entity_id, territory, revision, seq, payload)
         VALUES ('interview', 'orc-broken', '59-lille', 1, 100000, '{"date": "2025-05-01"}')`,
      );
      await db.transaction((tx) => tx.query('DELETE FROM interview_facts').then(() => undefined));
      await db.transaction((tx) => backfillInterviewFacts(tx));
      const refused = databaseIndicators(db, NORD_2023, period);
      await expect(refused).rejects.toThrow(StoredInterviewError);
      await expect(refused).rejects.toThrow(/orc-broken/);
    } finally {
      await dispose();
    }
  });
});
