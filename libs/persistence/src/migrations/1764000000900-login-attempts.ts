import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed log-ins per username and per client address, counted in a fixed window. In the database,
 * not in memory, so every engine process behind a load balancer counts the same failures.
 */
export class LoginAttempts1764000000900 implements MigrationInterface {
  name = 'LoginAttempts1764000000900';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE login_attempt (
        key text NOT NULL,
        failures integer NOT NULL,
        window_started_at timestamptz NOT NULL,
        CONSTRAINT login_attempt_pkey PRIMARY KEY (key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE login_attempt`);
  }
}
