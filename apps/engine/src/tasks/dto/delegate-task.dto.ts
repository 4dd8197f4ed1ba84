import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class DelegateTaskDto {
  @ApiProperty({ description: 'The username who works the task and completes it back to you (you stay its owner)' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  to: string;
}
