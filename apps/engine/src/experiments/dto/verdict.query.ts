import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class VerdictQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'json (default): the whole analysis; csv: section,name,value rows' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
