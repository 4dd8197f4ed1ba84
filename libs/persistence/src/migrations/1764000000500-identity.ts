import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity: users with their roles, the groups they belong to (the service tiers and any team;
 * a group's id is what models name in `candidateGroups`), API keys for external workers (only a
 * hash of each key is kept), and the secret that signs log-in tokens when none is configured.
 */
export class Identity1764000000500 implements MigrationInterface {
  name = 'Identity1764000000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE identity_group (
        id text NOT NULL,
        name text NOT NULL,
        tier smallint,
        created_at timestamptz NOT NULL,
        CONSTRAINT identity_group_pkey PRIMARY KEY (id),
        CONSTRAINT identity_group_tier_check CHECK (tier BETWEEN 1 AND 9)
      )`);

    await queryRunner.query(`
      CREATE TABLE identity_user (
        id uuid NOT NULL,
        username text NOT NULL,
        display_name text,
        password_hash text NOT NULL,
        roles text[] NOT NULL,
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT identity_user_pkey PRIMARY KEY (id),
        CONSTRAINT identity_user_roles_check CHECK (roles <@ ARRAY['designer', 'agent', 'analyst', 'admin']::text[])
      )`);
    // 'Ana' and 'ana' are one person: usernames are unique whatever their case.
    await queryRunner.query(`CREATE UNIQUE INDEX identity_user_username_key ON identity_user (lower(username))`);

    await queryRunner.query(`
      CREATE TABLE identity_membership (
        user_id uuid NOT NULL,
        group_id text NOT NULL,
        CONSTRAINT identity_membership_pkey PRIMARY KEY (user_id, group_id),
        CONSTRAINT identity_membership_user_fkey FOREIGN KEY (user_id) REFERENCES identity_user (id) ON DELETE CASCADE,
        CONSTRAINT identity_membership_group_fkey FOREIGN KEY (group_id) REFERENCES identity_group (id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX identity_membership_group_idx ON identity_membership (group_id)`);

    await queryRunner.query(`
      CREATE TABLE api_key (
        id uuid NOT NULL,
        name text NOT NULL,
        prefix text NOT NULL,
        key_hash text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz,
        CONSTRAINT api_key_pkey PRIMARY KEY (id),
        CONSTRAINT api_key_key_hash_key UNIQUE (key_hash)
      )`);

    // One row at most: the secret every engine process sharing the database signs tokens with.
    await queryRunner.query(`
      CREATE TABLE auth_secret (
        id smallint NOT NULL DEFAULT 1,
        secret text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT auth_secret_pkey PRIMARY KEY (id),
        CONSTRAINT auth_secret_single_row_check CHECK (id = 1)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE auth_secret`);
    await queryRunner.query(`DROP TABLE api_key`);
    await queryRunner.query(`DROP TABLE identity_membership`);
    await queryRunner.query(`DROP TABLE identity_user`);
    await queryRunner.query(`DROP TABLE identity_group`);
  }
}
