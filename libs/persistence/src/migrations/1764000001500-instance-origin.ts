import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where a case came from: `live` (started through the engine) or `simulated` (history written by
 * the demo from a simulation run), so every view of a case can say it is not real. A constant
 * default needs no table rewrite.
 */
export class InstanceOrigin1764000001500 implements MigrationInterface {
  name = 'InstanceOrigin1764000001500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE instance
        ADD COLUMN origin text NOT NULL DEFAULT 'live',
        ADD CONSTRAINT instance_origin_check CHECK (origin IN ('live', 'simulated'))`);
    // Reports count the simulated cases of their versions; there are none outside a demo database.
    await queryRunner.query(`CREATE INDEX instance_simulated_version_idx ON instance (process_version_id) WHERE origin = 'simulated'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX instance_simulated_version_idx`);
    await queryRunner.query(`ALTER TABLE instance DROP CONSTRAINT instance_origin_check, DROP COLUMN origin`);
  }
}
