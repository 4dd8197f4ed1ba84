import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IsElementMapping } from './is-element-mapping.js';
import { OperatorDto } from './operator.dto.js';

export class MigrateInstanceDto extends OperatorDto {
  @ApiProperty({ format: 'uuid', description: 'Another version of the same process' })
  @IsUUID()
  targetProcessVersionId: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Source element id -> target element id (flow nodes, or sequence flows for tokens waiting at a join); unnamed elements keep their id',
    example: { Task_HandOffNote: 'Task_SecondLineDiagnosis' },
  })
  @IsOptional()
  @IsElementMapping()
  mapping?: Record<string, string>;
}
