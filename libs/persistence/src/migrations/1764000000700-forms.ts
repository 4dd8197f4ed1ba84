import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deployed forms: the immutable versions of each form-js schema, numbered per form id (the schema's
 * `id`, what a user task's `formKey="form:<id>"` names) like decisions; identical text returns the
 * existing version.
 */
export class Forms1764000000700 implements MigrationInterface {
  name = 'Forms1764000000700';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE form (
        id uuid NOT NULL,
        key text NOT NULL,
        version integer NOT NULL,
        name text,
        checksum text NOT NULL,
        schema jsonb NOT NULL,
        deployed_at timestamptz NOT NULL,
        CONSTRAINT form_pkey PRIMARY KEY (id),
        CONSTRAINT form_key_version_unique UNIQUE (key, version),
        CONSTRAINT form_key_checksum_unique UNIQUE (key, checksum)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE form`);
  }
}
