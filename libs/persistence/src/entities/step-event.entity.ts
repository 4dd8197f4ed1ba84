import { Check, Column, Entity, Generated, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InstanceEntity } from './instance.entity.js';

/**
 * The append-only step ledger: one row per lifecycle event of an activity instance. Partitioned by
 * month of `at` (history-partitions migration), hence `at` in the primary key.
 */
@Entity({ name: 'step_event' })
@Check('step_event_type_check', `type IN ('ready', 'claimed', 'unclaimed', 'started', 'paused', 'escalated', 'breached', 'completed', 'canceled', 'migrated')`)
@Index('step_event_instance_seq_idx', ['instanceId', 'seq'])
@Index('step_event_element_type_at_idx', ['elementId', 'type', 'at'])
@Index('step_event_activity_instance_idx', ['activityInstanceId'])
export class StepEventEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'step_event_pkey' })
  id: string;

  /** Commit order across the whole ledger (bigint arrives as a string). */
  @Column({ type: 'bigint' })
  @Generated('increment')
  seq: string;

  @Column({ name: 'instance_id', type: 'uuid' })
  instanceId: string;

  @ManyToOne(() => InstanceEntity, { nullable: false })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'step_event_instance_fkey' })
  instance?: InstanceEntity;

  @Column({ name: 'activity_instance_id', type: 'uuid' })
  activityInstanceId: string;

  @Column({ name: 'element_id', type: 'text' })
  elementId: string;

  @Column({ name: 'element_type', type: 'text' })
  elementType: string;

  @Column({ type: 'text' })
  type: string;

  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'step_event_pkey' })
  at: Date;

  @Column({ type: 'text', nullable: true })
  actor: string | null;

  @Column({ name: 'lane_id', type: 'text', nullable: true })
  laneId: string | null;

  @Column({ name: 'previous_activity_instance_id', type: 'uuid', nullable: true })
  previousActivityInstanceId: string | null;

  /** Step-specific facts: who made a claim for someone else, an escalation's reason and target, a breached clock. */
  @Column({ type: 'jsonb', nullable: true })
  detail: Record<string, unknown> | null;
}
