import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

/** The body of an experiment's offer to move its running cases to the winner. */
export class MigrateRunningDto {
  @ApiPropertyOptional({ description: 'Check every running case and write nothing (default true: a dry run comes first)' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: "Element id on the losing arm's version -> element id on the winner's, where the ids differ",
  })
  @IsOptional()
  @IsObject()
  mapping?: Record<string, string>;

  @ApiPropertyOptional({ description: 'Why (kept in each instance audit)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
