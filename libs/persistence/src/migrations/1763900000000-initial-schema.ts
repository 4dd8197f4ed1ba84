import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The walking-skeleton schema. The instance row holds the engine state (JSONB) guarded by
 * `revision`; every other table is a query-side projection written in the same statement as the
 * state, plus the append-only step ledger.
 */
export class InitialSchema1763900000000 implements MigrationInterface {
  name = 'InitialSchema1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE process_version (
        id uuid NOT NULL,
        key text NOT NULL,
        version integer NOT NULL,
        name text,
        checksum text NOT NULL,
        xml text NOT NULL,
        graph jsonb NOT NULL,
        deployed_at timestamptz NOT NULL,
        CONSTRAINT process_version_pkey PRIMARY KEY (id),
        CONSTRAINT process_version_key_version_unique UNIQUE (key, version),
        CONSTRAINT process_version_key_checksum_unique UNIQUE (key, checksum)
      )`);
    await queryRunner.query(`
      CREATE TABLE instance (
        id uuid NOT NULL,
        process_version_id uuid NOT NULL,
        process_key text NOT NULL,
        business_key text,
        status text NOT NULL,
        state jsonb NOT NULL,
        revision integer NOT NULL,
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        CONSTRAINT instance_pkey PRIMARY KEY (id),
        CONSTRAINT instance_process_version_fkey FOREIGN KEY (process_version_id) REFERENCES process_version (id)
      )`);
    await queryRunner.query(`CREATE INDEX instance_process_version_idx ON instance (process_version_id)`);
    await queryRunner.query(`CREATE INDEX instance_process_key_status_idx ON instance (process_key, status, started_at)`);
    await queryRunner.query(`CREATE INDEX instance_status_started_idx ON instance (status, started_at)`);
    await queryRunner.query(`CREATE INDEX instance_business_key_idx ON instance (business_key)`);

    await queryRunner.query(`
      CREATE TABLE task (
        id uuid NOT NULL,
        instance_id uuid NOT NULL,
        element_id text NOT NULL,
        name text,
        lane_id text,
        candidate_groups text[] NOT NULL,
        candidate_users text[] NOT NULL,
        assignee text,
        form_key text,
        due_at timestamptz,
        status text NOT NULL,
        created_at timestamptz NOT NULL,
        claimed_at timestamptz,
        completed_at timestamptz,
        canceled_at timestamptz,
        CONSTRAINT task_pkey PRIMARY KEY (id),
        CONSTRAINT task_status_check CHECK (status IN ('open', 'completed', 'canceled')),
        CONSTRAINT task_instance_fkey FOREIGN KEY (instance_id) REFERENCES instance (id)
      )`);
    await queryRunner.query(`CREATE INDEX task_instance_idx ON task (instance_id)`);
    await queryRunner.query(`CREATE INDEX task_status_created_idx ON task (status, created_at)`);
    await queryRunner.query(`CREATE INDEX task_assignee_status_idx ON task (assignee, status)`);
    // Work queues ask "open tasks for my group": a GIN index answers `candidate_groups @> ARRAY[$1]`.
    await queryRunner.query(`CREATE INDEX task_open_candidate_groups_idx ON task USING gin (candidate_groups) WHERE status = 'open'`);

    await queryRunner.query(`
      CREATE TABLE external_task (
        id uuid NOT NULL,
        instance_id uuid NOT NULL,
        element_id text NOT NULL,
        topic text NOT NULL,
        retries integer NOT NULL,
        worker_id text,
        lock_expires_at timestamptz,
        status text NOT NULL,
        error_message text,
        created_at timestamptz NOT NULL,
        CONSTRAINT external_task_pkey PRIMARY KEY (id),
        CONSTRAINT external_task_status_check CHECK (status IN ('open', 'completed', 'canceled')),
        CONSTRAINT external_task_instance_fkey FOREIGN KEY (instance_id) REFERENCES instance (id)
      )`);
    await queryRunner.query(`CREATE INDEX external_task_instance_idx ON external_task (instance_id)`);
    // Fetch-and-lock scans only fetchable rows of a topic, oldest first.
    await queryRunner.query(`CREATE INDEX external_task_fetchable_idx ON external_task (topic, created_at) WHERE status = 'open' AND retries > 0`);

    await queryRunner.query(`
      CREATE TABLE job (
        id uuid NOT NULL,
        type text NOT NULL,
        instance_id uuid NOT NULL,
        element_id text NOT NULL,
        activity_instance_id uuid NOT NULL,
        due_at timestamptz NOT NULL,
        locked_by text,
        lock_expires_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        CONSTRAINT job_pkey PRIMARY KEY (id),
        CONSTRAINT job_type_check CHECK (type IN ('timer')),
        CONSTRAINT job_instance_fkey FOREIGN KEY (instance_id) REFERENCES instance (id)
      )`);
    await queryRunner.query(`CREATE INDEX job_due_idx ON job (due_at)`);
    await queryRunner.query(`CREATE INDEX job_instance_idx ON job (instance_id)`);

    await queryRunner.query(`
      CREATE TABLE variable (
        instance_id uuid NOT NULL,
        name text NOT NULL,
        value jsonb NOT NULL,
        CONSTRAINT variable_pkey PRIMARY KEY (instance_id, name),
        CONSTRAINT variable_instance_fkey FOREIGN KEY (instance_id) REFERENCES instance (id)
      )`);
    await queryRunner.query(`CREATE INDEX variable_name_idx ON variable (name)`);

    await queryRunner.query(`
      CREATE TABLE step_event (
        id uuid NOT NULL,
        seq bigserial NOT NULL,
        instance_id uuid NOT NULL,
        activity_instance_id uuid NOT NULL,
        element_id text NOT NULL,
        element_type text NOT NULL,
        type text NOT NULL,
        at timestamptz NOT NULL,
        actor text,
        lane_id text,
        previous_activity_instance_id uuid,
        CONSTRAINT step_event_pkey PRIMARY KEY (id),
        CONSTRAINT step_event_type_check CHECK (type IN ('ready', 'claimed', 'started', 'completed', 'canceled')),
        CONSTRAINT step_event_instance_fkey FOREIGN KEY (instance_id) REFERENCES instance (id)
      )`);
    await queryRunner.query(`CREATE INDEX step_event_instance_seq_idx ON step_event (instance_id, seq)`);
    await queryRunner.query(`CREATE INDEX step_event_element_type_at_idx ON step_event (element_id, type, at)`);

    await queryRunner.query(`
      CREATE TABLE incident (
        id uuid NOT NULL,
        instance_id uuid NOT NULL,
        external_task_id uuid,
        job_id uuid,
        element_id text NOT NULL,
        message text NOT NULL,
        created_at timestamptz NOT NULL,
        resolved_at timestamptz,
        CONSTRAINT incident_pkey PRIMARY KEY (id),
        CONSTRAINT incident_instance_fkey FOREIGN KEY (instance_id) REFERENCES instance (id)
      )`);
    await queryRunner.query(`CREATE INDEX incident_instance_idx ON incident (instance_id)`);
    await queryRunner.query(`CREATE INDEX incident_external_task_idx ON incident (external_task_id)`);
    await queryRunner.query(`CREATE INDEX incident_created_idx ON incident (created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['incident', 'step_event', 'variable', 'job', 'external_task', 'task', 'instance', 'process_version']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
