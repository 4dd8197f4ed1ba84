import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, ValidateIf } from 'class-validator';
import { MAX_TAG_LENGTH } from '../version-tag.js';

export class ProcessVersionTagBody {
  @ApiProperty({ type: String, nullable: true, maxLength: MAX_TAG_LENGTH, description: '`as-is`, `to-be` or free text; null or blank clears it' })
  @ValidateIf((body: ProcessVersionTagBody) => body.tag !== null)
  @IsString()
  @MaxLength(MAX_TAG_LENGTH)
  tag: string | null;
}
