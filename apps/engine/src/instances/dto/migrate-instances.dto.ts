import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { MigrateInstanceDto } from './migrate-instance.dto.js';

/** Instances a batch takes at most, to keep one request bounded; page through larger populations. */
export const MAX_BATCH_INSTANCES = 1000;

export class MigrateInstancesDto extends MigrateInstanceDto {
  @ApiPropertyOptional({
    type: [String],
    description: `These instances only (each must run on the source version); by default every running one, oldest first, at most ${MAX_BATCH_INSTANCES}`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_INSTANCES)
  @IsUUID('all', { each: true })
  instanceIds?: string[];

  @ApiPropertyOptional({ description: 'Check every instance against the mapping and write nothing (default false)' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}
