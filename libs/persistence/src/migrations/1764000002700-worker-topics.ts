import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The job types (topics) workers have fetched, so a deploy can warn about a job type no worker has ever asked for. */
export class WorkerTopics1764000002700 implements MigrationInterface {
  name = 'WorkerTopics1764000002700';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE worker_topic (
        topic text PRIMARY KEY,
        last_fetched_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE worker_topic`);
  }
}
