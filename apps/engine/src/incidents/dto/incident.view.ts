import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { IncidentRecord } from '#persistence';

export class IncidentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) instanceId: string;
  @ApiPropertyOptional({ type: String, nullable: true }) externalTaskId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The timer job that kept failing' }) jobId: string | null;
  @ApiProperty() elementId: string;
  @ApiProperty() message: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) resolvedAt: string | null;

  static of(incident: IncidentRecord): IncidentView {
    return Object.assign(new IncidentView(), {
      ...incident,
      createdAt: incident.createdAt.toISOString(),
      resolvedAt: incident.resolvedAt?.toISOString() ?? null,
    });
  }
}
