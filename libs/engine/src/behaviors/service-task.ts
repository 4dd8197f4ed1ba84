import type { ServiceTaskNode } from '#bpmn';
import type { Execution } from '../execution.js';
import type { ActivityInstance, CompleteExternalTaskCommand, LockExternalTaskCommand } from '../model.js';
import type { FlowNodeBehavior } from './behavior.js';

/** A service task is an external task: it waits until a worker fetched by topic completes it. */
export const serviceTask: FlowNodeBehavior<ServiceTaskNode> = {
  workItem: 'externalTaskClosed',
  enter(node, token, execution) {
    execution.activate(node, token, {
      created: (id) => ({
        kind: 'externalTaskCreated',
        externalTask: { id, elementId: node.id, topic: node.topic, retries: node.retries, createdAt: execution.at },
      }),
    });
  },
};

/** The first lock marks the work as started; a re-lock (e.g. after the lock expired) changes nothing. */
export function lockExternalTask(execution: Execution, { activityInstanceId, workerId }: LockExternalTaskCommand): void {
  const externalTask = execution.activity(activityInstanceId, 'serviceTask');
  if (externalTask.state === 'ready') start(execution, externalTask, workerId);
}

export function completeExternalTask(execution: Execution, { activityInstanceId, workerId, variables }: CompleteExternalTaskCommand): void {
  const externalTask = execution.activity(activityInstanceId, 'serviceTask');
  if (externalTask.state === 'ready') start(execution, externalTask, workerId);
  execution.mergeVariables(variables);
  execution.complete(externalTask, workerId);
}

function start(execution: Execution, externalTask: ActivityInstance, workerId: string): void {
  externalTask.state = 'started';
  externalTask.assignee = workerId;
  externalTask.startedAt = execution.at;
  execution.step('started', externalTask.id, execution.node(externalTask.elementId), { actor: workerId });
}
