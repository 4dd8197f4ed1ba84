import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Instance operations: the audit trail of operator commands (cancel, suspend, resume, set
 * variables, migrate), written in the same statement as the change, and the `migrated` step that
 * keeps the ledger of an activity instance continuous when it moves to another process version.
 */
export class InstanceAudit1764000000400 implements MigrationInterface {
  name = 'InstanceAudit1764000000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE instance_audit (
        id bigserial NOT NULL,
        instance_id uuid NOT NULL,
        operation text NOT NULL,
        actor text,
        reason text,
        details jsonb NOT NULL,
        at timestamptz NOT NULL,
        CONSTRAINT instance_audit_pkey PRIMARY KEY (id),
        CONSTRAINT instance_audit_operation_check CHECK (operation IN ('cancel', 'suspend', 'resume', 'setVariables', 'migrate')),
        CONSTRAINT instance_audit_instance_fkey FOREIGN KEY (instance_id) REFERENCES instance (id)
      )`);
    await queryRunner.query(`CREATE INDEX instance_audit_instance_idx ON instance_audit (instance_id, id)`);

    await queryRunner.query(`ALTER TABLE step_event DROP CONSTRAINT step_event_type_check`);
    await queryRunner.query(`ALTER TABLE step_event ADD CONSTRAINT step_event_type_check CHECK (type IN ('ready', 'claimed', 'started', 'completed', 'canceled', 'migrated'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE step_event DROP CONSTRAINT step_event_type_check`);
    await queryRunner.query(`DELETE FROM step_event WHERE type = 'migrated'`);
    await queryRunner.query(`ALTER TABLE step_event ADD CONSTRAINT step_event_type_check CHECK (type IN ('ready', 'claimed', 'started', 'completed', 'canceled'))`);
    await queryRunner.query(`DROP TABLE instance_audit`);
  }
}
