import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** Why an operator runs a command: it goes to the instance's audit trail, with the signed-in user. */
export class OperatorDto {
  @ApiPropertyOptional({ deprecated: true, description: 'Ignored: the audit trail records the signed-in user. Accepted so older clients keep working' })
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
