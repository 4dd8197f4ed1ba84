import type { ProcessGraph } from '#bpmn';
import type { Random } from '#experiments';
import { choose } from './distributions.js';

/**
 * Gateway branch probabilities, realized through the engine's own exclusive gateway: each flow
 * leaving a gateway with probabilities gets the condition "the decision drawn for this gateway is
 * this flow", and before every command that can move a token the simulator sets the variable
 * holding fresh draws. The gateway still picks the flow (and its default flow) as it always does.
 */
export const BRANCH_VARIABLE = 'simulationBranch';

export interface BranchPlan {
  /** The graph the engine runs: the given one, with the conditions of the planned gateways replaced. */
  graph: ProcessGraph;
  /** Key in the branch variable -> weights by flow index, one per planned gateway. */
  draws: { key: string; weights: Record<string, number> }[];
}

export function branchPlan(graph: ProcessGraph, branches: Record<string, Record<string, number>> = {}): BranchPlan {
  const flows = { ...graph.flows };
  const draws: BranchPlan['draws'] = [];
  Object.entries(branches).forEach(([gatewayId, probabilities], index) => {
    // Index-based keys keep the FEEL conditions valid whatever characters the element ids hold.
    const key = `g${index}`;
    const weights: Record<string, number> = {};
    graph.nodes[gatewayId].outgoing.forEach((flowId, flowIndex) => {
      weights[String(flowIndex)] = probabilities[flowId] ?? 0;
      flows[flowId] = { ...flows[flowId], condition: `${BRANCH_VARIABLE}.${key} = ${flowIndex}` };
    });
    draws.push({ key, weights });
  });
  return { graph: draws.length === 0 ? graph : { ...graph, flows }, draws };
}

/** Fresh decisions for every planned gateway (undefined when none is planned). */
export function drawBranches(plan: BranchPlan, random: Random): Record<string, number> | undefined {
  if (plan.draws.length === 0) return undefined;
  return Object.fromEntries(plan.draws.map(({ key, weights }) => [key, Number(choose(weights, random))]));
}
