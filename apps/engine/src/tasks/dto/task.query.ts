import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MinLength } from 'class-validator';
import type { TaskStatus } from '#persistence';
import { PageQuery } from '../../common/page.query.js';

export class TaskQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  instanceId?: string;

  @ApiPropertyOptional({ description: 'Tasks this group may work on' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  candidateGroup?: string;

  @ApiPropertyOptional({ description: 'Tasks this user is named a candidate for' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  candidateUser?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  assignee?: string;

  @ApiPropertyOptional({ enum: ['open', 'completed', 'canceled'] })
  @IsOptional()
  @IsIn(['open', 'completed', 'canceled'])
  status?: TaskStatus;
}
