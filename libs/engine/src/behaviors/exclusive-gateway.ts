import type { ExclusiveGatewayNode } from '#bpmn';
import { DomainError } from '#core';
import type { Execution } from '../execution.js';
import { evaluateFeel } from '../feel/feel.js';
import { ENGINE_ERRORS } from '../model.js';
import type { FlowNodeBehavior } from './behavior.js';

/** Takes the first flow whose condition is true (document order), else the default flow. */
export const exclusiveGateway: FlowNodeBehavior<ExclusiveGatewayNode> = {
  enter(node, token, execution) {
    execution.pass(node, token, [chooseFlow(node, execution)]);
  },
};

function chooseFlow(gateway: ExclusiveGatewayNode, execution: Execution): string {
  const chosen = gateway.outgoing.find((flowId) => {
    if (flowId === gateway.defaultFlowId) return false;
    const { condition } = execution.graph.flows[flowId];
    // No condition (a single way on, i.e. a merge) always holds; otherwise only boolean true
    // takes a flow, and null (e.g. from a missing variable) does not.
    return condition === undefined || evaluateFeel(condition, execution.state.variables, flowId) === true;
  });
  const flowId = chosen ?? gateway.defaultFlowId;
  if (flowId === undefined) {
    throw new DomainError(
      ENGINE_ERRORS.gatewayNoMatch,
      `No condition leaving exclusive gateway '${gateway.id}' is true and it has no default flow.`,
      { elementId: gateway.id },
    );
  }
  return flowId;
}
