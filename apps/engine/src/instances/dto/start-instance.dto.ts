import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class StartInstanceDto {
  @ApiPropertyOptional({ description: 'The case key of the outside world (e.g. the ticket or customer id)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  businessKey?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Initial instance variables' })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;
}
