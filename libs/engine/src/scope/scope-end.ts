import type { Execution } from '../execution.js';
import type { InstanceEnded } from '../model/effects.js';
import type { ActivityInstance } from '../model/state.js';
import { cancelContent, complete } from './lifecycle.js';
import { closeWaits } from './waits.js';

const hasPendingJoins = (joins: Record<string, string[]> | undefined) => Object.values(joins ?? {}).some((arrived) => arrived.length > 0);

/** Scopes that complete once empty: a sub-process, and a compensation throw or end event waiting for the handlers it started. */
const completesWhenEmpty = (execution: Execution, activity: ActivityInstance): boolean => {
  if (activity.elementType === 'subProcess') return true;
  const node = execution.node(activity.elementId);
  return (node.type === 'intermediateThrowEvent' || node.type === 'endEvent') && node.eventDefinition?.type === 'compensate';
};

/**
 * A sub-process (or a compensation event, for its handlers) completes once nothing is left inside
 * it. Completes the first such scope found; false when there is none.
 */
export function completeEmptyScope(execution: Execution): boolean {
  const scope = execution.state.activities.find((activity) => completesWhenEmpty(execution, activity) && isEmptyScope(execution, activity));
  if (scope) complete(execution, scope);
  return scope !== undefined;
}

/** Nothing is left inside the scope: no activity instance, no token on its way, no arrival waiting at a join. */
export const isEmptyScope = (execution: Execution, scope: ActivityInstance): boolean =>
  execution.childrenOf(scope.id).length === 0 && execution.tokensIn(scope.id).length === 0 && !hasPendingJoins(scope.joins);

/** The instance completes once no token waits anywhere, neither in an activity nor at a join. */
export function completeInstanceIfDone(execution: Execution): void {
  if (execution.state.status === 'active' && execution.state.activities.length === 0 && !hasPendingJoins(execution.state.joins)) {
    endInstance(execution, 'completed');
  }
}

/**
 * Ends a scope at once (terminate end event, interrupting event sub-process aside): everything
 * inside it is canceled. At the process level the instance ends too, as completed: reaching a
 * terminate end event is the process's own normal end (as in Camunda 8), not a cancellation.
 */
export function terminateScope(execution: Execution, scopeId: string | undefined): void {
  cancelContent(execution, scopeId);
  if (scopeId === undefined) endInstance(execution, 'completed');
}

/** The instance ends: any wait still open at the process level (an event sub-process's start) closes, nothing is compensable any more. */
export function endInstance(execution: Execution, status: 'completed' | 'canceled', by: Pick<InstanceEnded, 'actor' | 'reason' | 'byError'> = {}): void {
  closeWaits(execution, execution.state.id);
  const { state } = execution;
  state.status = status;
  state.endedAt = execution.at;
  delete state.compensable;
  execution.effect({ kind: 'instanceEnded', status, at: execution.at, ...by });
}
