import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class RetryIncidentDto {
  @ApiPropertyOptional({
    description: "Failures allowed again before a new incident: the external task's retries, or the job's attempts",
    minimum: 1,
    maximum: 100,
    default: 1,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  retries?: number;
}
