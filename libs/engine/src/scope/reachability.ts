import type { FlowNode } from '#bpmn';
import type { Execution } from '../execution.js';

/** Where a token can go next from a node: its outgoing flows, its boundary events' flows, a link's catch event. */
function successors(execution: Execution, node: FlowNode): string[] {
  const { graph } = execution;
  const next = node.outgoing.map((flowId) => graph.flows[flowId].targetId);
  next.push(...node.boundaryEventIds);
  if (node.type === 'intermediateThrowEvent' && node.eventDefinition?.type === 'link') {
    const { linkName } = node.eventDefinition;
    const target = Object.values(graph.nodes).find(
      (candidate) =>
        candidate.type === 'intermediateCatchEvent' &&
        candidate.eventDefinition.type === 'link' &&
        candidate.eventDefinition.linkName === linkName &&
        candidate.parentId === node.parentId,
    );
    if (target) next.push(target.id);
  }
  return next;
}

/** Where tokens of a scope are now: its activity instances, tokens on their way, arrivals waiting at joins. */
function positions(execution: Execution, scopeId: string | undefined): string[] {
  const joins = scopeId === undefined ? execution.state.joins : (execution.findActivity(scopeId)?.joins ?? {});
  return [
    ...execution.childrenOf(scopeId).map(({ elementId }) => elementId),
    ...execution.tokensIn(scopeId).map(({ elementId }) => elementId),
    ...Object.entries(joins)
      .filter(([, arrived]) => arrived.length > 0)
      .map(([gatewayId]) => gatewayId),
  ];
}

/**
 * Whether a token of the scope could still arrive at the join on one of the given flows: some token
 * is on its way to the join itself, or can reach the source of such a flow without passing the join.
 */
export function canStillArrive(execution: Execution, scopeId: string | undefined, joinId: string, flowIds: readonly string[]): boolean {
  const sources = new Set(flowIds.map((flowId) => execution.graph.flows[flowId].sourceId));
  if (execution.tokensIn(scopeId).some(({ elementId }) => elementId === joinId)) return true;
  const seen = new Set<string>();
  const pending = positions(execution, scopeId).filter((elementId) => elementId !== joinId);
  for (let elementId = pending.pop(); elementId !== undefined; elementId = pending.pop()) {
    if (sources.has(elementId)) return true;
    if (seen.has(elementId)) continue;
    seen.add(elementId);
    pending.push(...successors(execution, execution.node(elementId)).filter((next) => next !== joinId));
  }
  return false;
}
