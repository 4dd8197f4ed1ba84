import type { FlowNode } from '#bpmn';
import { triggerBoundaryEvent } from '../behaviors/boundary-event.js';
import { chooseEvent } from '../behaviors/event-based-gateway.js';
import { startEventSubProcess } from '../behaviors/event-sub-process.js';
import type { Execution } from '../execution.js';
import type { Variables } from '../model/state.js';
import { complete } from '../scope/lifecycle.js';

/** What a fired timer or a correlated message or signal names: the catching element and the instance holding the wait. */
export interface Wait {
  elementId: string;
  activityInstanceId: string;
}

/**
 * A wait's timer fired or its message or signal arrived: the catching element reacts. A boundary
 * event fires on its activity, an event sub-process starts in its scope, an event-based gateway
 * takes that event's path; a catch event or receive task completes with the variables.
 */
export function trigger(execution: Execution, wait: Wait, variables?: Variables): void {
  const node = execution.node(wait.elementId);
  if (node.type === 'boundaryEvent') {
    triggerBoundaryEvent(execution, node, wait.activityInstanceId, variables);
    return;
  }
  if (node.type === 'startEvent') {
    startEventSubProcess(execution, node, wait.activityInstanceId === execution.state.id ? undefined : wait.activityInstanceId, variables);
    return;
  }
  const holder = execution.activity(wait.activityInstanceId);
  if (holder.elementType === 'eventBasedGateway') chooseEvent(execution, holder, node, variables);
  else complete(execution, holder, variables);
}

/** A non-interrupting boundary event or event sub-process start keeps waiting after it fired, and can fire again. */
export const staysOpen = (node: FlowNode): boolean => (node.type === 'boundaryEvent' && !node.cancelActivity) || (node.type === 'startEvent' && !node.interrupting);
