import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InstanceEntity } from './instance.entity.js';

/** A scheduled engine action (a timer), claimed by any engine process with a lease. */
@Entity({ name: 'job' })
@Check('job_type_check', `type IN ('timer')`)
export class JobEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'job_pkey' })
  id: string;

  @Column({ type: 'text' })
  type: string;

  @Index('job_instance_idx')
  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId: string;

  @ManyToOne(() => InstanceEntity, { nullable: false })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'job_instance_fkey' })
  instance?: InstanceEntity;

  @Column({ name: 'element_id', type: 'text' })
  elementId: string;

  @Column({ name: 'activity_instance_id', type: 'uuid' })
  activityInstanceId: string;

  @Index('job_due_idx')
  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ name: 'locked_by', type: 'text', nullable: true })
  lockedBy: string | null;

  @Column({ name: 'lock_expires_at', type: 'timestamptz', nullable: true })
  lockExpiresAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;
}
