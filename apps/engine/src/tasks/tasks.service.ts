import { Injectable } from '@nestjs/common';
import { DomainError } from '#core';
import { TaskRepository, type Page, type TaskFilter } from '#persistence';
import { APP_ERRORS } from '../common/app-errors.js';
import { InstanceCommands } from '../instances/instance-commands.service.js';
import { InstanceView } from '../instances/dto/instance.view.js';
import type { CompleteTaskDto } from './dto/complete-task.dto.js';
import { TaskView } from './dto/task.view.js';

@Injectable()
export class TasksService {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly commands: InstanceCommands,
  ) {}

  async list(filter: TaskFilter): Promise<Page<TaskView>> {
    const page = await this.tasks.list(filter);
    return { items: page.items.map(TaskView.of), total: page.total };
  }

  async get(id: string): Promise<TaskView> {
    const task = await this.tasks.findById(id);
    if (!task) throw taskNotFound(id);
    return TaskView.of(task);
  }

  /** Claims the task for the user (claiming counts as starting the work). */
  async claim(id: string, userId: string): Promise<TaskView> {
    const found = await this.tasks.findWithInstance(id);
    if (!found) throw taskNotFound(id);
    const { state } = await this.commands.execute(found.instance, { type: 'claimTask', activityInstanceId: id, actor: userId });
    const activity = state.activities.find((candidate) => candidate.id === id);
    return TaskView.of({
      ...found.task,
      assignee: activity?.assignee ?? found.task.assignee,
      claimedAt: activity?.claimedAt ? new Date(activity.claimedAt) : found.task.claimedAt,
    });
  }

  /** Completes the task; a task already completed, or whose instance moved on, is a conflict. */
  async complete(id: string, { userId, variables }: CompleteTaskDto): Promise<InstanceView> {
    const found = await this.tasks.findWithInstance(id);
    if (!found) throw taskNotFound(id);
    const { state, revision, version } = await this.commands.execute(found.instance, {
      type: 'completeTask',
      activityInstanceId: id,
      ...(userId !== undefined && { actor: userId }),
      ...(variables !== undefined && { variables }),
    });
    return InstanceView.of(state, revision, version);
  }
}

const taskNotFound = (id: string) => new DomainError(APP_ERRORS.taskNotFound, `Task ${id} does not exist`, { id });
