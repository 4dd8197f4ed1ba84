import type { PassThroughTaskNode } from '#bpmn';
import { complete, enter } from '../scope/lifecycle.js';
import type { FlowNodeBehavior } from './behavior.js';

/**
 * An undefined task or a manual task: nothing for the engine to do (as in Camunda 8), so it
 * completes at once, mappings and loops applied like any activity.
 */
export const passThroughTask: FlowNodeBehavior<PassThroughTaskNode> = {
  enter(node, token, execution) {
    complete(execution, enter(execution, node, token));
  },
};
