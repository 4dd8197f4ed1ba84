import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class ClaimTaskDto {
  @ApiProperty({ description: 'The user taking the task' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  userId: string;
}
