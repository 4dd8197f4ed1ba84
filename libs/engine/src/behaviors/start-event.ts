import type { StartEventNode } from '#bpmn';
import type { FlowNodeBehavior } from './behavior.js';

/** A none start event: the instance's first token passes straight through (several outgoing flows fork). */
export const startEvent: FlowNodeBehavior<StartEventNode> = {
  enter(node, token, execution) {
    execution.pass(node, token);
  },
};
