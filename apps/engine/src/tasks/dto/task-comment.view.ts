import { ApiProperty } from '@nestjs/swagger';
import type { TaskCommentView as TaskCommentShape } from '#api-types';
import type { TaskComment } from '#persistence';

export class TaskCommentView implements TaskCommentShape {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty() author: string;
  @ApiProperty() text: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static of(comment: TaskComment): TaskCommentView {
    return Object.assign(new TaskCommentView(), { ...comment, createdAt: comment.createdAt.toISOString() });
  }
}
