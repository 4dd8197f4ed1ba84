import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

/** The longest a message may wait in the buffer for its subscription. */
export const MAX_TIME_TO_LIVE_MS = 30 * 24 * 60 * 60 * 1000;

export class PublishMessageDto {
  @ApiProperty({ description: 'The message name, as in the model\'s <message name="...">', example: 'customer-reply' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  name: string;

  @ApiPropertyOptional({
    description:
      'Matched against the correlation key each waiting subscription computed; a number is compared as its text. ' + 'Without it, only subscriptions without a key match.',
    example: 'ticket-4711',
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'number' ? String(value) : value))
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  correlationKey?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Handed to the catching element (or the new instance)' })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: 'How long to buffer the message when nothing waits for it yet (0: never buffered)',
    minimum: 0,
    maximum: MAX_TIME_TO_LIVE_MS,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_TIME_TO_LIVE_MS)
  timeToLiveMs?: number;

  @ApiPropertyOptional({
    description: "The publisher's id for this message: a second message with the same id is refused (409), so retrying a publish is safe",
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  messageId?: string;
}
