import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { TaskHistoryStepView as TaskHistoryStepShape } from '#api-types';
import type { ProcessGraph } from '#bpmn';
import type { StepType } from '#engine';
import type { TaskHistoryStep } from '#persistence';

/** One step of the case a task belongs to: what happened where, when, and who did it. */
export class TaskHistoryStepView implements TaskHistoryStepShape {
  @ApiProperty({ format: 'uuid' }) activityInstanceId: string;
  @ApiProperty() elementId: string;
  @ApiPropertyOptional({ type: String, nullable: true }) elementName: string | null;
  @ApiProperty({ example: 'userTask' }) elementType: string;
  @ApiProperty({ enum: ['ready', 'claimed', 'unclaimed', 'started', 'paused', 'escalated', 'breached', 'completed', 'canceled', 'migrated'] })
  type: StepType;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiPropertyOptional({ type: String, nullable: true }) actor: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) laneId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) laneName: string | null;
  @ApiPropertyOptional({ type: 'object', nullable: true, additionalProperties: true, description: 'by, reasonCode, comment, target, clock, dueAt' })
  detail: Record<string, unknown> | null;

  static of(step: TaskHistoryStep, graph: ProcessGraph): TaskHistoryStepView {
    return Object.assign(new TaskHistoryStepView(), {
      ...step,
      elementName: graph.nodes[step.elementId]?.name ?? null,
      at: step.at.toISOString(),
      laneName: graph.lanes.find(({ id }) => id === step.laneId)?.name ?? null,
    });
  }
}
