import type { StartEventNode } from '#bpmn';
import { pass } from '../scope/lifecycle.js';
import type { FlowNodeBehavior } from './behavior.js';

/**
 * A start event: the first token of its scope passes straight through (several outgoing flows
 * fork). Whatever triggered it (a message, a signal, a timer) has already happened.
 */
export const startEvent: FlowNodeBehavior<StartEventNode> = {
  enter(node, token, execution) {
    pass(execution, node, token);
  },
};
