import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InstanceEntity } from './instance.entity.js';
import { ProcessVersionEntity } from './process-version.entity.js';

/**
 * A scheduled engine action, claimed by any engine process with a lease: an instance's timer, or a
 * process version's timer start event (`timerStart`, no instance yet).
 */
@Entity({ name: 'job' })
@Check('job_type_check', `type IN ('timer', 'timerStart', 'slaBreach')`)
@Check(
  'job_owner_check',
  `(type IN ('timer', 'slaBreach') AND instance_id IS NOT NULL AND activity_instance_id IS NOT NULL) OR (type = 'timerStart' AND instance_id IS NULL AND process_version_id IS NOT NULL)`,
)
export class JobEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'job_pkey' })
  id: string;

  @Column({ type: 'text' })
  type: string;

  @Index('job_instance_idx')
  @Column({ name: 'instance_id', type: 'uuid', nullable: true })
  instanceId: string | null;

  @ManyToOne(() => InstanceEntity, { nullable: true })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'job_instance_fkey' })
  instance?: InstanceEntity;

  @Index('job_process_version_idx')
  @Column({ name: 'process_version_id', type: 'uuid', nullable: true })
  processVersionId: string | null;

  @ManyToOne(() => ProcessVersionEntity, { nullable: true })
  @JoinColumn({ name: 'process_version_id', foreignKeyConstraintName: 'job_process_version_fkey' })
  processVersion?: ProcessVersionEntity;

  @Column({ name: 'element_id', type: 'text' })
  elementId: string;

  @Column({ name: 'activity_instance_id', type: 'uuid', nullable: true })
  activityInstanceId: string | null;

  /** A timeCycle start timer's interval and remaining repetitions, or its cron expression. */
  @Column({ type: 'jsonb', nullable: true })
  repeat: { interval: string; remaining?: number } | { cron: string } | null;

  @Index('job_due_idx')
  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ name: 'locked_by', type: 'text', nullable: true })
  lockedBy: string | null;

  @Column({ name: 'lock_expires_at', type: 'timestamptz', nullable: true })
  lockExpiresAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** Attempts before an incident, when an operator's retry set it; otherwise the configured number. */
  @Column({ name: 'max_attempts', type: 'integer', nullable: true })
  maxAttempts: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;
}
