import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { CalibrationRequest } from '#simulation';

export class CalibrationDto implements CalibrationRequest {
  @ApiProperty({ format: 'uuid', description: 'The version whose recorded cases are fitted' })
  @IsUUID()
  processVersionId: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Cases started from (default: all history)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Cases started before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ type: [String], description: 'Case variables whose mix new cases draw from (default category, channel, customerTier)' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  variables?: string[];
}
