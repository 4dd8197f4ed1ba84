import type { FlowNode, ProcessGraph, Problem } from '#bpmn';

/**
 * The engine core executes more than this service can drive yet: nothing delivers messages or
 * signals, starts process-level timer start events or runs called processes. Such elements are
 * refused at deploy, naming them, rather than accepted and left waiting forever.
 */
export function hostProblems(graph: ProcessGraph): Problem[] {
  const problems: Problem[] = [];
  for (const node of Object.values(graph.nodes)) {
    const reason = missingSupport(node, graph);
    if (reason) problems.push({ elementId: node.id, rule: 'host-support', severity: 'error', message: `${node.id}: ${reason}` });
  }
  return problems;
}

function missingSupport(node: FlowNode, graph: ProcessGraph): string | undefined {
  if (node.type === 'receiveTask') return 'receive tasks need message correlation, which the API does not offer yet';
  if (node.type === 'callActivity') return 'call activities are not executable by the service yet';
  if (!('eventDefinition' in node) || node.eventDefinition === undefined) return undefined;
  const { type } = node.eventDefinition;
  if (type === 'message' && node.type !== 'endEvent' && node.type !== 'intermediateThrowEvent') {
    return 'message events need message correlation, which the API does not offer yet';
  }
  if (type === 'signal') return 'signal events need signal broadcasting, which the API does not offer yet';
  if (type === 'timer' && node.type === 'startEvent' && graph.startEventIds.includes(node.id)) {
    return 'timer start events at the process level are not scheduled by the service yet';
  }
  return undefined;
}
