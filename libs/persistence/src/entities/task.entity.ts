import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InstanceEntity } from './instance.entity.js';

/** A human work item; its id is the user task's activity instance id. */
@Entity({ name: 'task' })
@Check('task_status_check', `status IN ('open', 'completed', 'canceled')`)
@Check('task_state_check', `state IN ('ready', 'claimed', 'started', 'paused')`)
@Check('task_priority_check', `priority BETWEEN 0 AND 100`)
@Index('task_status_created_idx', ['status', 'createdAt'])
@Index('task_assignee_status_idx', ['assignee', 'status'])
// A partial GIN index TypeORM cannot describe: kept by the migration, ignored by the schema diff.
@Index('task_open_candidate_groups_idx', { synchronize: false })
@Index('task_open_candidate_users_idx', { synchronize: false })
// The queue query's orders, partial on open tasks (migration 1764000000600).
@Index('task_open_queue_idx', { synchronize: false })
@Index('task_open_assignee_idx', { synchronize: false })
@Index('task_open_queue_due_idx', { synchronize: false })
@Index('task_open_priority_idx', { synchronize: false })
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

  /** While delegated: the assignee the task returns to. */
  @Column({ type: 'text', nullable: true })
  owner: string | null;

  @Column({ type: 'text' })
  state: string;

  @Column({ name: 'process_key', type: 'text' })
  processKey: string;

  @Column({ type: 'smallint' })
  priority: number;

  @Column({ type: 'text', nullable: true })
  category: string | null;

  @Column({ type: 'text', nullable: true })
  stage: string | null;

  @Column({ name: 'value_class', type: 'text', nullable: true })
  valueClass: string | null;

  @Column({ name: 'follow_up_at', type: 'timestamptz', nullable: true })
  followUpAt: Date | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'breached_at', type: 'timestamptz', nullable: true })
  breachedAt: Date | null;

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
