import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class CompleteTaskDto {
  @ApiPropertyOptional({ description: 'The user completing it; must be the assignee if the task is claimed' })
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
