import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class CompleteExternalTaskDto {
  @ApiProperty({ description: 'The worker holding the lock' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  workerId: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Variables set on the instance' })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;
}
