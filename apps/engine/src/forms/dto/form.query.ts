import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MinLength } from 'class-validator';

export class FormQuery {
  @ApiPropertyOptional({ description: 'Only versions of this form id' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  key?: string;
}
