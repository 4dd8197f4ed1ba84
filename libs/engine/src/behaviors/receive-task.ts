import type { ReceiveTaskNode } from '#bpmn';
import { activate } from '../scope/lifecycle.js';
import { arm } from '../scope/waits.js';
import type { FlowNodeBehavior } from './behavior.js';

/** A receive task waits for its message like a message catch event, but is an activity: it takes boundary events and mappings. */
export const receiveTask: FlowNodeBehavior<ReceiveTaskNode> = {
  enter(node, token, execution) {
    const task = activate(execution, node, token);
    arm(execution, node.message, { elementId: node.id, holderId: task.id, evaluateIn: task.id });
  },
};
