import type { BoundaryEventNode, FlowNode, StartEventNode } from '#bpmn';
import type { Execution } from '../execution.js';
import type { ActivityInstance } from '../model/state.js';
import { isInnerInstance } from '../scope/lifecycle.js';

/** Where a thrown error or escalation is caught. */
export type Catch =
  { kind: 'eventSubProcess'; start: StartEventNode; scopeId: string | undefined } | { kind: 'boundaryEvent'; boundary: BoundaryEventNode; host: ActivityInstance };

type Thrown = { type: 'error' | 'escalation'; code: string | undefined };

const codeOf = (node: StartEventNode | BoundaryEventNode): string | undefined => {
  const definition = node.eventDefinition;
  if (definition?.type === 'error') return definition.errorCode;
  if (definition?.type === 'escalation') return definition.escalationCode;
  return undefined;
};

/** Among candidate catch events: the one with the thrown code, else a catch-all (no code). */
function choose<N extends StartEventNode | BoundaryEventNode>(candidates: N[], thrown: Thrown): N | undefined {
  const ofType = candidates.filter((node) => node.eventDefinition?.type === thrown.type);
  return ofType.find((node) => codeOf(node) !== undefined && codeOf(node) === thrown.code) ?? ofType.find((node) => codeOf(node) === undefined);
}

const boundaryCatch = (execution: Execution, host: ActivityInstance, thrown: Thrown): Catch | undefined => {
  const boundaries = execution.node(host.elementId).boundaryEventIds.map((id) => execution.node(id) as BoundaryEventNode);
  const boundary = choose(boundaries, thrown);
  return boundary && { kind: 'boundaryEvent', boundary, host };
};

/**
 * The innermost catch of a thrown error or escalation, looking outwards from the thrower: the
 * throwing activity's own boundary events, then scope by scope an event sub-process of the scope,
 * then a boundary event of the scope's activity. Undefined when nothing up to the process catches it.
 */
export function findCatch(execution: Execution, thrower: { activity?: ActivityInstance; scopeId: string | undefined }, thrown: Thrown): Catch | undefined {
  if (thrower.activity && !isInnerInstance(execution, thrower.activity)) {
    const found = boundaryCatch(execution, thrower.activity, thrown);
    if (found) return found;
  }
  for (let scopeId = thrower.scopeId; ;) {
    const scope = scopeId === undefined ? undefined : execution.activity(scopeId);
    const starts = eventSubProcessesOf(execution, scope).map((id) => startOf(execution, id));
    const start = choose(starts, thrown);
    if (start) return { kind: 'eventSubProcess', start, scopeId };
    if (!scope) return undefined;
    if (!isInnerInstance(execution, scope)) {
      const found = boundaryCatch(execution, scope, thrown);
      if (found) return found;
    }
    scopeId = scope.scopeId;
  }
}

function eventSubProcessesOf(execution: Execution, scope: ActivityInstance | undefined): readonly string[] {
  if (!scope) return execution.graph.eventSubProcessIds;
  const node: FlowNode = execution.node(scope.elementId);
  return scope.elementType === 'subProcess' && node.type === 'subProcess' ? node.eventSubProcessIds : [];
}

const startOf = (execution: Execution, eventSubProcessId: string): StartEventNode => {
  const node = execution.node(eventSubProcessId);
  return execution.node(node.type === 'subProcess' ? node.startEventId : eventSubProcessId) as StartEventNode;
};
