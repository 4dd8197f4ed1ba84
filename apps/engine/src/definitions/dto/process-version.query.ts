import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MinLength } from 'class-validator';

export class ProcessVersionQuery {
  @ApiPropertyOptional({ description: 'Only versions of this process key' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  key?: string;
}
