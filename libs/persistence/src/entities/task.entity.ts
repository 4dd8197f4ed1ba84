import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InstanceEntity } from './instance.entity.js';

/** A human work item; its id is the user task's activity instance id. */
@Entity({ name: 'task' })
@Check('task_status_check', `status IN ('open', 'completed', 'canceled')`)
@Index('task_status_created_idx', ['status', 'createdAt'])
@Index('task_assignee_status_idx', ['assignee', 'status'])
// A partial GIN index TypeORM cannot describe: kept by the migration, ignored by the schema diff.
@Index('task_open_candidate_groups_idx', { synchronize: false })
export class TaskEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'task_pkey' })
  id: string;

  @Index('task_instance_idx')
  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId: string;

  @ManyToOne(() => InstanceEntity, { nullable: false })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'task_instance_fkey' })
  instance?: InstanceEntity;

  @Column({ name: 'element_id', type: 'text' })
  elementId: string;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ name: 'lane_id', type: 'text', nullable: true })
  laneId: string | null;

  @Column({ name: 'candidate_groups', type: 'text', array: true })
  candidateGroups: string[];

  @Column({ name: 'candidate_users', type: 'text', array: true })
  candidateUsers: string[];

  @Column({ type: 'text', nullable: true })
  assignee: string | null;

  @Column({ name: 'form_key', type: 'text', nullable: true })
  formKey: string | null;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ type: 'text' })
  status: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ name: 'canceled_at', type: 'timestamptz', nullable: true })
  canceledAt: Date | null;
}
