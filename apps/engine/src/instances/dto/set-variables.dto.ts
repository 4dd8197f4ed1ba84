import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsUUID } from 'class-validator';
import { OperatorDto } from './operator.dto.js';

export class SetVariablesDto extends OperatorDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Variables to set; the others stay as they are' })
  @IsObject()
  variables: Record<string, unknown>;

  @ApiPropertyOptional({ format: 'uuid', description: 'Set them locally on this waiting activity instance instead of on the instance' })
  @IsOptional()
  @IsUUID()
  activityInstanceId?: string;
}
