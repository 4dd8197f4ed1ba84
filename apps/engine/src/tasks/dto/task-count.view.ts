import { ApiProperty } from '@nestjs/swagger';
import type { TaskCountView as TaskCountShape } from '#api-types';

/** Past this many tasks a count says "more" instead of reading on (issue 20: a tab's badge shows "50+"). */
export const TASK_COUNT_CAP = 50;

export class TaskCountView implements TaskCountShape {
  @ApiProperty({
    minimum: 0,
    maximum: TASK_COUNT_CAP,
    description: `The matching tasks, exact up to ${TASK_COUNT_CAP}; past ${TASK_COUNT_CAP} it is ${TASK_COUNT_CAP} and \`more\` is true`,
  })
  count: number;

  @ApiProperty({ description: `More tasks than \`count\` match (a tab shows "${TASK_COUNT_CAP}+"); false when \`count\` is exact` })
  more: boolean;
}
