import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The guardrail check reads an experiment's cases that ended since its last look (issue 20
 * point 3): the ended facts of the experiment by the last step folded into them.
 */
export class CaseFactArmSequence1764000002900 implements MigrationInterface {
  name = 'CaseFactArmSequence1764000002900';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX case_fact_arm_seq_idx ON case_fact (experiment_id, last_seq) WHERE experiment_id IS NOT NULL AND ended_at IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX case_fact_arm_seq_idx`);
  }
}
