import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ProcessVersionEntity } from './process-version.entity.js';

/** One case: the engine state document, guarded by `revision` (optimistic lock). */
@Entity({ name: 'instance' })
@Index('instance_process_key_status_idx', ['processKey', 'status', 'startedAt'])
@Index('instance_status_started_idx', ['status', 'startedAt'])
@Index('instance_process_version_ended_idx', ['processVersionId', 'endedAt'])
@Index('instance_simulated_version_idx', ['processVersionId'], { where: `origin = 'simulated'` })
@Check('instance_origin_check', `origin IN ('live', 'simulated')`)
export class InstanceEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'instance_pkey' })
  id: string;

  @Index('instance_process_version_idx')
  @Column({ name: 'process_version_id', type: 'uuid' })
  processVersionId: string;

  @ManyToOne(() => ProcessVersionEntity, { nullable: false })
  @JoinColumn({ name: 'process_version_id', foreignKeyConstraintName: 'instance_process_version_fkey' })
  processVersion?: ProcessVersionEntity;

  @Column({ name: 'process_key', type: 'text' })
  processKey: string;

  @Index('instance_business_key_idx')
  @Column({ name: 'business_key', type: 'text', nullable: true })
  businessKey: string | null;

  /** The engine's InstanceStatus; not constrained here, the engine owns that list. */
  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'jsonb' })
  state: unknown;

  @Column({ type: 'integer' })
  revision: number;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  /** For an instance a call activity started: its parent instance. */
  @Index('instance_parent_instance_idx')
  @Column({ name: 'parent_instance_id', type: 'uuid', nullable: true })
  parentInstanceId: string | null;

  @ManyToOne(() => InstanceEntity, { nullable: true })
  @JoinColumn({ name: 'parent_instance_id', foreignKeyConstraintName: 'instance_parent_instance_fkey' })
  parentInstance?: InstanceEntity;

  /** The call activity instance that started it: one child per call activity instance. */
  @Index('instance_parent_activity_instance_unique', { unique: true, where: 'parent_activity_instance_id IS NOT NULL' })
  @Column({ name: 'parent_activity_instance_id', type: 'uuid', nullable: true })
  parentActivityInstanceId: string | null;

  /** `simulated`: history a simulation wrote (npm run demo), not a real case. */
  @Column({ type: 'text', default: 'live' })
  origin: 'live' | 'simulated';
}
