import { DomainError } from '#core';
import type { Execution } from '../execution.js';
import type { AssignTaskCommand, ClaimTaskCommand, CompleteTaskCommand, DelegateTaskCommand, TaskWorkCommand } from '../model/commands.js';
import { ENGINE_ERRORS } from '../model/errors.js';
import type { ActivityInstance, TaskHolding } from '../model/state.js';
import type { StepType } from '../model/steps.js';
import { complete } from '../scope/lifecycle.js';

/*
 * DESIGN: the life of a user task, as the step ledger records it (docs/tasklist.md).
 *
 * A waiting user task is in one of four states; each change leaves one step, at the command's instant:
 *
 *   ready ──claim──> claimed ──start──> started ──pause──> paused ──start──> started ...
 *     ^                 │                  │                  │
 *     └─────unclaim─────┴──(pause first)───┴──────────────────┘
 *
 * - queue time:        from `ready` or `unclaimed` to `claimed`
 * - claimed-but-idle:  from `claimed` or `paused` to `started`
 * - working:           from `started` to `paused`, `escalated`, `completed` or `canceled`
 *
 * Claiming no longer starts the work: `claimTask` leaves `claimed` only, `startTask` leaves
 * `started` (claiming first when nobody holds the task: `claimed` then `started` at one instant),
 * `claimTask` with `start` does both (the usual "pick up"). `pauseTask` leaves `paused`;
 * `unclaimTask` leaves `unclaimed` (from claimed or paused; a started task is paused first).
 * Completing a task that was never started (or is paused) records `started` at the completion:
 * zero working time, since the ledger only knows what it was told. Completing a task nobody holds
 * records `claimed` and `started` first, so every completion closes a working interval.
 *
 * Hand-offs are not states of their own: assigning and delegating record `unclaimed` for the
 * previous holder (paused first if started) and `claimed` for the next one, with `detail.by` naming
 * who did it. A delegated task keeps its owner; the delegate completing it hands it back to the
 * owner (`unclaimed`, `claimed`), with the delegate's variables kept for the owner's completion.
 * `escalated` (tasks/task-escalation.ts) ends working time and re-queues the task (`unclaimed` if
 * it was held); `breached` (tasks/task-sla.ts) is a marker that changes no state.
 *
 * Only the assignee starts, pauses, unclaims, delegates or completes a held task: anyone else gets
 * TASK_CLAIMED_BY_OTHER; claiming a task another user holds is TASK_ALREADY_CLAIMED; a command in a
 * state that does not allow it is TASK_WRONG_STATE naming the state.
 */

export function claimTask(execution: Execution, { activityInstanceId, actor, start }: ClaimTaskCommand): void {
  const task = execution.activity(activityInstanceId, 'userTask');
  if (task.assignee !== undefined && task.assignee !== actor) {
    throw new DomainError(ENGINE_ERRORS.taskAlreadyClaimed, `Task '${activityInstanceId}' is already claimed by another user.`, {
      activityInstanceId,
      assignee: task.assignee,
    });
  }
  if (task.state === 'ready') takeOver(execution, task, actor);
  if (start && task.state !== 'started') beginWork(execution, task, actor);
  if (task.state !== 'ready') announce(execution, task);
}

export function startTask(execution: Execution, { activityInstanceId, actor }: TaskWorkCommand): void {
  const task = heldBy(execution, activityInstanceId, actor);
  if (task.state === 'started') throw wrongState(task, 'start', 'it is started already');
  if (task.state === 'ready') takeOver(execution, task, actor);
  beginWork(execution, task, actor);
  announce(execution, task);
}

export function pauseTask(execution: Execution, { activityInstanceId, actor }: TaskWorkCommand): void {
  const task = heldBy(execution, activityInstanceId, actor);
  if (task.state !== 'started') throw wrongState(task, 'pause', 'only a started task can be paused');
  stopWork(execution, task, actor);
  announce(execution, task);
}

export function unclaimTask(execution: Execution, { activityInstanceId, actor }: TaskWorkCommand): void {
  const task = heldBy(execution, activityInstanceId, actor);
  if (task.state === 'ready') throw wrongState(task, 'unclaim', 'nobody holds it');
  release(execution, task, {});
  delete holdingOf(task).owner;
  announce(execution, task);
}

/** The app has checked that the actor may (a supervisor, or the assignee handing it on) and that the assignee is a candidate. */
export function assignTask(execution: Execution, { activityInstanceId, actor, assignee }: AssignTaskCommand): void {
  const task = execution.activity(activityInstanceId, 'userTask');
  if (task.assignee === assignee && task.state !== 'ready') return;
  if (task.state !== 'ready') release(execution, task, { by: actor });
  delete holdingOf(task).owner;
  takeOver(execution, task, assignee, { by: actor });
  announce(execution, task);
}

export function delegateTask(execution: Execution, { activityInstanceId, actor, to }: DelegateTaskCommand): void {
  const task = heldBy(execution, activityInstanceId, actor);
  if (task.state === 'ready') throw wrongState(task, 'delegate', 'claim it first');
  if (to === actor) return;
  const holding = holdingOf(task);
  release(execution, task, { by: actor, delegatedTo: to });
  holding.owner ??= actor;
  takeOver(execution, task, to, { by: actor, owner: holding.owner });
  announce(execution, task);
}

/**
 * Completes the task as the actor (a command without one, in the holder's name). A delegate's
 * completion hands the task back to its owner instead; the owner's completion then carries the
 * delegate's variables under its own.
 */
export function completeTask(execution: Execution, { activityInstanceId, actor, variables }: CompleteTaskCommand): void {
  const task = execution.activity(activityInstanceId, 'userTask');
  if (actor !== undefined && task.assignee !== undefined && task.assignee !== actor) throw claimedByOther(task, 'complete');
  const holding = holdingOf(task);
  if (actor !== undefined && holding.owner !== undefined && holding.owner !== actor) {
    const owner = holding.owner;
    release(execution, task, { by: actor, handedBack: true });
    holding.delegatedVariables = { ...holding.delegatedVariables, ...variables };
    delete holding.owner;
    takeOver(execution, task, owner, { by: actor });
    announce(execution, task);
    return;
  }
  const by = actor ?? task.assignee;
  if (task.state === 'ready' && by !== undefined) takeOver(execution, task, by);
  if (task.state !== 'started') step(execution, task, 'started', by);
  const result = holding.delegatedVariables === undefined ? variables : { ...holding.delegatedVariables, ...variables };
  complete(execution, task, result, by);
}

/** The holding of a task created before holdings existed: the model's candidates, no clocks. */
export function holdingOf(task: ActivityInstance): TaskHolding {
  task.holding ??= { candidateGroups: [], candidateUsers: [], clocks: [] };
  return task.holding;
}

/** The task, which the actor must hold if anyone does. */
export function heldBy(execution: Execution, activityInstanceId: string, actor: string): ActivityInstance {
  const task = execution.activity(activityInstanceId, 'userTask');
  if (task.assignee !== undefined && task.assignee !== actor) throw claimedByOther(task, 'change');
  return task;
}

/** The holder lets go: a started task is paused first, then `unclaimed` in the holder's name. */
export function release(execution: Execution, task: ActivityInstance, detail: Record<string, unknown>): void {
  const holder = task.assignee;
  if (task.state === 'started') stopWork(execution, task, holder);
  step(execution, task, 'unclaimed', holder, Object.keys(detail).length > 0 ? detail : undefined);
  task.state = 'ready';
  delete task.assignee;
  delete task.claimedAt;
  delete task.startedAt;
}

/** The task row takes the task's holding as it is now. */
export function announce(execution: Execution, task: ActivityInstance, moved: { dueAt?: string } = {}): void {
  const holding = holdingOf(task);
  execution.effect({
    kind: 'taskUpdated',
    taskId: task.id,
    state: task.state,
    assignee: task.assignee ?? null,
    owner: holding.owner ?? null,
    candidateGroups: holding.candidateGroups,
    candidateUsers: holding.candidateUsers,
    laneId: holding.laneId ?? execution.node(task.elementId).laneId ?? null,
    claimedAt: task.claimedAt ?? null,
    startedAt: task.startedAt ?? null,
    at: execution.at,
    ...(moved.dueAt !== undefined && { dueAt: moved.dueAt }),
  });
}

/** A step of the task, in the lane it is queued at now. */
export function step(execution: Execution, task: ActivityInstance, type: StepType, actor: string | undefined, detail?: Record<string, unknown>): void {
  const laneId = task.holding?.laneId;
  execution.step(type, task.id, execution.node(task.elementId), {
    ...(actor !== undefined && { actor }),
    ...(detail !== undefined && { detail }),
    ...(laneId !== undefined && { laneId }),
  });
}

function takeOver(execution: Execution, task: ActivityInstance, assignee: string, detail?: Record<string, unknown>): void {
  task.state = 'claimed';
  task.assignee = assignee;
  task.claimedAt = execution.at;
  step(execution, task, 'claimed', assignee, detail);
}

function beginWork(execution: Execution, task: ActivityInstance, actor: string): void {
  task.state = 'started';
  task.startedAt = execution.at;
  step(execution, task, 'started', actor);
}

export function stopWork(execution: Execution, task: ActivityInstance, actor: string | undefined): void {
  task.state = 'paused';
  step(execution, task, 'paused', actor);
}

const claimedByOther = (task: ActivityInstance, action: string) =>
  new DomainError(ENGINE_ERRORS.taskClaimedByOther, `Task '${task.id}' is held by another user; only they can ${action} it.`, {
    activityInstanceId: task.id,
    assignee: task.assignee,
  });

const wrongState = (task: ActivityInstance, action: string, why: string) =>
  new DomainError(ENGINE_ERRORS.taskWrongState, `Cannot ${action} task '${task.id}' in state ${task.state}: ${why}.`, {
    activityInstanceId: task.id,
    state: task.state,
  });
