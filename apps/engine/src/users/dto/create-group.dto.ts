import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { GROUP_ID_PATTERN } from '../identifiers.js';

export class CreateGroupDto {
  @ApiProperty({ example: 'first-line', description: 'What models name in candidateGroups; letters, digits and . _ - (at most 64)' })
  @IsString()
  @Matches(GROUP_ID_PATTERN, { message: 'id must start with a letter or digit and hold only letters, digits and . _ - (at most 64)' })
  id: string;

  @ApiProperty({ example: 'First line' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 9, description: 'The service tier (1 first line, 2 second line, 3 experts); none for a team outside the tiers' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9)
  tier?: number;
}
