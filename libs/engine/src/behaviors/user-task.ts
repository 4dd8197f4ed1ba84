import { isFeel, stripFeelPrefix, type UserTaskNode, type UserTaskSetting } from '#bpmn';
import { DomainError } from '#core';
import { evaluateFeel, expressionFailed, feelText } from '../feel/feel.js';
import { ENGINE_ERRORS } from '../model/errors.js';
import type { TaskClock, Variables } from '../model/state.js';
import { activate } from '../scope/lifecycle.js';
import { variablesAt } from '../scope/variables.js';
import { taskPriority } from '../tasks/task-priority.js';
import { deadline } from '../tasks/task-sla.js';
import type { FlowNodeBehavior } from './behavior.js';

/**
 * A human task: waits in the task lists until someone completes it. What happens to it while it
 * waits (claim, start, pause, hand-offs, escalation, SLA clocks) is in `../tasks/`.
 */
export const userTask: FlowNodeBehavior<UserTaskNode> = {
  workItem: () => 'taskClosed',
  enter(node, token, execution) {
    activate(execution, node, token, {
      created: (task) => {
        // The task's own settings see its input mappings, like everything else inside it.
        const visible = variablesAt(execution, task.id);
        const assignee = named(node, 'assignee', () => resolve(node.assignee, node, visible));
        const candidateGroups = named(node, 'candidateGroups', () => candidates(node.candidateGroupsExpression, node.candidateGroups, node, visible));
        const candidateUsers = named(node, 'candidateUsers', () => candidates(node.candidateUsersExpression, node.candidateUsers, node, visible));
        const dueAt = named(node, 'dueIn', () => deadline(node.dueIn, execution.at, node, visible));
        const followUpAt = named(node, 'followUpIn', () => deadline(node.followUpIn, execution.at, node, visible));
        const priority = named(node, 'priority', () => taskPriority(node, execution.graph.priority, visible));
        const clocks: TaskClock[] = [
          ...(dueAt !== undefined ? [{ id: execution.newId(), clock: 'due' as const, dueAt }] : []),
          ...(followUpAt !== undefined ? [{ id: execution.newId(), clock: 'followUp' as const, dueAt: followUpAt }] : []),
        ];
        const category = text(visible['category']);
        const stage = node.lean.stage ?? text(visible['stage']);
        if (assignee !== undefined) task.assignee = assignee;
        task.holding = { candidateGroups: [...candidateGroups], candidateUsers: [...candidateUsers], clocks };
        return {
          kind: 'taskCreated',
          task: {
            id: task.id,
            elementId: node.id,
            ...(node.name !== undefined && { name: node.name }),
            ...(node.laneId !== undefined && { laneId: node.laneId }),
            candidateGroups,
            candidateUsers,
            ...(assignee !== undefined && { assignee }),
            ...(node.formKey !== undefined && { formKey: node.formKey }),
            ...(dueAt !== undefined && { dueAt }),
            ...(followUpAt !== undefined && { followUpAt }),
            priority,
            ...(category !== undefined && { category }),
            ...(stage !== undefined && { stage }),
            ...(node.lean.valueClass !== undefined && { valueClass: node.lean.valueClass }),
            createdAt: execution.at,
          },
        };
      },
    });
  },
};

/** A literal setting, or FEEL when it starts with `=` (a null result leaves the setting unset). */
function resolve(setting: string | undefined, node: UserTaskNode, variables: Variables): string | undefined {
  if (setting === undefined || !isFeel(setting)) return setting;
  return feelText(evaluateFeel(setting, variables, node.id), node.id, setting);
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/**
 * Candidate groups or users: the model's list, or FEEL (Camunda 8's `=` assignment) yielding a list
 * of texts or a comma list; null means none.
 */
function candidates(expression: string | undefined, fixed: readonly string[], node: UserTaskNode, variables: Variables): string[] {
  if (expression === undefined) return [...fixed];
  const value = evaluateFeel(expression, variables, node.id);
  if (value === null || value === undefined) return [];
  const items = typeof value === 'string' ? value.split(',') : Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
  if (items === undefined) throw expressionFailed(node.id, stripFeelPrefix(expression), `it yields ${JSON.stringify(value)}, not a list of texts`);
  return [...new Set(items.map((item) => item.trim()).filter((item) => item !== ''))];
}

/** A setting's evaluation; its FEEL failing names the attribute the model wrote it in (`zeebe:taskSchedule dueDate`, `tandem:dueIn`). */
function named<T>(node: UserTaskNode, setting: UserTaskSetting, evaluate: () => T): T {
  try {
    return evaluate();
  } catch (error) {
    if (!(error instanceof DomainError) || (error.code !== ENGINE_ERRORS.expressionFailed && error.code !== ENGINE_ERRORS.expressionTooCostly)) throw error;
    const attribute = node.settingAttributes?.[setting] ?? `tandem:${setting}`;
    throw new DomainError(error.code, error.message.replace(`" of '${node.id}'`, `" of '${node.id}' (${attribute})`), { ...error.details, attribute });
  }
}
