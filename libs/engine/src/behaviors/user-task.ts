import { isFeel, type UserTaskNode } from '#bpmn';
import { evaluateFeel, feelText } from '../feel/feel.js';
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
        const assignee = resolve(node.assignee, node, visible);
        const dueAt = deadline(node.dueIn, execution.at, node, visible);
        const followUpAt = deadline(node.followUpIn, execution.at, node, visible);
        const clocks: TaskClock[] = [
          ...(dueAt !== undefined ? [{ id: execution.newId(), clock: 'due' as const, dueAt }] : []),
          ...(followUpAt !== undefined ? [{ id: execution.newId(), clock: 'followUp' as const, dueAt: followUpAt }] : []),
        ];
        const category = text(visible['category']);
        const stage = node.lean.stage ?? text(visible['stage']);
        if (assignee !== undefined) task.assignee = assignee;
        task.holding = { candidateGroups: [...node.candidateGroups], candidateUsers: [...node.candidateUsers], clocks };
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
            ...(followUpAt !== undefined && { followUpAt }),
            priority: taskPriority(node, execution.graph.priority, visible),
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
