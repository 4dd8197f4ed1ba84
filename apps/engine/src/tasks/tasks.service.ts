import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#core';
import {
  isEscalatable,
  plannedEscalationTarget,
  type AssignTaskCommand,
  type ClaimTaskCommand,
  type Clock,
  type DelegateTaskCommand,
  type EscalateTaskCommand,
  type IdGenerator,
  type TaskWorkCommand,
} from '#engine';
import { isCandidate, TaskRepository, UserRepository, type TaskCountFilter, type TaskEscalation, type TaskRecord } from '#persistence';
import type { Principal } from '../auth/principal.js';
import { rolesAllowed } from '../auth/role-table.js';
import { APP_ERRORS } from '../common/app-errors.js';
import { CLOCK, ID_GENERATOR } from '../common/engine-ports.js';
import { ProcessVersionCache } from '../definitions/process-version-cache.js';
import { FormsService } from '../forms/forms.service.js';
import { InstanceCommands } from '../instances/instance-commands.service.js';
import { InstanceView } from '../instances/dto/instance.view.js';
import type { CompleteTaskDto } from './dto/complete-task.dto.js';
import type { EscalateTaskDto } from './dto/escalate-task.dto.js';
import { TaskCommentView } from './dto/task-comment.view.js';
import { TaskHistoryStepView } from './dto/task-history-step.view.js';
import { TASK_COUNT_CAP, TaskCountView } from './dto/task-count.view.js';
import type { TaskCountQuery, TaskQuery } from './dto/task.query.js';
import { TaskView } from './dto/task.view.js';
import { ESCALATION_REASONS } from './escalation-reasons.js';
import { heldAfter } from './held-after.js';
import { candidateOf, isSupervisor, requireCandidate, requireOpenWorkInCase, requireTaskReadable } from './task-access.js';

type TaskCommand = ClaimTaskCommand | TaskWorkCommand | AssignTaskCommand | DelegateTaskCommand | EscalateTaskCommand;

/**
 * The tasklist: queries over the task rows, and the task commands (claim, start, pause, hand-offs,
 * escalation, completion), each one engine command on the task's instance after the access checks.
 */
@Injectable()
export class TasksService {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly users: UserRepository,
    private readonly commands: InstanceCommands,
    private readonly versions: ProcessVersionCache,
    private readonly forms: FormsService,
    @Inject(ESCALATION_REASONS) private readonly reasons: readonly string[],
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /** The tasks matching the query that the caller may see, in the asked order, and how many match (unless `total=false`). */
  async list(query: TaskQuery, principal: Principal): Promise<{ items: TaskView[]; total?: number }> {
    const page = await this.tasks.list(await this.filterOf(query, principal));
    return { items: await Promise.all(page.items.map((task) => this.view(task))), total: page.total };
  }

  /** How many tasks the list of the same query would hold, exact up to TASK_COUNT_CAP (past it: the cap, and `more`). */
  async count(query: TaskCountQuery, principal: Principal): Promise<TaskCountView> {
    return this.tasks.countUpTo(await this.filterOf(query, principal), TASK_COUNT_CAP);
  }

  /** The repository's filter for the caller's query: what they may see of what they asked. */
  private async filterOf<Query extends TaskCountQuery>(query: Query, principal: Principal): Promise<Omit<Query, 'group' | 'candidateGroup' | 'status'> & TaskCountFilter> {
    const { group, candidateGroup, status, ...rest } = query;
    const candidate = candidateOf(principal);
    // A case's open tasks the caller is offered are theirs to see anyway; its ended ones only while they work in it.
    if (query.instanceId !== undefined && status !== 'open') await requireOpenWorkInCase(query.instanceId, principal, this.tasks);
    const offeredTo = group ?? candidateGroup;
    // A case's task list shows its whole history; every other list its open work.
    const shown = status ?? (query.instanceId === undefined ? 'open' : undefined);
    return {
      ...rest,
      ...(offeredTo !== undefined && { candidateGroup: offeredTo }),
      ...(shown !== undefined && { status: shown }),
      ...(candidate !== undefined && { candidate }),
      username: principal.name,
    };
  }

  async get(id: string, principal: Principal): Promise<TaskView> {
    return this.view(await this.visible(id, principal));
  }

  claim(id: string, start: boolean | undefined, principal: Principal): Promise<TaskView> {
    return this.run(id, principal, (task) => ({ type: 'claimTask', activityInstanceId: task.id, actor: principal.name, ...(start && { start }) }));
  }

  /** Start, pause or unclaim: the caller must hold the task (or, to start, be free to claim it). */
  work(id: string, type: 'startTask' | 'pauseTask' | 'unclaimTask', principal: Principal): Promise<TaskView> {
    return this.run(id, principal, (task) => ({ type, activityInstanceId: task.id, actor: principal.name }));
  }

  /** A supervisor (or admin) gives any task they see to a candidate; an assignee may hand their own task on. */
  async assign(id: string, assignee: string, principal: Principal): Promise<TaskView> {
    const task = await this.visible(id, principal);
    if (!isSupervisor(principal) && task.assignee !== principal.name) {
      throw new DomainError(APP_ERRORS.taskAssignDenied, `Only a supervisor or the assignee of task ${id} may assign it`, { id });
    }
    const username = await this.requireCandidateUser(task, assignee, 'assignee');
    return this.run(id, principal, () => ({ type: 'assignTask', activityInstanceId: id, actor: principal.name, assignee: username }));
  }

  /** The holder hands the task to another candidate for a while; anyone else would strand it (nobody left who may work it). */
  async delegate(id: string, to: string, principal: Principal): Promise<TaskView> {
    const username = await this.requireCandidateUser(await this.visible(id, principal), to, 'to');
    return this.run(id, principal, () => ({ type: 'delegateTask', activityInstanceId: id, actor: principal.name, to: username }));
  }

  async escalate(id: string, { reasonCode, comment }: EscalateTaskDto, principal: Principal): Promise<TaskView> {
    if (!this.reasons.includes(reasonCode)) {
      throw new DomainError(APP_ERRORS.escalationReasonUnknown, `reasonCode '${reasonCode}' is not one of ${this.reasons.join(', ')}`, {
        field: 'reasonCode',
        reasonCode,
        known: this.reasons,
      });
    }
    return this.run(id, principal, () => ({
      type: 'escalateTask',
      activityInstanceId: id,
      actor: principal.name,
      reasonCode,
      ...(comment !== undefined && { comment }),
    }));
  }

  /**
   * Completes the task as the caller, its variables checked against the task's form first; a
   * delegate's completion hands it back to the owner instead (the owner's completion is checked).
   */
  async complete(id: string, { variables }: CompleteTaskDto, principal: Principal): Promise<InstanceView> {
    const found = await this.tasks.findWithInstance(id);
    if (!found) throw taskNotFound(id);
    requireCandidate(found.task, principal);
    const handingBack = found.task.owner !== null && found.task.owner !== principal.name;
    if (!handingBack) {
      const activity = found.instance.state.activities.find((candidate) => candidate.id === id);
      await this.forms.validateCompletion(found.task, found.instance.state, { ...activity?.holding?.delegatedVariables, ...variables });
    }
    const { state, revision, version } = await this.commands.execute(found.instance, {
      type: 'completeTask',
      activityInstanceId: id,
      actor: principal.name,
      ...(variables !== undefined && { variables }),
    });
    return InstanceView.of(state, revision, version);
  }

  async comment(id: string, text: string, principal: Principal): Promise<TaskCommentView> {
    await this.visible(id, principal);
    const comment = { id: this.ids.next(), taskId: id, author: principal.name, text, createdAt: this.clock.now() };
    await this.tasks.addComment(comment);
    return TaskCommentView.of(comment);
  }

  async comments(id: string, principal: Principal): Promise<TaskCommentView[]> {
    await this.visible(id, principal);
    return (await this.tasks.findComments(id)).map(TaskCommentView.of);
  }

  /** The steps of the task's case so far, named from the version the case runs on. */
  async history(id: string, principal: Principal): Promise<TaskHistoryStepView[]> {
    const task = await this.visible(id, principal);
    const { graph } = await this.versions.get(task.processVersionId);
    return (await this.tasks.findHistory(task.instanceId)).map((step) => TaskHistoryStepView.of(step, graph));
  }

  private async visible(id: string, principal: Principal): Promise<TaskRecord> {
    const task = await this.tasks.findById(id);
    if (!task) throw taskNotFound(id);
    await requireTaskReadable(task, principal, this.tasks);
    return task;
  }

  /** One engine command on the task's instance, then the task as it is now: from the command's effects when they tell it all, else read back. */
  private async run(id: string, principal: Principal, command: (task: TaskRecord) => TaskCommand): Promise<TaskView> {
    const found = await this.tasks.findWithInstance(id);
    if (!found) throw taskNotFound(id);
    requireCandidate(found.task, principal);
    const { effects } = await this.commands.execute(found.instance, command(found.task));
    return this.view(heldAfter(found.task, effects) ?? (await this.readBack(id)));
  }

  private async readBack(id: string): Promise<TaskRecord> {
    const task = await this.tasks.findById(id);
    if (!task) throw taskNotFound(id);
    return task;
  }

  private async view(task: TaskRecord & { escalation?: TaskEscalation | null }): Promise<TaskView> {
    const { graph } = await this.versions.get(task.processVersionId);
    const open = task.status === 'open';
    const target = open ? plannedEscalationTarget(graph, task.elementId, task.laneId) : undefined;
    return TaskView.of(task, graph, open && isEscalatable(graph, task.elementId, task.laneId), target ? { groups: target.groups, laneName: target.lane?.name ?? null } : null);
  }

  /**
   * The user of that name, who must be able to work the task: active, an agent (or admin) and a
   * candidate for it; else 400 naming the field, the user, the task and which of these failed.
   */
  private async requireCandidateUser(task: TaskRecord, username: string, field: 'assignee' | 'to'): Promise<string> {
    const user = await this.users.findByUsername(username);
    const refusal =
      user === null
        ? { reason: 'unknown', why: 'is no user' }
        : user.disabled
          ? { reason: 'disabled', why: 'is disabled' }
          : !user.roles.some((role) => TASK_WORKER_ROLES.includes(role))
            ? { reason: 'notAgent', why: `has neither the agent nor the admin role (${user.roles.join(', ') || 'no role'})` }
            : !isCandidate(task, user)
              ? { reason: 'notCandidate', why: `is no candidate: the task is offered to ${offeredTo(task)}` }
              : undefined;
    if (refusal === undefined) return user!.username;
    throw new DomainError(APP_ERRORS.assigneeNotCandidate, `${field} '${username}' ${refusal.why}, so task ${task.id} (${task.name ?? task.elementId}) cannot go to them`, {
      field,
      username,
      taskId: task.id,
      reason: refusal.reason,
    });
  }
}

/** The roles whose users may work a task: those the role table lets complete one. */
const TASK_WORKER_ROLES: readonly string[] = rolesAllowed('POST /api/tasks/{id}/complete');

/** Whom a task is offered to, as a refusal names them. */
const offeredTo = (task: TaskRecord): string =>
  [
    ...(task.candidateGroups.length > 0 ? [`groups ${task.candidateGroups.join(', ')}`] : []),
    ...(task.candidateUsers.length > 0 ? [`users ${task.candidateUsers.join(', ')}`] : []),
    ...(task.assignee !== null ? [`its assignee ${task.assignee}`] : []),
  ].join(' and ') || 'nobody';

const taskNotFound = (id: string) => new DomainError(APP_ERRORS.taskNotFound, `Task ${id} does not exist`, { id });
