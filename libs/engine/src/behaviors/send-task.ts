import type { SendTaskNode } from '#bpmn';
import type { FlowNodeBehavior } from './behavior.js';
import { activateExternalTask } from './service-task.js';

/** A send task is an external task: a worker fetched by topic sends the message and completes it. */
export const sendTask: FlowNodeBehavior<SendTaskNode> = {
  workItem: () => 'externalTaskClosed',
  enter(node, token, execution) {
    activateExternalTask(execution, node, token, node);
  },
};
