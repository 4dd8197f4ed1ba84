import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `case_fact`: one narrow row per case, folded by the analytics aggregator from the case's steps
 * (a running case's row refolded as it moves, an ended one's final), so that the KPI, rework,
 * utilisation and segment reports read a few columns per case instead of the whole step ledger
 * (issue 20). `case_fact_backfill` queues the cases that were there before the table: the
 * aggregator folds them on its next drains (their steps must still be in the ledger).
 */
export class CaseFacts1764000002100 implements MigrationInterface {
  name = 'CaseFacts1764000002100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE case_fact (
        instance_id uuid NOT NULL,
        process_version_id uuid NOT NULL,
        experiment_id uuid,
        arm_id text,
        business_key text,
        status text NOT NULL,
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        -- the last step folded: a running case with a later step is refolded
        last_seq bigint NOT NULL,
        lead_time_ms double precision,
        desk_time_ms double precision,
        queue_ms double precision,
        claimed_idle_ms double precision,
        processing_ms double precision,
        handoff_ms double precision,
        external_system_ms double precision,
        designed_wait_ms double precision,
        other_ms double precision,
        handling_ms double precision,
        nva_ms double precision,
        nva_steps integer,
        nva_processing_ms double precision,
        va_processing_ms double precision,
        first_response_ms double precision,
        first_lane text,
        user_task_lanes text[] NOT NULL,
        escalated boolean NOT NULL,
        rework jsonb,
        costed_amount double precision NOT NULL,
        uncosted_processing_ms double precision NOT NULL,
        csat double precision,
        nps double precision,
        segments jsonb NOT NULL,
        ended_runs integer NOT NULL,
        first_ready_at timestamptz,
        last_ended_at timestamptz,
        work jsonb NOT NULL,
        stages jsonb NOT NULL,
        worked jsonb NOT NULL,
        CONSTRAINT case_fact_pkey PRIMARY KEY (instance_id)
      )`);
    // The reports pick ended cases by version and end, running ones by version and start, segments by containment.
    await queryRunner.query(`CREATE INDEX case_fact_version_ended_idx ON case_fact (process_version_id, ended_at)`);
    await queryRunner.query(`CREATE INDEX case_fact_running_idx ON case_fact (process_version_id, started_at) WHERE ended_at IS NULL`);
    await queryRunner.query(`CREATE INDEX case_fact_segments_idx ON case_fact USING gin (segments jsonb_path_ops)`);
    await queryRunner.query(`CREATE INDEX case_fact_arm_idx ON case_fact (experiment_id, arm_id) WHERE experiment_id IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE case_fact_backfill (
        instance_id uuid NOT NULL,
        CONSTRAINT case_fact_backfill_pkey PRIMARY KEY (instance_id)
      )`);
    await queryRunner.query(`INSERT INTO case_fact_backfill (instance_id) SELECT id FROM instance`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE case_fact_backfill`);
    await queryRunner.query(`DROP TABLE case_fact`);
  }
}
