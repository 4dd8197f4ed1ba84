import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export class ExternalTaskFailureDto {
  @ApiProperty({ description: 'The worker holding the lock' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  workerId: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  errorMessage: string;

  @ApiPropertyOptional({ description: 'Retries left after this failure (default: one fewer than before); 0 raises an incident' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  retries?: number;

  @ApiPropertyOptional({ description: 'Milliseconds before the task can be fetched again', default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 60 * 60 * 1000)
  retryTimeoutMs?: number;
}
