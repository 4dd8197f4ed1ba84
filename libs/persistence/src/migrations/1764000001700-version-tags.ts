import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A process version's tag (`as-is`, `to-be` or free text), so the pickers tell versions of one key
 * apart. Nullable and without a default, so adding it rewrites no rows.
 */
export class VersionTags1764000001700 implements MigrationInterface {
  name = 'VersionTags1764000001700';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE process_version ADD COLUMN tag text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE process_version DROP COLUMN tag`);
  }
}
