import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class StartInstanceDto {
  @ApiPropertyOptional({ description: 'The case key of the outside world (e.g. the ticket or customer id)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  businessKey?: string;

  @ApiPropertyOptional({
    description:
      'Start the case at this process-level activity or catch event instead of at the start event (a case moved in from another engine); its ready step is marked movedIn. Admins only (ACCESS_DENIED otherwise). Such a case is never routed by an experiment: it runs on the newest version.',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  startBefore?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Initial instance variables' })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;
}
