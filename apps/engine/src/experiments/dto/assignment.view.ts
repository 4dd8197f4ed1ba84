import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AssignmentRecord } from '#persistence';

/** The arm a case met and why: in the start answer and in an experiment's assignment list. */
export class AssignmentView {
  @ApiProperty({ format: 'uuid' }) experimentId: string;
  @ApiProperty() armId: string;
  @ApiProperty({ format: 'uuid' }) processVersionId: string;
  @ApiProperty({ enum: ['weight', 'segment', 'sticky', 'ramp', 'guardrail', 'paused', 'promoted'] }) reason: string;
  @ApiProperty({ description: 'The key the hash used: instance:<id>, businessKey:<key> or <variable>:<value>' }) unitKey: string;
  @ApiPropertyOptional({ description: 'The hash point in [0, 1)' }) hash?: number;
  @ApiPropertyOptional({ description: 'Index of the ramp step in force' }) rampStep?: number;
  @ApiPropertyOptional({ description: 'The candidate share the hash was compared with' }) candidateShare?: number;

  static of(assignment: Omit<AssignmentRecord, 'instanceId' | 'assignedAt'>): AssignmentView {
    return Object.assign(new AssignmentView(), {
      experimentId: assignment.experimentId,
      armId: assignment.armId,
      processVersionId: assignment.processVersionId,
      reason: assignment.reason,
      unitKey: assignment.unitKey,
      ...(assignment.hash !== undefined && { hash: assignment.hash }),
      ...(assignment.rampStep !== undefined && { rampStep: assignment.rampStep }),
      ...(assignment.candidateShare !== undefined && { candidateShare: assignment.candidateShare }),
    });
  }
}

export class AssignmentRecordView extends AssignmentView {
  @ApiProperty({ format: 'uuid' }) instanceId: string;
  @ApiProperty({ format: 'date-time' }) assignedAt: string;

  static ofRecord(record: AssignmentRecord): AssignmentRecordView {
    return Object.assign(new AssignmentRecordView(), AssignmentView.of(record), {
      instanceId: record.instanceId,
      assignedAt: record.assignedAt.toISOString(),
    });
  }
}
