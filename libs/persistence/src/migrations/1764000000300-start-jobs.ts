import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Jobs that belong to a process version rather than an instance (process-level timer start
 * events), incidents on them, per-job retry budgets, and the announcement of new external tasks
 * that lets long-polling workers on any engine process wake up.
 */
export class StartJobs1764000000300 implements MigrationInterface {
  name = 'StartJobs1764000000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE job DROP CONSTRAINT job_type_check`);
    await queryRunner.query(`
      ALTER TABLE job
        ALTER COLUMN instance_id DROP NOT NULL,
        ALTER COLUMN activity_instance_id DROP NOT NULL,
        ADD COLUMN process_version_id uuid,
        ADD COLUMN repeat jsonb,
        ADD COLUMN max_attempts integer,
        ADD CONSTRAINT job_process_version_fkey FOREIGN KEY (process_version_id) REFERENCES process_version (id),
        ADD CONSTRAINT job_type_check CHECK (type IN ('timer', 'timerStart')),
        ADD CONSTRAINT job_owner_check CHECK (
          (type = 'timer' AND instance_id IS NOT NULL AND activity_instance_id IS NOT NULL)
          OR (type = 'timerStart' AND instance_id IS NULL AND process_version_id IS NOT NULL))`);
    await queryRunner.query(`CREATE INDEX job_process_version_idx ON job (process_version_id)`);

    await queryRunner.query(`
      ALTER TABLE incident
        ALTER COLUMN instance_id DROP NOT NULL,
        ADD COLUMN process_version_id uuid,
        ADD CONSTRAINT incident_process_version_fkey FOREIGN KEY (process_version_id) REFERENCES process_version (id),
        ADD CONSTRAINT incident_owner_check CHECK (instance_id IS NOT NULL OR process_version_id IS NOT NULL)`);
    await queryRunner.query(`CREATE INDEX incident_job_idx ON incident (job_id)`);

    // Which versions have had their start timers scheduled, so a redeploy or a restart never schedules them twice.
    await queryRunner.query(`
      CREATE TABLE start_timer_schedule (
        process_version_id uuid NOT NULL,
        scheduled_at timestamptz NOT NULL,
        CONSTRAINT start_timer_schedule_pkey PRIMARY KEY (process_version_id),
        CONSTRAINT start_timer_schedule_process_version_fkey FOREIGN KEY (process_version_id) REFERENCES process_version (id)
      )`);
    // Versions deployed before could have no timer start event (deploy refused them).
    await queryRunner.query(`INSERT INTO start_timer_schedule (process_version_id, scheduled_at) SELECT id, deployed_at FROM process_version`);

    // Every writer of external tasks announces them after its commit (NOTIFY is transactional), so a
    // worker long-polling on any engine process wakes up; one notification per statement, its
    // payload a JSON array of topics (ExternalTaskListener reads it).
    await queryRunner.query(`
      CREATE FUNCTION announce_external_tasks() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        topics text;
      BEGIN
        SELECT json_agg(DISTINCT topic)::text INTO topics FROM created WHERE status = 'open' AND retries > 0;
        IF topics IS NOT NULL THEN
          -- A payload over 8000 bytes would fail the commit: announce "any topic" instead.
          PERFORM pg_notify('tandem_external_task', CASE WHEN octet_length(topics) < 7900 THEN topics ELSE '*' END);
        END IF;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER external_task_announced AFTER INSERT ON external_task
      REFERENCING NEW TABLE AS created FOR EACH STATEMENT EXECUTE FUNCTION announce_external_tasks()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER external_task_announced ON external_task`);
    await queryRunner.query(`DROP FUNCTION announce_external_tasks()`);
    await queryRunner.query(`DROP TABLE start_timer_schedule`);
    await queryRunner.query(`DELETE FROM incident WHERE instance_id IS NULL`);
    await queryRunner.query(`DROP INDEX incident_job_idx`);
    await queryRunner.query(`
      ALTER TABLE incident
        DROP CONSTRAINT incident_owner_check,
        DROP CONSTRAINT incident_process_version_fkey,
        DROP COLUMN process_version_id,
        ALTER COLUMN instance_id SET NOT NULL`);
    await queryRunner.query(`DELETE FROM job WHERE type <> 'timer'`);
    await queryRunner.query(`DROP INDEX job_process_version_idx`);
    await queryRunner.query(`
      ALTER TABLE job
        DROP CONSTRAINT job_owner_check,
        DROP CONSTRAINT job_type_check,
        DROP CONSTRAINT job_process_version_fkey,
        DROP COLUMN max_attempts,
        DROP COLUMN repeat,
        DROP COLUMN process_version_id,
        ALTER COLUMN activity_instance_id SET NOT NULL,
        ALTER COLUMN instance_id SET NOT NULL,
        ADD CONSTRAINT job_type_check CHECK (type IN ('timer'))`);
  }
}
