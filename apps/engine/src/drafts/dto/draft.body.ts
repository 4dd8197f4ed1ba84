import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** The longest origin note kept: it only says where the diagram came from. */
export const MAX_ORIGIN_LENGTH = 200;

export class DraftBody {
  @ApiProperty({ description: 'The BPMN XML as the modeler holds it; not validated, since a draft may be half-drawn' })
  @IsString()
  @IsNotEmpty()
  xml: string;

  @ApiProperty({ maxLength: MAX_ORIGIN_LENGTH, description: 'Where the diagram came from (a file name, a deployed version), shown when it is restored' })
  @IsString()
  @MaxLength(MAX_ORIGIN_LENGTH)
  origin: string;
}
