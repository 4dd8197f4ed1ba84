import { isActivity, type FlowNode } from '#bpmn';
import type { Execution, ExecutionHooks, Token } from '../execution.js';
import { completeInner, enterMultiInstance } from '../loops/multi-instance.js';
import { enterStandardLoop, loopAgain } from '../loops/standard-loop.js';
import type { ActivityInstance, Variables } from '../model/state.js';
import { leave } from '../scope/lifecycle.js';
import { adHocSubProcess } from './ad-hoc-sub-process.js';
import type { BehaviorRegistry, FlowNodeBehavior } from './behavior.js';
import { boundaryEvent } from './boundary-event.js';
import { businessRuleTask } from './business-rule-task.js';
import { callActivity } from './call-activity.js';
import { endEvent } from './end-event.js';
import { eventBasedGateway } from './event-based-gateway.js';
import { exclusiveGateway } from './exclusive-gateway.js';
import { inclusiveGateway } from './inclusive-gateway.js';
import { intermediateCatchEvent } from './intermediate-catch-event.js';
import { intermediateThrowEvent } from './intermediate-throw-event.js';
import { parallelGateway } from './parallel-gateway.js';
import { passThroughTask } from './pass-through-task.js';
import { receiveTask } from './receive-task.js';
import { scriptTask } from './script-task.js';
import { sendTask } from './send-task.js';
import { serviceTask } from './service-task.js';
import { startEvent } from './start-event.js';
import { subProcess } from './sub-process.js';
import { userTask } from './user-task.js';

const behaviors: BehaviorRegistry = {
  startEvent,
  endEvent,
  userTask,
  serviceTask,
  sendTask,
  receiveTask,
  scriptTask,
  businessRuleTask,
  task: passThroughTask,
  manualTask: passThroughTask,
  subProcess,
  adHocSubProcess,
  callActivity,
  exclusiveGateway,
  inclusiveGateway,
  parallelGateway,
  eventBasedGateway,
  intermediateCatchEvent,
  intermediateThrowEvent,
  boundaryEvent,
};

// The registry's mapped type pairs each node type with its behavior; indexing by a union loses that pairing.
const behaviorOf = (node: FlowNode): FlowNodeBehavior => behaviors[node.type] as FlowNodeBehavior;

/**
 * A token arrives at a node. An activity with a loop marker is entered through its loop first:
 * a multi-instance body, or a standard loop's first test; tokens of its iterations carry a
 * loopCounter and enter the activity itself.
 */
export function enterNode(node: FlowNode, token: Token, execution: Execution): void {
  if (isActivity(node) && node.loop && token.loopCounter === undefined) {
    const { loop } = node;
    if (loop.type === 'multiInstance') enterMultiInstance({ ...node, loop }, token, execution);
    else enterStandardLoop({ ...node, loop }, token, execution, (iteration) => behaviorOf(node).enter(node, iteration, execution));
    return;
  }
  behaviorOf(node).enter(node, token, execution);
}

/** After an activity instance completed: an inner instance reports to its multi-instance body, a loop may go again, else the token moves on. */
function continueAfter(execution: Execution, node: FlowNode, activity: ActivityInstance, result: Variables | undefined): void {
  if (activity.elementType !== 'multiInstanceBody' && isActivity(node) && node.loop) {
    const { loop } = node;
    const body = activity.scopeId === undefined ? undefined : execution.findActivity(activity.scopeId);
    if (loop.type === 'multiInstance' && body?.elementType === 'multiInstanceBody' && body.elementId === node.id) {
      completeInner(execution, { ...node, loop }, body, activity, result);
      return;
    }
    if (loop.type === 'standard' && loopAgain(execution, { ...node, loop }, activity)) return;
  }
  leave(execution, node, activity.id, activity.scopeId);
}

export const hooks: ExecutionHooks = {
  workItemOf: (node) => behaviorOf(node).workItem?.(node),
  continueAfter,
};
