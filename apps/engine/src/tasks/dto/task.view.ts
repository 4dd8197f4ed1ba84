import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { TaskRecord } from '#persistence';

export class TaskView {
  @ApiProperty({ format: 'uuid', description: "The user task's activity instance id" }) id: string;
  @ApiProperty({ format: 'uuid' }) instanceId: string;
  @ApiProperty() elementId: string;
  @ApiPropertyOptional({ type: String, nullable: true }) name: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) laneId: string | null;
  @ApiProperty({ type: [String] }) candidateGroups: string[];
  @ApiProperty({ type: [String] }) candidateUsers: string[];
  @ApiPropertyOptional({ type: String, nullable: true }) assignee: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) formKey: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) dueAt: string | null;
  @ApiProperty({ enum: ['open', 'completed', 'canceled'] }) status: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) claimedAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) canceledAt: string | null;

  static of(task: TaskRecord): TaskView {
    return Object.assign(new TaskView(), {
      ...task,
      dueAt: iso(task.dueAt),
      createdAt: task.createdAt.toISOString(),
      claimedAt: iso(task.claimedAt),
      completedAt: iso(task.completedAt),
      canceledAt: iso(task.canceledAt),
    });
  }
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;
