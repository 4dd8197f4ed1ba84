import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { InstanceEntity } from './instance.entity.js';

/** The audit trail of operator commands on an instance: who canceled, suspended, resumed, set variables or migrated it, and why. */
@Entity({ name: 'instance_audit' })
@Check('instance_audit_operation_check', `operation IN ('cancel', 'suspend', 'resume', 'setVariables', 'migrate')`)
@Index('instance_audit_instance_idx', ['instanceId', 'id'])
export class InstanceAuditEntity {
  /** Commit order (bigint arrives as a string). */
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'instance_audit_pkey' })
  id: string;

  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId: string;

  @ManyToOne(() => InstanceEntity, { nullable: false })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'instance_audit_instance_fkey' })
  instance?: InstanceEntity;

  @Column({ type: 'text' })
  operation: string;

  @Column({ type: 'text', nullable: true })
  actor: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'jsonb' })
  details: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  at: Date;
}
