import type { ExclusiveGatewayNode } from '#bpmn';
import { DomainError } from '#core';
import type { Execution, Token } from '../execution.js';
import { ENGINE_ERRORS } from '../model/errors.js';
import { pass } from '../scope/lifecycle.js';
import { evaluateAt } from '../scope/variables.js';
import type { FlowNodeBehavior } from './behavior.js';

/** Takes the first flow whose condition is true (document order), else the default flow. */
export const exclusiveGateway: FlowNodeBehavior<ExclusiveGatewayNode> = {
  enter(node, token, execution) {
    const chosen = node.outgoing.find((flowId) => flowId !== node.defaultFlowId && conditionHolds(execution, flowId, token));
    pass(execution, node, token, [chosen ?? defaultFlow(node)]);
  },
};

/**
 * No condition (a single way on, i.e. a merge) always holds; otherwise only boolean true takes a
 * flow, and null (e.g. from a missing variable) does not. Evaluated in the token's scope.
 */
export function conditionHolds(execution: Execution, flowId: string, token: Token): boolean {
  const { condition } = execution.graph.flows[flowId];
  return condition === undefined || evaluateAt(execution, condition, token.scopeId, flowId) === true;
}

/** The default flow of a gateway where no condition holds, else GATEWAY_NO_MATCH. */
export function defaultFlow(gateway: { id: string; type: string; defaultFlowId?: string }): string {
  if (gateway.defaultFlowId !== undefined) return gateway.defaultFlowId;
  const kind = gateway.type.replace('Gateway', '');
  throw new DomainError(ENGINE_ERRORS.gatewayNoMatch, `No condition leaving ${kind} gateway '${gateway.id}' is true and it has no default flow.`, { elementId: gateway.id });
}
