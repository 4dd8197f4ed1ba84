import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { InstanceSummary } from '#persistence';
import { INSTANCE_STATUSES } from './instance-statuses.js';

export class InstanceSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() processKey: string;
  @ApiProperty({ format: 'uuid' }) processVersionId: string;
  @ApiProperty() version: number;
  @ApiPropertyOptional({ type: String, nullable: true }) businessKey: string | null;
  @ApiProperty({ enum: INSTANCE_STATUSES }) status: string;
  @ApiProperty() revision: number;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) endedAt: string | null;
  @ApiProperty({ enum: ['live', 'simulated'], description: 'simulated: written by a simulation (the demo history), not a real case' }) origin: 'live' | 'simulated';

  static of(summary: InstanceSummary): InstanceSummaryView {
    return Object.assign(new InstanceSummaryView(), {
      ...summary,
      startedAt: summary.startedAt.toISOString(),
      endedAt: summary.endedAt?.toISOString() ?? null,
    });
  }
}
