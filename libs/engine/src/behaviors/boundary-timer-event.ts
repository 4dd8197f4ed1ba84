import type { BoundaryTimerEventNode } from '#bpmn';
import type { Execution } from '../execution.js';
import type { Timer } from '../model.js';
import type { FlowNodeBehavior } from './behavior.js';

/**
 * A boundary timer is scheduled when the activity it is attached to becomes ready (see
 * `Execution.activate`). The token it spawns on firing passes through the boundary event.
 */
export const boundaryTimerEvent: FlowNodeBehavior<BoundaryTimerEventNode> = {
  enter(node, token, execution) {
    execution.pass(node, token);
  },
};

/** Interrupting cancels the attached activity; non-interrupting leaves it waiting. Either way a token leaves here. */
export function fireBoundaryTimer(execution: Execution, node: BoundaryTimerEventNode, timer: Timer): void {
  const attached = execution.activity(timer.activityInstanceId);
  if (node.cancelActivity) execution.cancel(attached);
  execution.spawn({ elementId: node.id, previousActivityInstanceId: attached.id });
}
