import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ExperimentEventView as ExperimentEventShape } from '#api-types';
import type { ExperimentEvent } from '#persistence';

export class ExperimentEventView implements ExperimentEventShape {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiPropertyOptional({ description: 'Who (username or API key name)' }) actor?: string;
  @ApiProperty({ example: 'start', description: 'create, start, pause, resume, stop, promote or amendPlan' }) action: string;
  @ApiPropertyOptional() fromState?: string;
  @ApiProperty() toState: string;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) details?: Record<string, unknown>;

  static of(event: ExperimentEvent): ExperimentEventView {
    return Object.assign(new ExperimentEventView(), {
      id: event.id,
      at: event.at.toISOString(),
      ...(event.actor !== null && { actor: event.actor }),
      action: event.action,
      ...(event.fromState !== null && { fromState: event.fromState }),
      toState: event.toState,
      ...(event.reason !== null && { reason: event.reason }),
      ...(event.details !== null && { details: event.details }),
    });
  }
}
