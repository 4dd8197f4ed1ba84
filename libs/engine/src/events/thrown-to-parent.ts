import type { Execution } from '../execution.js';
import type { ThrownEvent } from '../model/state.js';
import { cancelContent } from '../scope/lifecycle.js';
import { endInstance } from '../scope/scope-end.js';

/**
 * A called instance hands an error or escalation it did not catch up to the call activity that
 * started it, as Camunda 8 propagates them to the parent. It is recorded in the instance's state,
 * committed with it, so the app delivers each one to the parent exactly once (its position in the
 * list is the command's `sequence`). An error ends the called instance: everything in it is
 * canceled; an escalation lets it go on. False for an instance nobody called: nothing is handed up.
 */
export function handToParent(execution: Execution, thrown: Omit<ThrownEvent, 'at'>): boolean {
  const { state } = execution;
  if (!state.parent) return false;
  const event: ThrownEvent = { ...thrown, at: execution.at };
  state.thrownToParent = [...(state.thrownToParent ?? []), event];
  execution.effect({ kind: 'thrownToCallActivity', ...event });
  if (thrown.eventType === 'error') {
    cancelContent(execution, undefined);
    const code = thrown.code === undefined ? 'An error' : `The error '${thrown.code}'`;
    endInstance(execution, 'canceled', { byError: true, reason: `${code} thrown at '${thrown.elementId}' went up to the calling instance.` });
  }
  return true;
}
