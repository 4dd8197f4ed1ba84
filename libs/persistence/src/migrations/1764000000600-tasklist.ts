import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tasklist: a task's work state (claimed is no longer started), its owner while delegated, its
 * SLA dates and breach, its priority, category, stage and value class, and its process key, all on
 * the row so the queue query filters and sorts without a join. Steps get a `detail` and the new
 * types; SLA clocks are jobs of their own type (`slaBreach`).
 */
export class Tasklist1764000000600 implements MigrationInterface {
  name = 'Tasklist1764000000600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE task
        ADD COLUMN state text,
        ADD COLUMN owner text,
        ADD COLUMN process_key text,
        ADD COLUMN priority smallint,
        ADD COLUMN category text,
        ADD COLUMN stage text,
        ADD COLUMN value_class text,
        ADD COLUMN follow_up_at timestamptz,
        ADD COLUMN started_at timestamptz,
        ADD COLUMN breached_at timestamptz`);
    // Before this, claiming a task also started it.
    await queryRunner.query(`
      UPDATE task SET state = CASE WHEN claimed_at IS NOT NULL THEN 'started' ELSE 'ready' END,
                      started_at = claimed_at, priority = 50,
                      process_key = (SELECT i.process_key FROM instance i WHERE i.id = task.instance_id)`);
    await queryRunner.query(`
      ALTER TABLE task
        ALTER COLUMN state SET NOT NULL,
        ALTER COLUMN process_key SET NOT NULL,
        ALTER COLUMN priority SET NOT NULL,
        ADD CONSTRAINT task_state_check CHECK (state IN ('ready', 'claimed', 'started', 'paused')),
        ADD CONSTRAINT task_priority_check CHECK (priority BETWEEN 0 AND 100)`);
    // The queue: open, unassigned tasks in the default order (priority first, then the due date).
    await queryRunner.query(`CREATE INDEX task_open_queue_idx ON task (priority DESC, due_at, id) WHERE status = 'open' AND assignee IS NULL`);
    // The queue by due date, and every open task (an admin's list) in the default order.
    await queryRunner.query(`CREATE INDEX task_open_queue_due_idx ON task (due_at, priority DESC, id) WHERE status = 'open' AND assignee IS NULL`);
    await queryRunner.query(`CREATE INDEX task_open_priority_idx ON task (priority DESC, due_at, id) WHERE status = 'open'`);
    // "Mine": an assignee's open tasks in the same order.
    await queryRunner.query(`CREATE INDEX task_open_assignee_idx ON task (assignee, priority DESC, due_at, id) WHERE status = 'open'`);
    await queryRunner.query(`CREATE INDEX task_open_candidate_users_idx ON task USING gin (candidate_users) WHERE status = 'open'`);

    // Agents' notes on a task, shown beside it; they are no step of the ledger.
    await queryRunner.query(`
      CREATE TABLE task_comment (
        id uuid NOT NULL,
        task_id uuid NOT NULL,
        author text NOT NULL,
        text text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT task_comment_pkey PRIMARY KEY (id),
        CONSTRAINT task_comment_task_fkey FOREIGN KEY (task_id) REFERENCES task (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX task_comment_task_idx ON task_comment (task_id, created_at)`);

    await queryRunner.query(`
      ALTER TABLE step_event
        ADD COLUMN detail jsonb,
        DROP CONSTRAINT step_event_type_check,
        ADD CONSTRAINT step_event_type_check CHECK (type IN ('ready', 'claimed', 'unclaimed', 'started', 'paused', 'escalated',
                                                             'breached', 'completed', 'canceled', 'migrated'))`);

    await queryRunner.query(`
      ALTER TABLE job
        DROP CONSTRAINT job_type_check,
        DROP CONSTRAINT job_owner_check,
        ADD CONSTRAINT job_type_check CHECK (type IN ('timer', 'timerStart', 'slaBreach')),
        ADD CONSTRAINT job_owner_check CHECK (
          (type IN ('timer', 'slaBreach') AND instance_id IS NOT NULL AND activity_instance_id IS NOT NULL)
          OR (type = 'timerStart' AND instance_id IS NULL AND process_version_id IS NOT NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM job WHERE type = 'slaBreach'`);
    await queryRunner.query(`
      ALTER TABLE job
        DROP CONSTRAINT job_type_check,
        DROP CONSTRAINT job_owner_check,
        ADD CONSTRAINT job_type_check CHECK (type IN ('timer', 'timerStart')),
        ADD CONSTRAINT job_owner_check CHECK (
          (type = 'timer' AND instance_id IS NOT NULL AND activity_instance_id IS NOT NULL)
          OR (type = 'timerStart' AND instance_id IS NULL AND process_version_id IS NOT NULL))`);
    await queryRunner.query(`DELETE FROM step_event WHERE type IN ('unclaimed', 'paused', 'escalated', 'breached')`);
    await queryRunner.query(`
      ALTER TABLE step_event
        DROP COLUMN detail,
        DROP CONSTRAINT step_event_type_check,
        ADD CONSTRAINT step_event_type_check CHECK (type IN ('ready', 'claimed', 'started', 'completed', 'canceled', 'migrated'))`);
    await queryRunner.query(`DROP TABLE task_comment`);
    await queryRunner.query(`DROP INDEX task_open_candidate_users_idx`);
    await queryRunner.query(`DROP INDEX task_open_assignee_idx`);
    await queryRunner.query(`DROP INDEX task_open_priority_idx`);
    await queryRunner.query(`DROP INDEX task_open_queue_due_idx`);
    await queryRunner.query(`DROP INDEX task_open_queue_idx`);
    await queryRunner.query(`
      ALTER TABLE task
        DROP COLUMN state, DROP COLUMN owner, DROP COLUMN process_key, DROP COLUMN priority, DROP COLUMN category,
        DROP COLUMN stage, DROP COLUMN value_class, DROP COLUMN follow_up_at, DROP COLUMN started_at, DROP COLUMN breached_at`);
  }
}
