import type { EventBasedGatewayNode } from '#bpmn';
import type { Execution } from '../execution.js';
import { activate } from '../scope/lifecycle.js';
import { arm } from '../scope/waits.js';
import type { FlowNodeBehavior } from './behavior.js';

/**
 * An event-based gateway waits for the first of the catch events its flows lead to: it holds their
 * timers and subscriptions itself, and the first one to fire wins (see `chooseEvent` in events/trigger.ts).
 */
export const eventBasedGateway: FlowNodeBehavior<EventBasedGatewayNode> = {
  enter(node, token, execution) {
    const gateway = activate(execution, node, token);
    armEventGatewayBranches(execution, node, gateway.id);
  },
};

/** Opens the waits of the catch events the gateway's flows lead to (those `which` accepts), held by the gateway instance. */
export function armEventGatewayBranches(execution: Execution, node: EventBasedGatewayNode, gatewayId: string, which: (elementId: string) => boolean = () => true): void {
  for (const flowId of node.outgoing) {
    const event = execution.node(execution.graph.flows[flowId].targetId);
    if (event.type !== 'intermediateCatchEvent' || event.eventDefinition.type === 'link' || !which(event.id)) continue;
    arm(execution, event.eventDefinition, { elementId: event.id, holderId: gatewayId, evaluateIn: gatewayId });
  }
}
