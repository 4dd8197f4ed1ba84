import { ApiProperty } from '@nestjs/swagger';
import type { TaskCountView as TaskCountShape } from '#api-types';

export class TaskCountView implements TaskCountShape {
  @ApiProperty({ minimum: 0, maximum: 50, description: 'The matching tasks, exact up to 50; past 50 it is 50 and `more` is true' })
  count: number;

  @ApiProperty({ description: 'More tasks than `count` match (a tab shows "50+"); false when `count` is exact' })
  more: boolean;
}
