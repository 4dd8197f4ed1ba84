import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class EscalateTaskDto {
  @ApiProperty({ description: 'One of GET /api/escalation-reasons', example: 'needs-expertise' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  reasonCode: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}
