import type { CompensateEventDefinition, EndEventNode, IntermediateThrowEventNode } from '#bpmn';
import type { Execution, Token } from '../execution.js';
import { compensationBoundaryOf, takeCompensable } from '../scope/compensable.js';
import { mapPassing } from '../scope/io-mapping.js';
import { enter, leave, pass } from '../scope/lifecycle.js';

/**
 * A compensation throw or end event (Camunda 8 semantics). It compensates the activities completed
 * in its scope (for one inside an event sub-process: the scope that runs it), or only the instances
 * of `activityRef`: for each completed instance its compensation boundary event fires and its
 * handler starts, completed sub-processes are compensated inside too, canceled or active ones are
 * not. The handlers run at once, the latest completed started first, inside the event's activity
 * instance: the event waits for them, then completes (a throw event's token moves on). With nothing
 * to compensate the token passes at once. Each completed instance is compensated once.
 */
export function throwCompensation(execution: Execution, node: IntermediateThrowEventNode | EndEventNode, definition: CompensateEventDefinition, token: Token): void {
  const triggered = takeCompensable(execution, compensatedScope(execution, token.scopeId), definition.activityRef).filter(({ handlerId }) => handlerId !== undefined);
  if (triggered.length === 0) {
    const id = pass(execution, node, token, []);
    mapPassing(execution, node, token.scopeId);
    leave(execution, node, id, token.scopeId);
    return;
  }
  const thrower = enter(execution, node, token, { started: true });
  for (const { id, elementId, handlerId } of triggered) {
    const boundary = compensationBoundaryOf(execution, execution.node(elementId));
    if (!boundary || handlerId === undefined) throw new Error(`'${elementId}' has no compensation boundary event.`);
    const boundaryInstanceId = execution.newId();
    execution.step('ready', boundaryInstanceId, boundary, { previousActivityInstanceId: id });
    execution.step('completed', boundaryInstanceId, boundary);
    execution.spawn({ elementId: handlerId, scopeId: thrower.id, previousActivityInstanceId: boundaryInstanceId });
  }
}

/** The scope a compensation event compensates: its own, or the one an event sub-process it sits in runs in. */
function compensatedScope(execution: Execution, scopeId: string | undefined): string | undefined {
  if (scopeId === undefined) return undefined;
  const scope = execution.activity(scopeId);
  const node = execution.node(scope.elementId);
  return node.type === 'subProcess' && node.triggeredByEvent ? scope.scopeId : scopeId;
}
