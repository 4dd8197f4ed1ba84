import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class BroadcastSignalDto {
  @ApiProperty({ description: 'The signal name, as in the model\'s <signal name="...">', example: 'outage-resolved' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  name: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Handed to every catching element and new instance' })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;
}
