import type { DecisionTable } from '#bpmn';
import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** An immutable deployment of one DMN decision (key = the decision id in the DMN). */
@Entity({ name: 'decision' })
@Unique('decision_key_version_unique', ['key', 'version'])
@Unique('decision_key_checksum_unique', ['key', 'checksum'])
export class DecisionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'decision_pkey' })
  id: string;

  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ name: 'hit_policy', type: 'text' })
  hitPolicy: string;

  /** sha256 of the DMN document the decision was deployed in. */
  @Column({ type: 'text' })
  checksum: string;

  @Column({ type: 'text' })
  xml: string;

  @Column({ name: 'decision_table', type: 'jsonb' })
  decisionTable: DecisionTable;

  @Column({ name: 'deployed_at', type: 'timestamptz' })
  deployedAt: Date;
}
