import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { IncidentRecord } from '#persistence';

export class IncidentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Null for a failing timer start event' })
  instanceId: string | null;
  @ApiProperty() processKey: string;
  @ApiProperty({ format: 'uuid' }) processVersionId: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The external task out of retries' }) externalTaskId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The job (timer, timer start event) that kept failing' })
  jobId: string | null;
  @ApiProperty() elementId: string;
  @ApiProperty({ description: 'The last error' }) message: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'Null while the incident is open' })
  resolvedAt: string | null;

  static of(incident: IncidentRecord): IncidentView {
    return Object.assign(new IncidentView(), {
      ...incident,
      createdAt: incident.createdAt.toISOString(),
      resolvedAt: incident.resolvedAt?.toISOString() ?? null,
    });
  }
}
