import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * DMN decisions and call activities.
 *
 * `decision` holds the immutable versions of each decision id (a DMN document may define several),
 * numbered per id like process versions; identical XML returns the existing version.
 *
 * A called instance records its parent (the instance, and the call activity instance that started
 * it); the unique index allows one child per call activity instance, so starting it twice (a retry,
 * two engine processes) cannot create a second child. `call_activity` holds, per call activity
 * instance, what the parent asked for and where it stands. It is written in the same statement as
 * the parent's state, and `follow_up_since` marks work owed to another instance (start the child,
 * report its end to the parent, cancel it): the engine does that work right after the commit, and
 * any engine process picks up what is still owed after a lease, e.g. when the first one died between
 * the two commits.
 */
export class DecisionsAndCallLinks1764000000200 implements MigrationInterface {
  name = 'DecisionsAndCallLinks1764000000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE decision (
        id uuid NOT NULL,
        key text NOT NULL,
        version integer NOT NULL,
        name text,
        hit_policy text NOT NULL,
        checksum text NOT NULL,
        xml text NOT NULL,
        decision_table jsonb NOT NULL,
        deployed_at timestamptz NOT NULL,
        CONSTRAINT decision_pkey PRIMARY KEY (id),
        CONSTRAINT decision_key_version_unique UNIQUE (key, version),
        CONSTRAINT decision_key_checksum_unique UNIQUE (key, checksum)
      )`);

    await queryRunner.query(`
      ALTER TABLE instance
        ADD COLUMN parent_instance_id uuid,
        ADD COLUMN parent_activity_instance_id uuid,
        ADD CONSTRAINT instance_parent_instance_fkey FOREIGN KEY (parent_instance_id) REFERENCES instance (id)`);
    await queryRunner.query(`CREATE INDEX instance_parent_instance_idx ON instance (parent_instance_id)`);
    await queryRunner.query(`CREATE UNIQUE INDEX instance_parent_activity_instance_unique ON instance (parent_activity_instance_id) WHERE parent_activity_instance_id IS NOT NULL`);

    await queryRunner.query(`
      CREATE TABLE call_activity (
        activity_instance_id uuid NOT NULL,
        instance_id uuid NOT NULL,
        element_id text NOT NULL,
        process_key text NOT NULL,
        binding jsonb NOT NULL,
        variables jsonb NOT NULL,
        business_key text,
        status text NOT NULL,
        created_at timestamptz NOT NULL,
        closed_at timestamptz,
        follow_up_since timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        incident_id uuid,
        CONSTRAINT call_activity_pkey PRIMARY KEY (activity_instance_id),
        CONSTRAINT call_activity_status_check CHECK (status IN ('waiting', 'completed', 'canceled')),
        CONSTRAINT call_activity_instance_fkey FOREIGN KEY (instance_id) REFERENCES instance (id)
      )`);
    await queryRunner.query(`CREATE INDEX call_activity_instance_idx ON call_activity (instance_id)`);
    // Only rows owing work are ever scanned for it.
    await queryRunner.query(`CREATE INDEX call_activity_follow_up_idx ON call_activity (follow_up_since) WHERE follow_up_since IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE call_activity`);
    await queryRunner.query(`DROP INDEX instance_parent_activity_instance_unique`);
    await queryRunner.query(`DROP INDEX instance_parent_instance_idx`);
    await queryRunner.query(`
      ALTER TABLE instance
        DROP CONSTRAINT instance_parent_instance_fkey,
        DROP COLUMN parent_activity_instance_id,
        DROP COLUMN parent_instance_id`);
    await queryRunner.query(`DROP TABLE decision`);
  }
}
