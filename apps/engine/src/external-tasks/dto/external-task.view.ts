import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ExternalTaskRecord } from '#persistence';
import { InstanceView } from '../../instances/dto/instance.view.js';

export class ExternalTaskView {
  @ApiProperty({ format: 'uuid', description: "The service task's activity instance id" }) id: string;
  @ApiProperty({ format: 'uuid' }) instanceId: string;
  @ApiProperty() elementId: string;
  @ApiProperty() topic: string;
  @ApiProperty({ description: 'Failures still allowed before an incident' }) retries: number;
  @ApiPropertyOptional({ type: String, nullable: true }) workerId: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) lockExpiresAt: string | null;
  @ApiProperty({ enum: ['open', 'completed', 'canceled'] }) status: string;
  @ApiPropertyOptional({ type: String, nullable: true }) errorMessage: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static of(externalTask: ExternalTaskRecord): ExternalTaskView {
    return Object.assign(new ExternalTaskView(), {
      ...externalTask,
      lockExpiresAt: externalTask.lockExpiresAt?.toISOString() ?? null,
      createdAt: externalTask.createdAt.toISOString(),
    });
  }
}

/** A task handed to a worker, with what it needs to do the work. */
export class LockedExternalTaskView extends ExternalTaskView {
  @ApiProperty() processKey: string;
  @ApiPropertyOptional() businessKey?: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) variables: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: "The task's static headers (Camunda 8's zeebe:taskHeaders); empty when it has none" })
  headers: Record<string, string>;
}

export class ExternalTaskFailureView extends ExternalTaskView {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Set when this failure used up the last retry' })
  incidentId: string | null;
}

/** What a worker's BPMN error did: a catch took it (the instance moved on), or nothing caught it (an incident on the task). */
export class BpmnErrorOutcomeView {
  @ApiProperty({ enum: ['caught', 'incident'] }) outcome: 'caught' | 'incident';
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The incident raised on the task when nothing caught the error' })
  incidentId: string | null;
  @ApiPropertyOptional({ type: () => InstanceView, description: 'caught: the instance after the catch' })
  instance?: InstanceView;
  @ApiPropertyOptional({ type: () => ExternalTaskView, description: 'incident: the task, parked without retries until the incident is retried' })
  externalTask?: ExternalTaskView;
}
