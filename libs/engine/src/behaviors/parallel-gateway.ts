import type { ParallelGatewayNode } from '#bpmn';
import { pass } from '../scope/lifecycle.js';
import type { FlowNodeBehavior } from './behavior.js';

/**
 * A fork sends a token down every outgoing flow. A join (several incoming flows) records each
 * arrival in its scope and fires once a token has arrived on every incoming flow, consuming one per flow.
 */
export const parallelGateway: FlowNodeBehavior<ParallelGatewayNode> = {
  enter(node, token, execution) {
    if (node.incoming.length < 2 || token.flowId === undefined) {
      pass(execution, node, token);
      return;
    }
    const joins = execution.joinsOf(token.scopeId);
    const arrived = [...(joins[node.id] ?? []), token.flowId];
    if (!node.incoming.every((flowId) => arrived.includes(flowId))) {
      joins[node.id] = arrived;
      return;
    }
    const remaining = consumeOnePerFlow(arrived, node.incoming);
    if (remaining.length > 0) joins[node.id] = remaining;
    else delete joins[node.id];
    pass(execution, node, token);
  },
};

export function consumeOnePerFlow(arrived: readonly string[], flowIds: readonly string[]): string[] {
  const remaining = [...arrived];
  for (const flowId of flowIds) remaining.splice(remaining.indexOf(flowId), 1);
  return remaining;
}
