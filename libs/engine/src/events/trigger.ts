import type { BoundaryEventNode, FlowNode } from '#bpmn';
import type { Execution } from '../execution.js';
import type { ActivityInstance, Variables } from '../model/state.js';
import { handBack } from '../scope/io-mapping.js';
import { cancel, close, complete, pass } from '../scope/lifecycle.js';
import { startEventSubProcess } from './event-sub-process.js';

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

/**
 * The boundary event fires on its activity instance: interrupting cancels the activity (a scope with
 * everything inside it), non-interrupting leaves it waiting. Either way a token leaves here, in the
 * activity's scope, carrying the trigger's variables there (through its output mappings, if any).
 */
export function triggerBoundaryEvent(execution: Execution, node: BoundaryEventNode, hostId: string, variables?: Variables): void {
  const host = execution.activity(hostId);
  if (node.cancelActivity) cancel(execution, host);
  handBack(execution, node, host.scopeId, {}, variables);
  execution.spawn({ elementId: node.id, previousActivityInstanceId: host.id, ...(host.scopeId !== undefined && { scopeId: host.scopeId }) });
}

/** The event that fired first: the gateway completes (closing the other events' waits) and the token passes through that event. */
export function chooseEvent(execution: Execution, gateway: ActivityInstance, event: FlowNode, variables?: Variables): void {
  close(execution, gateway, execution.node(gateway.elementId), 'completed');
  handBack(execution, event, gateway.scopeId, {}, variables);
  pass(execution, event, { elementId: event.id, previousActivityInstanceId: gateway.id, ...(gateway.scopeId !== undefined && { scopeId: gateway.scopeId }) });
}
