import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** The task goes to the signed-in user. */
export class ClaimTaskDto {
  @ApiPropertyOptional({ description: 'Claim and start work at once (the usual "pick up"); default false: claimed, not started' })
  @IsOptional()
  @IsBoolean()
  start?: boolean;

  @ApiPropertyOptional({ deprecated: true, description: 'Ignored: the task goes to the signed-in user. Accepted so older clients keep working' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  userId?: string;
}
