import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The analysts' KPI baselines and targets, one set per process key (`{ kpi: { baseline?, target? } }`). */
export class KpiTargets1764000001100 implements MigrationInterface {
  name = 'KpiTargets1764000001100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE kpi_target (
        process_key text PRIMARY KEY,
        targets jsonb NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by text
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE kpi_target`);
  }
}
