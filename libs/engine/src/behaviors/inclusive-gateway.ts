import type { InclusiveGatewayNode } from '#bpmn';
import type { Execution, Token } from '../execution.js';
import { pass } from '../scope/lifecycle.js';
import { canStillArrive } from '../scope/reachability.js';
import type { FlowNodeBehavior } from './behavior.js';
import { conditionHolds, defaultFlow } from './exclusive-gateway.js';
import { consumeOnePerFlow } from './parallel-gateway.js';

/**
 * A fork takes every flow whose condition holds (a flow without one always), else the default
 * flow. A join waits only for the branches that can still arrive: it fires once no token of its
 * scope can reach an incoming flow that has not arrived yet, consuming one arrival per flow.
 */
export const inclusiveGateway: FlowNodeBehavior<InclusiveGatewayNode> = {
  enter(node, token, execution) {
    if (node.incoming.length < 2 || token.flowId === undefined) {
      fork(execution, node, token);
      return;
    }
    const joins = execution.joinsOf(token.scopeId);
    joins[node.id] = [...(joins[node.id] ?? []), token.flowId];
    fireIfReady(execution, node, token.scopeId, token);
  },
};

function fork(execution: Execution, node: InclusiveGatewayNode, token: Token): void {
  const taken = node.outgoing.filter((flowId) => flowId !== node.defaultFlowId && conditionHolds(execution, flowId, token));
  pass(execution, node, token, taken.length > 0 ? taken : [defaultFlow(node)]);
}

/** Fires the join when no missing branch can still arrive; true when it fired. */
function fireIfReady(execution: Execution, node: InclusiveGatewayNode, scopeId: string | undefined, token?: Token): boolean {
  const joins = execution.joinsOf(scopeId);
  const arrived = joins[node.id] ?? [];
  const flows = node.incoming.filter((flowId) => arrived.includes(flowId));
  const missing = node.incoming.filter((flowId) => !arrived.includes(flowId));
  if (flows.length === 0 || canStillArrive(execution, scopeId, node.id, missing)) return false;
  const remaining = consumeOnePerFlow(arrived, flows);
  if (remaining.length > 0) joins[node.id] = remaining;
  else delete joins[node.id];
  fork(execution, node, { elementId: node.id, previousActivityInstanceId: token?.previousActivityInstanceId, ...(scopeId !== undefined && { scopeId }) });
  return true;
}

/**
 * After the tokens settled, a waiting inclusive join whose missing branches were consumed
 * elsewhere (ended, canceled) can fire now. Fires the first such join found; false when none.
 */
export function fireSettledInclusiveJoin(execution: Execution): boolean {
  const scopes = [undefined, ...execution.state.activities.filter(({ joins }) => joins !== undefined).map(({ id }) => id)];
  return scopes.some((scopeId) =>
    Object.keys(execution.joinsOf(scopeId)).some((gatewayId) => {
      const node = execution.node(gatewayId);
      return node.type === 'inclusiveGateway' && fireIfReady(execution, node, scopeId);
    }),
  );
}
