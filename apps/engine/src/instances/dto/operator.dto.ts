import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** Who runs an operator command and why: both go to the instance's audit trail. */
export class OperatorDto {
  @ApiPropertyOptional({ description: 'The operator (until sign-in exists, the caller names itself)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  userId?: string;

  @ApiPropertyOptional({ description: 'Why, for the audit trail' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason?: string;
}
