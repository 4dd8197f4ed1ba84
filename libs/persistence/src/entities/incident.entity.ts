import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InstanceEntity } from './instance.entity.js';

/** Work the engine cannot move on without a person: an external task out of retries, a failing timer. */
@Entity({ name: 'incident' })
export class IncidentEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'incident_pkey' })
  id: string;

  @Index('incident_instance_idx')
  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId: string;

  @ManyToOne(() => InstanceEntity, { nullable: false })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'incident_instance_fkey' })
  instance?: InstanceEntity;

  @Index('incident_external_task_idx')
  @Column({ name: 'external_task_id', type: 'uuid', nullable: true })
  externalTaskId: string | null;

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
