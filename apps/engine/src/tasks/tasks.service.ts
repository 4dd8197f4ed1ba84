import { Injectable } from '@nestjs/common';
import { DomainError } from '#core';
import { TaskRepository, type Page, type TaskFilter } from '#persistence';
import type { Principal } from '../auth/principal.js';
import { APP_ERRORS } from '../common/app-errors.js';
import { InstanceCommands } from '../instances/instance-commands.service.js';
import { InstanceView } from '../instances/dto/instance.view.js';
import type { CompleteTaskDto } from './dto/complete-task.dto.js';
import { TaskView } from './dto/task.view.js';
import { candidateOf, requireCandidate } from './task-access.js';

@Injectable()
export class TasksService {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly commands: InstanceCommands,
  ) {}

  /** The tasks matching the filter that the caller may see: an agent only their candidate tasks. */
  async list(filter: TaskFilter, principal: Principal): Promise<Page<TaskView>> {
    const candidate = candidateOf(principal);
    const page = await this.tasks.list({ ...filter, ...(candidate !== undefined && { candidate }) });
    return { items: page.items.map(TaskView.of), total: page.total };
  }

  async get(id: string, principal: Principal): Promise<TaskView> {
    const task = await this.tasks.findById(id);
    if (!task) throw taskNotFound(id);
    requireCandidate(task, principal);
    return TaskView.of(task);
  }

  /** Claims the task for the caller (claiming counts as starting the work). */
  async claim(id: string, principal: Principal): Promise<TaskView> {
    const found = await this.tasks.findWithInstance(id);
    if (!found) throw taskNotFound(id);
    requireCandidate(found.task, principal);
    const { state } = await this.commands.execute(found.instance, { type: 'claimTask', activityInstanceId: id, actor: principal.name });
    const activity = state.activities.find((candidate) => candidate.id === id);
    return TaskView.of({
      ...found.task,
      assignee: activity?.assignee ?? found.task.assignee,
      claimedAt: activity?.claimedAt ? new Date(activity.claimedAt) : found.task.claimedAt,
    });
  }

  /** Completes the task as the caller; a task already completed, or whose instance moved on, is a conflict. */
  async complete(id: string, { variables }: CompleteTaskDto, principal: Principal): Promise<InstanceView> {
    const found = await this.tasks.findWithInstance(id);
    if (!found) throw taskNotFound(id);
    requireCandidate(found.task, principal);
    const { state, revision, version } = await this.commands.execute(found.instance, {
      type: 'completeTask',
      activityInstanceId: id,
      actor: principal.name,
      ...(variables !== undefined && { variables }),
    });
    return InstanceView.of(state, revision, version);
  }
}

const taskNotFound = (id: string) => new DomainError(APP_ERRORS.taskNotFound, `Task ${id} does not exist`, { id });
