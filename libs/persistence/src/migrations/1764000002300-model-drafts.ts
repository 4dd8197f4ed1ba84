import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The modeler's autosaved drafts, one per user and name, so another browser of the same user finds them. */
export class ModelDrafts1764000002300 implements MigrationInterface {
  name = 'ModelDrafts1764000002300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE model_draft (
        user_id text NOT NULL,
        name text NOT NULL,
        xml text NOT NULL,
        origin text NOT NULL,
        saved_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, name)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE model_draft`);
  }
}
