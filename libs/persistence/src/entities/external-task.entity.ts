import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InstanceEntity } from './instance.entity.js';

/** A service-task work item for outside workers; its id is the activity instance id. */
@Entity({ name: 'external_task' })
@Check('external_task_status_check', `status IN ('open', 'completed', 'canceled')`)
@Index('external_task_fetchable_idx', ['topic', 'createdAt'], { where: `status = 'open' AND retries > 0` })
export class ExternalTaskEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'external_task_pkey' })
  id: string;

  @Index('external_task_instance_idx')
  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId: string;

  @ManyToOne(() => InstanceEntity, { nullable: false })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'external_task_instance_fkey' })
  instance?: InstanceEntity;

  @Column({ name: 'element_id', type: 'text' })
  elementId: string;

  @Column({ type: 'text' })
  topic: string;

  @Column({ type: 'integer' })
  retries: number;

  @Column({ name: 'worker_id', type: 'text', nullable: true })
  workerId: string | null;

  @Column({ name: 'lock_expires_at', type: 'timestamptz', nullable: true })
  lockExpiresAt: Date | null;

  @Column({ type: 'text' })
  status: string;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
