import type { BoundaryEventNode } from '#bpmn';
import { pass } from '../scope/lifecycle.js';
import type { FlowNodeBehavior } from './behavior.js';

/**
 * A boundary event is armed when the activity it is attached to starts waiting (see `activate`);
 * errors and escalations find it when they are thrown. The token it spawns passes through it.
 */
export const boundaryEvent: FlowNodeBehavior<BoundaryEventNode> = {
  enter(node, token, execution) {
    pass(execution, node, token);
  },
};
