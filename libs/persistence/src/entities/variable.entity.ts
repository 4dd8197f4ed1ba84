import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InstanceEntity } from './instance.entity.js';

/** One instance variable, projected from the state so cases can be searched by value. */
@Entity({ name: 'variable' })
export class VariableEntity {
  @PrimaryColumn({ name: 'instance_id', type: 'uuid', primaryKeyConstraintName: 'variable_pkey' })
  instanceId: string;

  @ManyToOne(() => InstanceEntity, { nullable: false })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'variable_instance_fkey' })
  instance?: InstanceEntity;

  @Index('variable_name_idx')
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'variable_pkey' })
  name: string;

  @Column({ type: 'jsonb' })
  value: unknown;
}
