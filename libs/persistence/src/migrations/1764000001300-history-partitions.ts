import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addMonths, createPartitionSql, defaultPartitionName, monthOf, PARTITION_MONTHS_AHEAD, type HistoryTable, type Month } from '../history/history-months.js';

/**
 * Bounded history (issue 9.3). The step ledger becomes a table partitioned by month of `at`, and
 * each ended case's record goes into `instance_history`, partitioned by month of `ended_at`, when
 * the analytics aggregator folds the case (so a history row also says "counted in the
 * aggregates"). Dropping old history is then dropping month partitions (HistoryPartitionRepository);
 * a DEFAULT partition takes rows of months without a partition of their own. The primary keys
 * carry the partition column, as PostgreSQL requires; nothing references step_event's key.
 *
 * The experiment assignment of a case outlives the case's live rows: its foreign key to instance
 * goes, so retention can delete an old case while the experiment keeps the record of its arm.
 */
export class HistoryPartitions1764000001300 implements MigrationInterface {
  name = 'HistoryPartitions1764000001300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE step_event RENAME TO step_event_unpartitioned`);
    // LIKE keeps every column (in order), its default (the seq sequence) and the type check.
    await queryRunner.query(`CREATE TABLE step_event (LIKE step_event_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (at)`);
    await queryRunner.query(`ALTER SEQUENCE step_event_seq_seq OWNED BY step_event.seq`);
    await createPartitions(queryRunner, 'step_event', await monthsOf(queryRunner, `SELECT DISTINCT at AS at FROM step_event_unpartitioned`));
    await queryRunner.query(`INSERT INTO step_event SELECT * FROM step_event_unpartitioned`);
    await queryRunner.query(`DROP TABLE step_event_unpartitioned`);
    await queryRunner.query(`ALTER TABLE step_event ADD CONSTRAINT step_event_pkey PRIMARY KEY (id, at)`);
    await queryRunner.query(`ALTER TABLE step_event ADD CONSTRAINT step_event_instance_fkey FOREIGN KEY (instance_id) REFERENCES instance (id)`);
    await queryRunner.query(`CREATE INDEX step_event_instance_seq_idx ON step_event (instance_id, seq)`);
    await queryRunner.query(`CREATE INDEX step_event_element_type_at_idx ON step_event (element_id, type, at)`);
    await queryRunner.query(`CREATE INDEX step_event_activity_instance_idx ON step_event (activity_instance_id)`);

    await queryRunner.query(`
      CREATE TABLE instance_history (
        id uuid NOT NULL,
        process_version_id uuid NOT NULL,
        process_key text NOT NULL,
        business_key text,
        parent_instance_id uuid,
        status text NOT NULL,
        started_at timestamptz NOT NULL,
        ended_at timestamptz NOT NULL,
        variables jsonb NOT NULL,
        CONSTRAINT instance_history_pkey PRIMARY KEY (id, ended_at)
      ) PARTITION BY RANGE (ended_at)`);
    await queryRunner.query(`CREATE INDEX instance_history_version_ended_idx ON instance_history (process_version_id, ended_at)`);
    await createPartitions(queryRunner, 'instance_history', await monthsOf(queryRunner, `SELECT DISTINCT ended_at AS at FROM instance WHERE ended_at IS NOT NULL`));
    // Cases ended and already folded; the aggregator writes the ones still queued when it folds them.
    await queryRunner.query(`
      INSERT INTO instance_history (id, process_version_id, process_key, business_key, parent_instance_id, status, started_at, ended_at, variables)
      SELECT i.id, i.process_version_id, i.process_key, i.business_key, i.parent_instance_id, i.status, i.started_at, i.ended_at,
             COALESCE((SELECT jsonb_object_agg(v.name, v.value) FROM variable v WHERE v.instance_id = i.id), '{}'::jsonb)
      FROM instance i
      WHERE i.ended_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM analytics_case_pending p WHERE p.instance_id = i.id)`);

    await queryRunner.query(`ALTER TABLE experiment_assignment DROP CONSTRAINT experiment_assignment_instance_fkey`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // NOT VALID: assignments of cases that retention deleted stay.
    await queryRunner.query(`ALTER TABLE experiment_assignment ADD CONSTRAINT experiment_assignment_instance_fkey FOREIGN KEY (instance_id) REFERENCES instance (id) NOT VALID`);
    await queryRunner.query(`DROP TABLE instance_history`);
    await queryRunner.query(`ALTER TABLE step_event RENAME TO step_event_partitioned`);
    await queryRunner.query(`CREATE TABLE step_event (LIKE step_event_partitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
    await queryRunner.query(`ALTER SEQUENCE step_event_seq_seq OWNED BY step_event.seq`);
    await queryRunner.query(`INSERT INTO step_event SELECT * FROM step_event_partitioned`);
    await queryRunner.query(`DROP TABLE step_event_partitioned`);
    await queryRunner.query(`ALTER TABLE step_event ADD CONSTRAINT step_event_pkey PRIMARY KEY (id)`);
    await queryRunner.query(`ALTER TABLE step_event ADD CONSTRAINT step_event_instance_fkey FOREIGN KEY (instance_id) REFERENCES instance (id)`);
    await queryRunner.query(`CREATE INDEX step_event_instance_seq_idx ON step_event (instance_id, seq)`);
    await queryRunner.query(`CREATE INDEX step_event_element_type_at_idx ON step_event (element_id, type, at)`);
    await queryRunner.query(`CREATE INDEX step_event_activity_instance_idx ON step_event (activity_instance_id)`);
  }
}

/** The months of the instants the query answers (column `at`), plus the database's present month and the ones ahead. */
const monthsOf = async (queryRunner: QueryRunner, query: string): Promise<Month[]> => {
  const rows: Array<{ at: Date }> = await queryRunner.query(`SELECT date_trunc('month', t.at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS at FROM (${query}) AS t GROUP BY 1`);
  const [{ now }]: Array<{ now: Date }> = await queryRunner.query(`SELECT now() AS now`);
  const months = new Map<string, Month>();
  const add = (month: Month) => months.set(`${month.year}-${month.month}`, month);
  for (const { at } of rows) add(monthOf(at));
  for (let ahead = 0; ahead <= PARTITION_MONTHS_AHEAD; ahead += 1) add(addMonths(monthOf(now), ahead));
  return [...months.values()];
};

const createPartitions = async (queryRunner: QueryRunner, table: HistoryTable, months: Month[]): Promise<void> => {
  await queryRunner.query(`CREATE TABLE ${defaultPartitionName(table)} PARTITION OF ${table} DEFAULT`);
  for (const month of months) await queryRunner.query(createPartitionSql(table, month));
};
