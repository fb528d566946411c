/**
 * Versioned schema migrations: applied in order, each in its own transaction together with its
 * row in `schema_migrations`, under an advisory lock so that two servers starting at once on the
 * same PostgreSQL do not both apply one. Never edit a published migration: add the next one.
 */
import { rebuildInterviewFacts } from '../indicators/interview-facts';
import type { Database, Queryable } from './database';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Runs after `sql`, in the same transaction: data the SQL alone cannot derive (a back-fill). */
  after?: (tx: Queryable) => Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts, devices, records, mutations, conflicts, référentiels',
    sql: `
      CREATE TABLE server_identity (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        epoch text NOT NULL
      );
      INSERT INTO server_identity (epoch) VALUES (replace(gen_random_uuid()::text, '-', ''));

      -- The pull sequence. Incremented by UPDATE at the end of each writing transaction: the row
      -- lock makes commits take sequence numbers in commit order, so a pull never skips a row.
      CREATE TABLE sync_counter (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        value bigint NOT NULL
      );
      INSERT INTO sync_counter (value) VALUES (0);

      CREATE TABLE professionals (
        id text PRIMARY KEY,
        name text NOT NULL UNIQUE,
        role text NOT NULL CHECK (role IN ('pe-advisor', 'cd-professional', 'admin')),
        territory text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE enrolment_codes (
        code_hash text PRIMARY KEY,
        professional_id text NOT NULL REFERENCES professionals (id),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        device_id text
      );

      CREATE TABLE devices (
        id text PRIMARY KEY,
        professional_id text NOT NULL REFERENCES professionals (id),
        name text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        last_mutation_id bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz,
        revoked_at timestamptz
      );

      -- Every mutation received, with the result answered: a replay gets the same answer, and a
      -- rejected mutation stays here (quarantine) with its reason.
      CREATE TABLE mutations (
        device_id text NOT NULL REFERENCES devices (id),
        mutation_id bigint NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        schema_version integer NOT NULL,
        content_hash text NOT NULL,
        status text NOT NULL CHECK (status IN ('applied', 'conflict', 'rejected')),
        result jsonb NOT NULL,
        payload jsonb,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (device_id, mutation_id)
      );
      CREATE INDEX mutations_rejected ON mutations (received_at) WHERE status = 'rejected';

      -- The latest state of every record a laptop may pull; territory NULL means every territory.
      CREATE TABLE records (
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        territory text,
        revision integer NOT NULL,
        seq bigint NOT NULL UNIQUE,
        payload jsonb NOT NULL,
        -- The device whose chain of changes produced this revision, and the revision the chain
        -- started from (shared/sync/decide-mutation.ts); null for records written by an admin.
        writer_device_id text,
        writer_base_revision integer,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (entity_type, entity_id)
      );

      CREATE TABLE conflicts (
        id text PRIMARY KEY,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        device_id text NOT NULL REFERENCES devices (id),
        mutation_id bigint NOT NULL,
        base_revision integer,
        current_revision integer NOT NULL,
        incoming_payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX conflicts_entity ON conflicts (entity_type, entity_id);

      CREATE TABLE referential_versions (
        id text NOT NULL,
        version text NOT NULL,
        content_hash text NOT NULL,
        data jsonb NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (id, version)
      );
    `,
  },
  {
    version: 2,
    name: 'services catalogue, admin exports log, interview indexes for indicators',
    sql: `
      -- The data.inclusion catalogue (codiag import-services): one row per service, upserted by
      -- (source, id); the revision grows only when the content changes. Laptops pull the same
      -- rows as 'service' records.
      CREATE TABLE services (
        source text NOT NULL,
        id text NOT NULL,
        structure_id text NOT NULL,
        payload jsonb NOT NULL,
        revision integer NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (source, id)
      );

      -- Who exported which evaluation file: counts and parameters only, never a row.
      CREATE TABLE admin_exports (
        id text PRIMARY KEY,
        professional_id text NOT NULL REFERENCES professionals (id),
        kind text NOT NULL,
        period_from text NOT NULL,
        period_to text NOT NULL,
        territory text,
        rows_written integer NOT NULL,
        pseudonymised boolean NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      -- Indicators read the interviews of the persons seen in a period (history included).
      CREATE INDEX records_interview_date ON records ((payload->>'date'))
        WHERE entity_type = 'interview';
      CREATE INDEX records_interview_person ON records ((payload->>'beneficiaryId'))
        WHERE entity_type = 'interview';
    `,
  },
  {
    version: 3,
    name: 'services withdrawn from the catalogue',
    sql: `
      -- The day an import with --withdraw-missing withdrew the service (null: in the catalogue).
      -- The row and its last content stay: contracts already drafted name it.
      ALTER TABLE services ADD COLUMN withdrawn_on date;
    `,
  },
  {
    version: 4,
    name: 'interview facts for the indicators, back-filled from the stored interviews',
    sql: `
      -- One row per stored interview record, with only what the steering indicators read
      -- (shared/indicators/indicator-facts.ts), written with the record (server/sync/records.ts).
      -- Identifiers and timestamps compare in code-point order ("C"), as the shared code does.
      CREATE TABLE interview_facts (
        entity_id text PRIMARY KEY,
        territory text COLLATE "C",
        interview_id text COLLATE "C" NOT NULL,
        beneficiary_id text COLLATE "C" NOT NULL,
        date date NOT NULL,
        status text NOT NULL,
        attendance text,
        cohort text NOT NULL,
        rights_opened_on date NOT NULL,
        previous_version_id text COLLATE "C",
        version integer NOT NULL,
        order_at text COLLATE "C" NOT NULL,
        diagnostic boolean NOT NULL,
        final_dominante text COLLATE "C",
        weekly_hours_mode text,
        first_action_due date,
        action_count integer NOT NULL,
        sat_listened text,
        sat_understood text,
        sat_useful text,
        sat_pe_advisor text,
        sat_cd_professional text,
        criteria jsonb
      );
      CREATE INDEX interview_facts_date ON interview_facts (date, territory);
      CREATE INDEX interview_facts_person ON interview_facts (beneficiary_id);
      CREATE INDEX interview_facts_previous ON interview_facts (previous_version_id)
        WHERE previous_version_id IS NOT NULL;

      -- Stored interviews that do not parse with the current schema: the indicators refuse to
      -- report while there is one, rather than leave it out. Field paths only, never a value.
      CREATE TABLE interview_fact_problems (
        entity_id text PRIMARY KEY,
        territory text,
        paths text[] NOT NULL
      );
    `,
    // Its back-fill is migration 5's: the facts are derived from the records by today's code,
    // which writes today's columns, so only the last migration that changes them rebuilds them.
  },
  {
    version: 5,
    name: "interview facts with each person's history and the answers as a list",
    sql: `
      -- The answers in REASON_ORDER (shared/indicators/indicator-facts.ts), compared per matrix
      -- column far more cheaply than the jsonb object they replace.
      ALTER TABLE interview_facts DROP COLUMN criteria;
      ALTER TABLE interview_facts ADD COLUMN answers text[];

      -- A person's history in a territory, kept by writeInterviewFacts for every person a write
      -- touches (server/indicators/interview-facts.ts), so that a report reads only its period:
      -- latest: no correction supersedes this version;
      -- first_attended: the first latest interview of the person with attendance recorded;
      -- previous_diagnostic: the entity_id of the person's latest diagnostic before this one,
      --   with its final dominante and answers (previous_dominante, previous_answers);
      -- next_diagnostic_date: the date of the person's next latest diagnostic.
      ALTER TABLE interview_facts ADD COLUMN latest boolean NOT NULL DEFAULT true;
      ALTER TABLE interview_facts ADD COLUMN first_attended boolean NOT NULL DEFAULT false;
      ALTER TABLE interview_facts ADD COLUMN previous_diagnostic text COLLATE "C";
      ALTER TABLE interview_facts ADD COLUMN previous_dominante text COLLATE "C";
      ALTER TABLE interview_facts ADD COLUMN previous_answers text[];
      ALTER TABLE interview_facts ADD COLUMN next_diagnostic_date date;
      CREATE INDEX interview_facts_latest ON interview_facts (date, territory) WHERE latest;
      CREATE INDEX interview_facts_interview ON interview_facts (interview_id);
    `,
    after: async (tx) => {
      await rebuildInterviewFacts(tx);
    },
  },
];

/** Any constant will do: it only has to be the same for every codiag server. */
const MIGRATION_LOCK_KEY = 4_242_001;

/** Applies the migrations not yet applied; returns their versions. */
export async function migrate(
  db: Database,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  await db.exec(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    const didApply = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [
        migration.version,
      ]);
      if (done.rows.length > 0) return false;
      await tx.exec(migration.sql);
      await migration.after?.(tx);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (didApply) applied.push(migration.version);
  }
  return applied;
}
