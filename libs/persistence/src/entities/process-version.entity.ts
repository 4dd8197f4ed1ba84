import type { ProcessGraph } from '#bpmn';
import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** An immutable deployment of one BPMN process. */
@Entity({ name: 'process_version' })
@Unique('process_version_key_version_unique', ['key', 'version'])
@Unique('process_version_key_checksum_unique', ['key', 'checksum'])
export class ProcessVersionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'process_version_pkey' })
  id: string;

  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ type: 'text' })
  checksum: string;

  @Column({ type: 'text' })
  xml: string;

  @Column({ type: 'jsonb' })
  graph: ProcessGraph;

  @Column({ name: 'deployed_at', type: 'timestamptz' })
  deployedAt: Date;

  @Column({ name: 'deployed_by', type: 'text', nullable: true })
  deployedBy: string | null;

  /** `as-is`, `to-be` or free text; the one column of a version that may change after deploy. */
  @Column({ type: 'text', nullable: true })
  tag: string | null;

  /** False for a documentation-only model: opened, diffed and simulated, never started. */
  @Column({ type: 'boolean', default: true })
  executable: boolean;
}
