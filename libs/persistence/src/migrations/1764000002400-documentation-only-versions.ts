import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a process version can start cases: false for a documentation-only model (every process
 * `isExecutable="false"`, issue 22), which deploys to be opened, diffed and simulated. A constant
 * default, so adding it rewrites no rows; the lists show the flag without reading the graph.
 */
export class DocumentationOnlyVersions1764000002400 implements MigrationInterface {
  name = 'DocumentationOnlyVersions1764000002400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE process_version ADD COLUMN executable boolean NOT NULL DEFAULT true`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE process_version DROP COLUMN executable`);
  }
}
