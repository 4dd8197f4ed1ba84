import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MinLength } from 'class-validator';
import type { InstanceStatus } from '#engine';
import { PageQuery } from '../../common/page.query.js';
import { INSTANCE_STATUSES } from './instance-statuses.js';

export class InstanceQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  processKey?: string;

  @ApiPropertyOptional({ enum: INSTANCE_STATUSES })
  @IsOptional()
  @IsIn(INSTANCE_STATUSES)
  status?: InstanceStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  businessKey?: string;
}
