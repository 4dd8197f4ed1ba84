import { isFeel, type UserTaskNode } from '#bpmn';
import { DomainError } from '#core';
import { addDuration } from '../duration/duration.js';
import type { Execution } from '../execution.js';
import { evaluateFeel, feelDuration, feelText } from '../feel/feel.js';
import { ENGINE_ERRORS, type ClaimTaskCommand, type CompleteTaskCommand, type Variables } from '../model.js';
import { activate, complete } from '../scope/lifecycle.js';
import { variablesAt } from '../scope/variables.js';
import type { FlowNodeBehavior } from './behavior.js';

/** A human task: waits in the task lists until someone completes it. */
export const userTask: FlowNodeBehavior<UserTaskNode> = {
  workItem: () => 'taskClosed',
  enter(node, token, execution) {
    activate(execution, node, token, {
      created: (task) => {
        // The task's own settings see its input mappings, like everything else inside it.
        const visible = variablesAt(execution, task.id);
        const assignee = resolve(node.assignee, feelText, node, visible);
        const dueIn = resolve(node.dueIn, feelDuration, node, visible);
        const dueAt = dueIn === undefined ? undefined : addDuration(execution.at, dueIn, node.id);
        if (assignee !== undefined) task.assignee = assignee;
        return {
          kind: 'taskCreated',
          task: {
            id: task.id,
            elementId: node.id,
            ...(node.name !== undefined && { name: node.name }),
            ...(node.laneId !== undefined && { laneId: node.laneId }),
            candidateGroups: [...node.candidateGroups],
            candidateUsers: [...node.candidateUsers],
            ...(assignee !== undefined && { assignee }),
            ...(node.formKey !== undefined && { formKey: node.formKey }),
            ...(dueAt !== undefined && { dueAt }),
            createdAt: execution.at,
          },
        };
      },
    });
  },
};

/** A literal setting, or FEEL when it starts with `=` (a null result leaves the setting unset). */
function resolve(setting: string | undefined, as: typeof feelText, node: UserTaskNode, variables: Variables): string | undefined {
  if (setting === undefined || !isFeel(setting)) return setting;
  return as(evaluateFeel(setting, variables, node.id), node.id, setting);
}

/** Until explicit start/pause exists, claiming a task counts as starting work on it. */
export function claimTask(execution: Execution, { activityInstanceId, actor }: ClaimTaskCommand): void {
  const task = execution.activity(activityInstanceId, 'userTask');
  if (task.assignee !== undefined && task.assignee !== actor) {
    throw new DomainError(ENGINE_ERRORS.taskAlreadyClaimed, `Task '${activityInstanceId}' is already claimed by another user.`, {
      activityInstanceId,
    });
  }
  if (task.state !== 'ready') return;
  const node = execution.node(task.elementId);
  task.state = 'started';
  task.assignee = actor;
  task.claimedAt = execution.at;
  task.startedAt = execution.at;
  execution.step('claimed', task.id, node, { actor });
  execution.step('started', task.id, node, { actor });
  execution.effect({ kind: 'taskClaimed', taskId: task.id, assignee: actor, at: execution.at });
}

/** Completing an unclaimed task starts and completes it at once (no processing time recorded). */
export function completeTask(execution: Execution, { activityInstanceId, actor, variables }: CompleteTaskCommand): void {
  const task = execution.activity(activityInstanceId, 'userTask');
  if (actor !== undefined && task.assignee !== undefined && task.assignee !== actor) {
    throw new DomainError(ENGINE_ERRORS.taskClaimedByOther, `Task '${activityInstanceId}' is held by another user.`, {
      activityInstanceId,
    });
  }
  const by = actor ?? task.assignee;
  if (task.state === 'ready') execution.step('started', task.id, execution.node(task.elementId), { actor: by });
  complete(execution, task, variables, by);
}
