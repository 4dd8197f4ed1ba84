import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Guardrail checks (issue 7 point 3): when a running experiment's guardrails are next due, claimed
 * like a job (one engine process per check), how many checks ran, and the last results, shown on the dashboard.
 */
export class GuardrailChecks1764000001400 implements MigrationInterface {
  name = 'GuardrailChecks1764000001400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE experiment ADD COLUMN guardrails_due_at timestamptz, ADD COLUMN guardrail_checks jsonb, ADD COLUMN guardrails_checked_at timestamptz, ADD COLUMN guardrail_check_runs integer NOT NULL DEFAULT 0`,
    );
    await queryRunner.query(`CREATE INDEX experiment_guardrails_due_idx ON experiment (guardrails_due_at) WHERE state = 'running'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX experiment_guardrails_due_idx`);
    await queryRunner.query(
      `ALTER TABLE experiment DROP COLUMN guardrails_due_at, DROP COLUMN guardrail_checks, DROP COLUMN guardrails_checked_at, DROP COLUMN guardrail_check_runs`,
    );
  }
}
