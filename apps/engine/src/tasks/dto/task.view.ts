import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ProcessGraph } from '#bpmn';
import type { TaskEscalationTargetView, TaskEscalationView, TaskState, TaskStatus, TaskView as TaskViewShape } from '#api-types';
import type { TaskEscalation, TaskRecord } from '#persistence';

export class TaskEscalationViewDto implements TaskEscalationView {
  @ApiProperty({ description: 'One of GET /api/escalation-reasons' }) reasonCode: string;
  @ApiPropertyOptional({ type: String, nullable: true }) comment: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Who escalated it' }) by: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The lane (tier) it came from' }) fromLaneId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) fromLaneName: string | null;

  static of(escalation: TaskEscalation, graph: ProcessGraph): TaskEscalationViewDto {
    return Object.assign(new TaskEscalationViewDto(), {
      ...escalation,
      at: escalation.at.toISOString(),
      fromLaneName: graph.lanes.find(({ id }) => id === escalation.fromLaneId)?.name ?? null,
    });
  }
}

export class TaskEscalationTargetDto implements TaskEscalationTargetView {
  @ApiProperty({ type: [String] }) groups: string[];
  @ApiPropertyOptional({ type: String, nullable: true }) laneName: string | null;
}

export class TaskView implements TaskViewShape {
  @ApiProperty({ format: 'uuid', description: "The user task's activity instance id" }) id: string;
  @ApiProperty({ format: 'uuid' }) instanceId: string;
  @ApiProperty() processKey: string;
  @ApiProperty({ format: 'uuid' }) processVersionId: string;
  @ApiPropertyOptional({ type: String, nullable: true }) businessKey: string | null;
  @ApiProperty() elementId: string;
  @ApiPropertyOptional({ type: String, nullable: true }) name: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The lane it is queued at (the next one after an escalation to it)' })
  laneId: string | null;
  @ApiProperty({ type: [String] }) candidateGroups: string[];
  @ApiProperty({ type: [String] }) candidateUsers: string[];
  @ApiPropertyOptional({ type: String, nullable: true }) assignee: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'While delegated: the assignee it returns to' }) owner: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) formKey: string | null;
  @ApiProperty({ enum: ['ready', 'claimed', 'started', 'paused'], description: 'Where an open task is in its life; the last one for a closed task' })
  state: TaskState;
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Higher first' }) priority: number;
  @ApiPropertyOptional({ type: String, nullable: true }) category: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) stage: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, enum: ['VA', 'BVA', 'NVA'] }) valueClass: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) dueAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) followUpAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'When the due date passed while the task was open' })
  breachedAt: string | null;
  @ApiProperty({ description: 'Whether the model gives the task somewhere to escalate to' }) escalatable: boolean;
  @ApiPropertyOptional({
    type: TaskEscalationTargetDto,
    nullable: true,
    description: 'Where an escalation would go, when the model fixes it (null: a boundary event or an expression decides, or nowhere)',
  })
  escalationTarget: TaskEscalationTargetView | null;
  @ApiPropertyOptional({ type: TaskEscalationViewDto, nullable: true, description: "Its last escalation (lists and GET /tasks/{id}; a command's answer leaves it out)" })
  escalation?: TaskEscalationView | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'The case variables the list asked for (?columns=)' })
  columns?: Record<string, unknown>;
  @ApiPropertyOptional({ type: String, nullable: true, description: "The address of a form an outside app shows (Camunda 8's zeebe:formDefinition externalReference)" })
  externalFormReference: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: "The user task's zeebe:properties in the model, name to value; {} when none" })
  properties: Record<string, string>;
  @ApiProperty({ enum: ['open', 'completed', 'canceled'] }) status: TaskStatus;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) claimedAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'When the current holder last started work' })
  startedAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) canceledAt: string | null;

  static of(task: TaskRecord & { escalation?: TaskEscalation | null }, graph: ProcessGraph, escalatable: boolean, escalationTarget: TaskEscalationTargetView | null): TaskView {
    // From the model: the version a task runs on never changes, so neither do these.
    const node = graph.nodes[task.elementId];
    return Object.assign(new TaskView(), {
      ...task,
      escalatable,
      escalationTarget,
      externalFormReference: node?.type === 'userTask' ? (node.externalFormReference ?? null) : null,
      properties: { ...node?.properties },
      ...(task.escalation !== undefined && { escalation: task.escalation === null ? null : TaskEscalationViewDto.of(task.escalation, graph) }),
      dueAt: iso(task.dueAt),
      followUpAt: iso(task.followUpAt),
      breachedAt: iso(task.breachedAt),
      createdAt: task.createdAt.toISOString(),
      claimedAt: iso(task.claimedAt),
      startedAt: iso(task.startedAt),
      completedAt: iso(task.completedAt),
      canceledAt: iso(task.canceledAt),
    });
  }
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;
