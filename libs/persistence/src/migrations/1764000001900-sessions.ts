import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Revocable sessions. `token_version` is in every access token and compared on every request: it
 * goes up on a password change, a disable or a removed role, so every token issued before is
 * refused (and re-enabling the account does not bring them back). A session holds the hash of its
 * current refresh token, replaced on every refresh.
 */
export class Sessions1764000001900 implements MigrationInterface {
  name = 'Sessions1764000001900';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE identity_user ADD COLUMN token_version integer NOT NULL DEFAULT 1`);
    await queryRunner.query(`
      CREATE TABLE auth_session (
        id uuid NOT NULL,
        user_id uuid NOT NULL,
        token_version integer NOT NULL,
        refresh_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        refreshed_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text,
        CONSTRAINT auth_session_pkey PRIMARY KEY (id),
        CONSTRAINT auth_session_user_fkey FOREIGN KEY (user_id) REFERENCES identity_user (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX auth_session_user_idx ON auth_session (user_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE auth_session`);
    await queryRunner.query(`ALTER TABLE identity_user DROP COLUMN token_version`);
  }
}
