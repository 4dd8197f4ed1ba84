import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import type { ExperimentState } from '#experiments';

export const EXPERIMENT_STATES: readonly ExperimentState[] = ['draft', 'running', 'paused', 'stopped', 'promoted'];

export class ExperimentQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  processKey?: string;

  @ApiPropertyOptional({ enum: EXPERIMENT_STATES })
  @IsOptional()
  @IsIn(EXPERIMENT_STATES)
  state?: ExperimentState;
}
