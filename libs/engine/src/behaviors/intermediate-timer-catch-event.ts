import type { IntermediateTimerCatchEventNode } from '#bpmn';
import type { Execution } from '../execution.js';
import type { Timer } from '../model.js';
import type { FlowNodeBehavior } from './behavior.js';

/** An intermediate timer catch event: the token waits until its timer fires. */
export const intermediateTimerCatchEvent: FlowNodeBehavior<IntermediateTimerCatchEventNode> = {
  enter(node, token, execution) {
    const activity = execution.activate(node, token);
    execution.schedule(node.id, activity.id, node.timer.timeDuration);
  },
};

export function fireCatchTimer(execution: Execution, timer: Timer): void {
  execution.complete(execution.activity(timer.activityInstanceId));
}
