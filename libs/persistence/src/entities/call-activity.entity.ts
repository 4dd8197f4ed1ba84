import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InstanceEntity } from './instance.entity.js';

/** One call activity instance: what the parent asked for, where it stands, and what is still owed to another instance. */
@Entity({ name: 'call_activity' })
@Check('call_activity_status_check', `status IN ('waiting', 'completed', 'canceled')`)
export class CallActivityEntity {
  @PrimaryColumn({ name: 'activity_instance_id', type: 'uuid', primaryKeyConstraintName: 'call_activity_pkey' })
  activityInstanceId: string;

  /** The parent instance. */
  @Index('call_activity_instance_idx')
  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId: string;

  @ManyToOne(() => InstanceEntity, { nullable: false })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'call_activity_instance_fkey' })
  instance?: InstanceEntity;

  @Column({ name: 'element_id', type: 'text' })
  elementId: string;

  @Column({ name: 'process_key', type: 'text' })
  processKey: string;

  /** "latest" or { version }. */
  @Column({ type: 'jsonb' })
  binding: unknown;

  @Column({ type: 'jsonb' })
  variables: unknown;

  @Column({ name: 'business_key', type: 'text', nullable: true })
  businessKey: string | null;

  /** waiting, completed or canceled: the parent's call activity instance. */
  @Column({ type: 'text' })
  status: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Index('call_activity_follow_up_idx', { where: 'follow_up_since IS NOT NULL' })
  @Column({ name: 'follow_up_since', type: 'timestamptz', nullable: true })
  followUpSince: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'incident_id', type: 'uuid', nullable: true })
  incidentId: string | null;
}
