import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';

/** The longest a fetch may wait for a task (long polling). */
export const MAX_ASYNC_RESPONSE_TIMEOUT_MS = 60_000;

export class TopicSubscriptionDto {
  @ApiProperty({ description: 'The topic of the service tasks to fetch' })
  @IsString()
  @MinLength(1)
  name: string;

  @ApiProperty({ description: 'How long the worker holds each task, in milliseconds', minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(7 * 24 * 60 * 60 * 1000)
  lockDurationMs: number;
}

export class FetchAndLockDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  workerId: string;

  @ApiProperty({ minimum: 1, maximum: 100 })
  @IsInt()
  @Min(1)
  @Max(100)
  maxTasks: number;

  @ApiProperty({ type: [TopicSubscriptionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => TopicSubscriptionDto)
  topics: TopicSubscriptionDto[];

  @ApiPropertyOptional({
    description: 'Long polling: when no task is fetchable, wait up to this many milliseconds for one of the topics before answering (0: answer at once)',
    minimum: 0,
    maximum: MAX_ASYNC_RESPONSE_TIMEOUT_MS,
    default: 0,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_ASYNC_RESPONSE_TIMEOUT_MS)
  asyncResponseTimeoutMs?: number;
}
