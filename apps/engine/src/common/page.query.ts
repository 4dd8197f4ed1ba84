import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Paging for list endpoints; the total count travels in the `X-Total-Count` header. */
export class PageQuery {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 50;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: Number.MAX_SAFE_INTEGER })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  // A float as large as 8e285 is an integer to JavaScript, and PostgreSQL refuses it as an OFFSET.
  @Max(Number.MAX_SAFE_INTEGER)
  offset: number = 0;
}

export const TOTAL_COUNT_HEADER = 'X-Total-Count';
