import { ApiProperty } from '@nestjs/swagger';
import { IsString, MinLength } from 'class-validator';
import { TransitionDto } from './transition.dto.js';

export class PromoteDto extends TransitionDto {
  @ApiProperty({ description: 'The winning arm: every new case goes to it' })
  @IsString()
  @MinLength(1)
  winnerArmId: string;
}
