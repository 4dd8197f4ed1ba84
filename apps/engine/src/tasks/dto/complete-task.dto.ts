import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class CompleteTaskDto {
  @ApiPropertyOptional({ deprecated: true, description: 'Ignored: the signed-in user completes it (and must be the assignee if it is claimed)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  userId?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Variables set on the instance' })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;
}
