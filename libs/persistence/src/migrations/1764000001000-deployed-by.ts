import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who deployed a process version (the signed-in designer; null for the engine's own start-up deployments). */
export class DeployedBy1764000001000 implements MigrationInterface {
  name = 'DeployedBy1764000001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE process_version ADD COLUMN deployed_by text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE process_version DROP COLUMN deployed_by`);
  }
}
