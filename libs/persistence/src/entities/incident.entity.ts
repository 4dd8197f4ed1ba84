import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InstanceEntity } from './instance.entity.js';
import { ProcessVersionEntity } from './process-version.entity.js';

/**
 * Work the engine cannot move on without a person: an external task out of retries, a failing
 * timer, or a failing timer start event (which has a process version but no instance).
 */
@Entity({ name: 'incident' })
@Check('incident_owner_check', `instance_id IS NOT NULL OR process_version_id IS NOT NULL`)
export class IncidentEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'incident_pkey' })
  id: string;

  @Index('incident_instance_idx')
  @Column({ name: 'instance_id', type: 'uuid', nullable: true })
  instanceId: string | null;

  @ManyToOne(() => InstanceEntity, { nullable: true })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'incident_instance_fkey' })
  instance?: InstanceEntity;

  /** Set for an incident without an instance: the version whose timer start event failed. */
  @Column({ name: 'process_version_id', type: 'uuid', nullable: true })
  processVersionId: string | null;

  @ManyToOne(() => ProcessVersionEntity, { nullable: true })
  @JoinColumn({ name: 'process_version_id', foreignKeyConstraintName: 'incident_process_version_fkey' })
  processVersion?: ProcessVersionEntity;

  @Index('incident_external_task_idx')
  @Column({ name: 'external_task_id', type: 'uuid', nullable: true })
  externalTaskId: string | null;

  @Index('incident_job_idx')
  @Column({ name: 'job_id', type: 'uuid', nullable: true })
  jobId: string | null;

  @Column({ name: 'element_id', type: 'text' })
  elementId: string;

  @Column({ type: 'text' })
  message: string;

  @Index('incident_created_idx')
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;
}
