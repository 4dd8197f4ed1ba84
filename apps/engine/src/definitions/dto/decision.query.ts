import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MinLength } from 'class-validator';

export class DecisionQuery {
  @ApiPropertyOptional({ description: 'Only versions of this decision id' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  key?: string;
}
