import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotent commands (issue 17 point 2). `idempotency_key`: one row per caller and key, claimed
 * (answer null) before the command runs and holding its answer once it ran, for 24 hours; a case
 * start writes its answer in the same statement as the case. `business_key_claim`: the business
 * keys of processes marked `tandem:uniqueBusinessKey`, one case per process key and business key;
 * the primary key makes concurrent starts race-free, the foreign key lets retention delete the
 * claim with its case.
 */
export class Idempotency1764000001800 implements MigrationInterface {
  name = 'Idempotency1764000001800';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotency_key (
        principal text NOT NULL,
        key text NOT NULL,
        method text NOT NULL,
        path text NOT NULL,
        request_hash text NOT NULL,
        attempt uuid NOT NULL,
        claimed_at timestamptz NOT NULL,
        status smallint,
        headers jsonb,
        body text,
        completed_at timestamptz,
        expires_at timestamptz NOT NULL,
        CONSTRAINT idempotency_key_pkey PRIMARY KEY (principal, key)
      )`);
    await queryRunner.query(`CREATE INDEX idempotency_key_expires_at_idx ON idempotency_key (expires_at)`);
    await queryRunner.query(`
      CREATE TABLE business_key_claim (
        process_key text NOT NULL,
        business_key text NOT NULL,
        instance_id uuid NOT NULL,
        CONSTRAINT business_key_claim_pkey PRIMARY KEY (process_key, business_key),
        CONSTRAINT business_key_claim_instance_fkey FOREIGN KEY (instance_id) REFERENCES instance (id)
      )`);
    await queryRunner.query(`CREATE INDEX business_key_claim_instance_idx ON business_key_claim (instance_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE business_key_claim`);
    await queryRunner.query(`DROP TABLE idempotency_key`);
  }
}
