import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** The body of start, pause, resume and stop: an optional reason for the event log. */
export class TransitionDto {
  @ApiPropertyOptional({ description: 'Why (kept in the experiment events)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
