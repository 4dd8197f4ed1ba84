import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

/** Fields left out stay as they are (tier null takes the group out of the tiers); the id never changes (models name it). */
export class UpdateGroupDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 9, description: 'null takes the group out of the tiers' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9)
  tier?: number | null;
}
