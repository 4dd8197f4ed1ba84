import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dual-track experiments (issue 7): the experiment with its definition, the arm each routed case
 * met (written in the transaction that starts the case) and the log of state changes.
 */
export class Experiments1764000001200 implements MigrationInterface {
  name = 'Experiments1764000001200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE experiment (
        id uuid NOT NULL,
        process_key text NOT NULL,
        state text NOT NULL,
        definition jsonb NOT NULL,
        seed bigint NOT NULL,
        analysis_version integer NOT NULL,
        created_at timestamptz NOT NULL,
        created_by text,
        started_at timestamptz,
        stopped_at timestamptz,
        CONSTRAINT experiment_pkey PRIMARY KEY (id),
        CONSTRAINT experiment_state_check CHECK (state IN ('draft', 'running', 'paused', 'stopped', 'promoted'))
      )`);
    // One experiment at a time routes the cases of a key.
    await queryRunner.query(`CREATE UNIQUE INDEX experiment_one_active_per_key ON experiment (process_key) WHERE state IN ('running', 'paused')`);
    await queryRunner.query(`CREATE INDEX experiment_key_state_idx ON experiment (process_key, state)`);
    await queryRunner.query(`
      CREATE TABLE experiment_assignment (
        instance_id uuid NOT NULL,
        experiment_id uuid NOT NULL,
        arm_id text NOT NULL,
        process_version_id uuid NOT NULL,
        reason text NOT NULL,
        unit_key text NOT NULL,
        hash double precision,
        ramp_step integer,
        candidate_share double precision,
        assigned_at timestamptz NOT NULL,
        CONSTRAINT experiment_assignment_pkey PRIMARY KEY (instance_id),
        CONSTRAINT experiment_assignment_instance_fkey FOREIGN KEY (instance_id) REFERENCES instance (id),
        CONSTRAINT experiment_assignment_experiment_fkey FOREIGN KEY (experiment_id) REFERENCES experiment (id)
      )`);
    await queryRunner.query(`CREATE INDEX experiment_assignment_experiment_idx ON experiment_assignment (experiment_id, assigned_at, instance_id)`);
    await queryRunner.query(`
      CREATE TABLE experiment_event (
        id uuid NOT NULL,
        -- The order of the changes, also when the clock shows one instant for several.
        seq bigint GENERATED ALWAYS AS IDENTITY,
        experiment_id uuid NOT NULL,
        at timestamptz NOT NULL,
        actor text,
        action text NOT NULL,
        from_state text,
        to_state text NOT NULL,
        reason text,
        details jsonb,
        CONSTRAINT experiment_event_pkey PRIMARY KEY (id),
        CONSTRAINT experiment_event_experiment_fkey FOREIGN KEY (experiment_id) REFERENCES experiment (id)
      )`);
    await queryRunner.query(`CREATE INDEX experiment_event_experiment_idx ON experiment_event (experiment_id, seq)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE experiment_event`);
    await queryRunner.query(`DROP TABLE experiment_assignment`);
    await queryRunner.query(`DROP TABLE experiment`);
  }
}
