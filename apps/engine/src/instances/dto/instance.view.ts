import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ActivityInstance, InstanceState, Timer } from '#engine';
import type { IncidentRecord, ProcessVersionRecord } from '#persistence';
import { AssignmentView } from '../../experiments/dto/assignment.view.js';
import { IncidentView } from '../../incidents/dto/incident.view.js';
import { INSTANCE_STATUSES } from './instance-statuses.js';

export class ActivityView {
  @ApiProperty({ description: 'The activity instance id (for a user task also the task id)' }) id: string;
  @ApiProperty() elementId: string;
  @ApiProperty({ example: 'userTask' }) elementType: string;
  @ApiPropertyOptional() name?: string;
  @ApiProperty({ enum: ['ready', 'claimed', 'started'] }) state: string;
  @ApiProperty({ format: 'date-time' }) readyAt: string;
  @ApiPropertyOptional({ format: 'date-time' }) claimedAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) startedAt?: string;
  @ApiPropertyOptional({ description: 'The user who claimed it, or the worker that locked it' }) assignee?: string;
  @ApiPropertyOptional({ description: 'The activity instance (sub-process or multi-instance body) it runs in; absent at the process level' }) scopeId?: string;
}

export class TimerView {
  @ApiProperty() id: string;
  @ApiProperty() elementId: string;
  @ApiProperty() activityInstanceId: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
}

export class InstanceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() processKey: string;
  @ApiProperty({ format: 'uuid' }) processVersionId: string;
  @ApiProperty() version: number;
  @ApiPropertyOptional() businessKey?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'For an instance a call activity started: the calling instance' })
  parentInstanceId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The call activity instance (in the parent) that started it' })
  parentActivityInstanceId?: string;
  @ApiProperty({ enum: INSTANCE_STATUSES }) status: string;
  @ApiProperty({ description: 'Increases with every committed command (optimistic lock)' }) revision: number;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiPropertyOptional({ format: 'date-time' }) endedAt?: string;
  @ApiProperty({ type: [String], description: 'Elements holding a token' }) activeElementIds: string[];
  @ApiProperty({ type: [ActivityView] }) activities: ActivityView[];
  @ApiProperty({ type: [TimerView] }) timers: TimerView[];
  @ApiProperty({ type: 'object', additionalProperties: true }) variables: Record<string, unknown>;
  @ApiPropertyOptional({ type: [IncidentView], description: 'Only on GET /instances/{id}' }) incidents?: IncidentView[];
  @ApiPropertyOptional({ type: AssignmentView, description: 'Only in the start answer, when an experiment routed the case: its arm and why' })
  assignment?: AssignmentView;
  @ApiPropertyOptional({ enum: ['live', 'simulated'], description: 'Only on GET /instances/{id}: simulated = history a simulation wrote (npm run demo), not a real case' })
  origin?: 'live' | 'simulated';

  static of(state: InstanceState, revision: number, version: ProcessVersionRecord, incidents?: IncidentRecord[]): InstanceView {
    const activities = state.activities.map((activity) => toActivityView(activity, version));
    return Object.assign(new InstanceView(), {
      id: state.id,
      processKey: state.processKey,
      processVersionId: state.processVersionId,
      version: version.version,
      ...(state.businessKey !== undefined && { businessKey: state.businessKey }),
      ...(state.parent !== undefined && { parentInstanceId: state.parent.instanceId, parentActivityInstanceId: state.parent.activityInstanceId }),
      status: state.status,
      revision,
      startedAt: state.startedAt,
      ...(state.endedAt !== undefined && { endedAt: state.endedAt }),
      activeElementIds: [...new Set(activities.map((activity) => activity.elementId))],
      activities,
      timers: state.timers.map(toTimerView),
      variables: state.variables,
      ...(incidents !== undefined && { incidents: incidents.map(IncidentView.of) }),
    });
  }
}

const toActivityView = (activity: ActivityInstance, version: ProcessVersionRecord): ActivityView => {
  const name = version.graph.nodes[activity.elementId]?.name;
  return {
    id: activity.id,
    elementId: activity.elementId,
    elementType: activity.elementType,
    ...(name !== undefined && { name }),
    state: activity.state,
    readyAt: activity.readyAt,
    ...(activity.claimedAt !== undefined && { claimedAt: activity.claimedAt }),
    ...(activity.startedAt !== undefined && { startedAt: activity.startedAt }),
    ...(activity.assignee !== undefined && { assignee: activity.assignee }),
    ...(activity.scopeId !== undefined && { scopeId: activity.scopeId }),
  };
};

const toTimerView = (timer: Timer): TimerView => ({
  id: timer.id,
  elementId: timer.elementId,
  activityInstanceId: timer.activityInstanceId,
  dueAt: timer.dueAt,
});
