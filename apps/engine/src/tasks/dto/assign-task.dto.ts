import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class AssignTaskDto {
  @ApiProperty({ description: 'The username to give the task to; they must be a candidate for it' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  assignee: string;
}
