import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The per-measure columns of analytics_activity_bucket, in the order of MEASURES in libs/analytics. */
const MEASURE_COLUMNS = ['queue', 'claimed_idle', 'waiting', 'processing', 'handoff', 'duration'];

/**
 * Step-time analytics kept incrementally. The commit that ends an activity instance queues it in
 * `analytics_pending` (same statement as its steps); the aggregator folds queued activity
 * instances into `analytics_activity_bucket` rows (process version x element x UTC day, plus one
 * all-time row) and deletes them from the queue in one transaction, so no history is ever rescanned.
 * Each measure keeps a count, a total in seconds and a log-bucket histogram (libs/analytics histogram.ts),
 * merged by the aggregator under a row lock. Ended cases go the same way into `analytics_case_bucket`
 * (lead time, its decomposition and the value-added figures per case).
 */
export class Analytics1764000000800 implements MigrationInterface {
  name = 'Analytics1764000000800';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The aggregator reads the steps of the activity instances it folds, and their predecessors' (hand-offs).
    await queryRunner.query(`CREATE INDEX step_event_activity_instance_idx ON step_event (activity_instance_id)`);
    // Ledger scans choose the cases of some versions that ended (or ran) in a window.
    await queryRunner.query(`CREATE INDEX instance_process_version_ended_idx ON instance (process_version_id, ended_at)`);
    await queryRunner.query(`
      CREATE TABLE analytics_pending (
        activity_instance_id uuid NOT NULL,
        instance_id uuid NOT NULL,
        CONSTRAINT analytics_pending_pkey PRIMARY KEY (activity_instance_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE analytics_activity_bucket (
        process_version_id uuid NOT NULL,
        element_id text NOT NULL,
        grain text NOT NULL,
        period date NOT NULL,
        element_type text NOT NULL,
        lane_id text,
        completed integer NOT NULL DEFAULT 0,
        canceled integer NOT NULL DEFAULT 0,
        ${MEASURE_COLUMNS.map((measure) => `${measure}_n integer NOT NULL DEFAULT 0, ${measure}_total double precision NOT NULL DEFAULT 0, ${measure}_histogram integer[] NOT NULL DEFAULT '{}'`).join(',\n        ')},
        CONSTRAINT analytics_activity_bucket_pkey PRIMARY KEY (process_version_id, grain, period, element_id),
        CONSTRAINT analytics_activity_bucket_grain_check CHECK (grain IN ('day', 'all'))
      )`);
    // Cases that ended, queued by their last commit; folded into per-version x day case figures.
    await queryRunner.query(`
      CREATE TABLE analytics_case_pending (
        instance_id uuid NOT NULL,
        CONSTRAINT analytics_case_pending_pkey PRIMARY KEY (instance_id)
      )`);
    // figures: per case figure (lead time, its parts, the value-added figures) { n, totalSeconds, histogram }.
    await queryRunner.query(`
      CREATE TABLE analytics_case_bucket (
        process_version_id uuid NOT NULL,
        grain text NOT NULL,
        period date NOT NULL,
        cases integer NOT NULL DEFAULT 0,
        figures jsonb NOT NULL DEFAULT '{}',
        CONSTRAINT analytics_case_bucket_pkey PRIMARY KEY (process_version_id, grain, period),
        CONSTRAINT analytics_case_bucket_grain_check CHECK (grain IN ('day', 'all'))
      )`);
    // What ended before this migration is queued once, so the aggregates cover the whole ledger.
    await queryRunner.query(`
      INSERT INTO analytics_pending (activity_instance_id, instance_id)
      SELECT activity_instance_id, min(instance_id::text)::uuid FROM step_event WHERE type IN ('completed', 'canceled')
      GROUP BY activity_instance_id`);
    await queryRunner.query(`INSERT INTO analytics_case_pending (instance_id) SELECT id FROM instance WHERE ended_at IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE analytics_case_bucket`);
    await queryRunner.query(`DROP TABLE analytics_case_pending`);
    await queryRunner.query(`DROP TABLE analytics_activity_bucket`);
    await queryRunner.query(`DROP TABLE analytics_pending`);
    await queryRunner.query(`DROP INDEX instance_process_version_ended_idx`);
    await queryRunner.query(`DROP INDEX step_event_activity_instance_idx`);
  }
}
