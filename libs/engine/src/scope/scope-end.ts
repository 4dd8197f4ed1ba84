import type { Execution } from '../execution.js';
import type { InstanceEnded } from '../model.js';
import { cancelContent, complete } from './lifecycle.js';
import { closeWaits } from './waits.js';

const hasPendingJoins = (joins: Record<string, string[]> | undefined) => Object.values(joins ?? {}).some((arrived) => arrived.length > 0);

/**
 * A sub-process completes once nothing is left inside it: no activity instance, no token on its
 * way, no arrival waiting at a join. Completes the first such scope found; false when there is none.
 */
export function completeEmptyScope(execution: Execution): boolean {
  const scope = execution.state.activities.find(
    (activity) =>
      activity.elementType === 'subProcess' &&
      execution.childrenOf(activity.id).length === 0 &&
      execution.tokensIn(activity.id).length === 0 &&
      !hasPendingJoins(activity.joins),
  );
  if (scope) complete(execution, scope);
  return scope !== undefined;
}

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

/** The instance ends: any wait still open at the process level (an event sub-process's start) closes. */
export function endInstance(execution: Execution, status: 'completed' | 'canceled', by: Pick<InstanceEnded, 'actor' | 'reason'> = {}): void {
  closeWaits(execution, execution.state.id);
  const { state } = execution;
  state.status = status;
  state.endedAt = execution.at;
  execution.effect({ kind: 'instanceEnded', status, at: execution.at, ...by });
}
