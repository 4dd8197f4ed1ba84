import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables whose rows decide who a token or an API key is, and whether it still counts. */
const IDENTITY_TABLES = ['identity_user', 'identity_membership', 'auth_session', 'api_key'];

/**
 * Every write to the identity tables is announced on `tandem_identity` after its commit, so each
 * engine process drops the principals it caches (issue 19: no query per request to authenticate).
 * Per statement, not per row: a whole cache is dropped anyway, and PostgreSQL folds the identical
 * notifications of one transaction into one.
 */
export class IdentityChanges1764000002000 implements MigrationInterface {
  name = 'IdentityChanges1764000002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION tandem_announce_identity_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('tandem_identity', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    for (const table of IDENTITY_TABLES) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_announce_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION tandem_announce_identity_change()`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of IDENTITY_TABLES) await queryRunner.query(`DROP TRIGGER ${table}_announce_change ON ${table}`);
    await queryRunner.query(`DROP FUNCTION tandem_announce_identity_change()`);
  }
}
