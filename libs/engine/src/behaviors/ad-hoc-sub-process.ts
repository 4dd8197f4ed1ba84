import type { AdHocSubProcessNode } from '#bpmn';
import { DomainError } from '#core';
import type { Execution } from '../execution.js';
import { jsonValue } from '../feel/feel.js';
import { ENGINE_ERRORS } from '../model/errors.js';
import type { ActivityInstance } from '../model/state.js';
import { activate, cancelContent, complete } from '../scope/lifecycle.js';
import { isEmptyScope } from '../scope/scope-end.js';
import { evaluateAt } from '../scope/variables.js';
import type { FlowNodeBehavior } from './behavior.js';

/**
 * An ad-hoc sub-process (Camunda 8's BPMN implementation) is a scope without a start event: on
 * entry, after its input mappings, it activates the inner elements its `activeElementsCollection`
 * names (each entry once, in list order; an empty list activates nothing and it waits). Each time a
 * path inside ends (an element without outgoing flow completes) it checks whether it is done: with
 * a completion condition when that holds (canceling what is still active inside, unless
 * `cancelRemainingInstances` is false: then once nothing is left), without one once nothing is left.
 */
export const adHocSubProcess: FlowNodeBehavior<AdHocSubProcessNode> = {
  enter(node, token, execution) {
    const scope = activate(execution, node, token, { started: true });
    for (const elementId of elementsToActivate(execution, node, scope.id)) {
      execution.spawn({ elementId, scopeId: scope.id, previousActivityInstanceId: scope.id });
    }
  },
};

/** After tokens settle: completes the ad-hoc sub-processes where a path ended and that are done; true when one completed. */
export function completeAdHocSubProcesses(execution: Execution): boolean {
  let completed = false;
  for (const scopeId of execution.takeEndedPaths()) {
    const scope = execution.findActivity(scopeId);
    const node = scope && execution.node(scope.elementId);
    if (scope?.elementType !== 'adHocSubProcess' || node?.type !== 'adHocSubProcess' || !isDone(execution, node, scope)) continue;
    complete(execution, scope);
    completed = true;
  }
  return completed;
}

function isDone(execution: Execution, node: AdHocSubProcessNode, scope: ActivityInstance): boolean {
  const { completionCondition, cancelRemainingInstances } = node;
  if (completionCondition === undefined) return isEmptyScope(execution, scope);
  if (evaluateAt(execution, completionCondition, scope.id, node.id) !== true) return false;
  if (!cancelRemainingInstances) return isEmptyScope(execution, scope);
  cancelContent(execution, scope.id);
  return true;
}

function elementsToActivate(execution: Execution, node: AdHocSubProcessNode, scopeId: string): string[] {
  const expression = node.activeElementsCollection;
  if (expression === undefined) return [];
  const value = jsonValue(evaluateAt(execution, expression, scopeId, node.id));
  const refuse = (reason: string) =>
    new DomainError(ENGINE_ERRORS.expressionFailed, `The active elements collection "${expression}" of '${node.id}' ${reason}.`, { elementId: node.id, expression });
  if (!Array.isArray(value) || value.some((id) => typeof id !== 'string')) throw refuse(`yields ${JSON.stringify(value)}, not a list of element ids`);
  const unknown = (value as string[]).filter((id) => !node.activatableElementIds.includes(id));
  if (unknown.length > 0) {
    throw refuse(`names ${unknown.map((id) => `'${id}'`).join(', ')}, not among the elements it can activate (${node.activatableElementIds.join(', ')})`);
  }
  return value as string[];
}
