import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `case_fact_rollup`: the ended cases' facts folded per version, UTC day of their end (and its
 * month, and all time: a quarter reads three month rows, not ninety day rows) and set of declared
 * segment values (issue 20), so that the KPI, rework, utilisation and
 * lead-time reports over a million cases read a few hundred rows instead of a million facts. The
 * aggregator adds a fact to its rows in the transaction that writes it final and marks it
 * `rolled_up`; the facts that were there before (every ended one: `rolled_up` false) are rolled
 * up by its drains, in start order (the repeat flags look at the customer's earlier cases).
 * `rollup_followed`: whether the rollup counted the case as followed by a repeat contact, so that
 * a later case of the customer corrects it once.
 */
export class CaseFactRollup1764000003200 implements MigrationInterface {
  name = 'CaseFactRollup1764000003200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE case_fact ADD COLUMN rolled_up boolean NOT NULL DEFAULT false, ADD COLUMN rollup_followed boolean`);
    await queryRunner.query(`CREATE INDEX case_fact_unrolled_idx ON case_fact (started_at) WHERE ended_at IS NOT NULL AND NOT rolled_up`);
    // A customer's cases in start order: the repeat-contact flags.
    await queryRunner.query(`CREATE INDEX case_fact_customer_idx ON case_fact (business_key, started_at) WHERE business_key IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE case_fact_rollup (
        process_version_id uuid NOT NULL,
        grain text NOT NULL,
        period date NOT NULL,
        segments jsonb NOT NULL,
        cases integer NOT NULL DEFAULT 0,
        -- the CaseRollup of libs/analytics (case-rollup.ts) but its case count
        totals jsonb NOT NULL DEFAULT '{}'::jsonb,
        CONSTRAINT case_fact_rollup_pkey PRIMARY KEY (process_version_id, grain, period, segments),
        CONSTRAINT case_fact_rollup_grain_check CHECK (grain IN ('day', 'month', 'all'))
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE case_fact_rollup`);
    await queryRunner.query(`DROP INDEX case_fact_customer_idx`);
    await queryRunner.query(`DROP INDEX case_fact_unrolled_idx`);
    await queryRunner.query(`ALTER TABLE case_fact DROP COLUMN rolled_up, DROP COLUMN rollup_followed`);
  }
}
