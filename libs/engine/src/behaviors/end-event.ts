import type { EndEventNode } from '#bpmn';
import type { FlowNodeBehavior } from './behavior.js';

/** A none end event consumes its token; a terminate end event ends the whole instance. */
export const endEvent: FlowNodeBehavior<EndEventNode> = {
  enter(node, token, execution) {
    execution.pass(node, token);
    if (node.terminate) execution.terminate();
  },
};
