import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsInt, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';

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
}
