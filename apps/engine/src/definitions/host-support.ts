import { isFeel, type FlowNode, type ProcessGraph, type Problem } from '#bpmn';

/**
 * The engine core executes more than this service can drive yet: timer start events are
 * scheduled at deploy, so they cannot depend on variables. Such elements are
 * refused at deploy, naming them, rather than accepted and left waiting forever.
 */
export function hostProblems(graph: ProcessGraph): Problem[] {
  const problems: Problem[] = [];
  // A documentation-only version never runs, so nothing here stops it.
  if (graph.executable === false) return problems;
  for (const node of Object.values(graph.nodes)) {
    const reason = missingSupport(node, graph);
    if (reason) problems.push({ elementId: node.id, rule: 'host-support', severity: 'error', message: `${node.id}: ${reason}` });
  }
  return problems;
}

function missingSupport(node: FlowNode, graph: ProcessGraph): string | undefined {
  if (!('eventDefinition' in node) || node.eventDefinition === undefined) return undefined;
  const { type } = node.eventDefinition;
  if (type === 'timer' && node.type === 'startEvent' && graph.startEventIds.includes(node.id)) {
    const { timeDate, timeDuration, timeCycle } = node.eventDefinition;
    if ([timeDate, timeDuration, timeCycle].some((setting) => setting !== undefined && isFeel(setting))) {
      return 'a timer start event at the process level is scheduled at deploy, before any variable exists: write its date, duration or cycle literally, not as FEEL';
    }
  }
  return undefined;
}
