import type { ParallelGatewayNode } from '#bpmn';
import type { FlowNodeBehavior } from './behavior.js';

/**
 * A fork sends a token down every outgoing flow. A join (several incoming flows) records each
 * arrival and fires once a token has arrived on every incoming flow, consuming one per flow.
 */
export const parallelGateway: FlowNodeBehavior<ParallelGatewayNode> = {
  enter(node, token, execution) {
    if (node.incoming.length < 2 || token.flowId === undefined) {
      execution.pass(node, token);
      return;
    }
    const arrived = [...(execution.state.joins[node.id] ?? []), token.flowId];
    if (!node.incoming.every((flowId) => arrived.includes(flowId))) {
      execution.state.joins[node.id] = arrived;
      return;
    }
    const remaining = consumeOnePerFlow(arrived, node.incoming);
    if (remaining.length > 0) execution.state.joins[node.id] = remaining;
    else delete execution.state.joins[node.id];
    execution.pass(node, token);
  },
};

function consumeOnePerFlow(arrived: string[], incoming: readonly string[]): string[] {
  const remaining = [...arrived];
  for (const flowId of incoming) remaining.splice(remaining.indexOf(flowId), 1);
  return remaining;
}
