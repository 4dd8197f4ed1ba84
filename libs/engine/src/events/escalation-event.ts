import type { Execution } from '../execution.js';
import type { ActivityInstance } from '../model/state.js';
import { findCatch } from './catch-search.js';
import { startEventSubProcess } from './event-sub-process.js';
import { handToParent } from './thrown-to-parent.js';
import { triggerBoundaryEvent } from './trigger.js';

/**
 * Throws an escalation: the innermost matching catch (same code, else a catch-all) reacts, and
 * interrupts only when it is interrupting. Uncaught, nothing happens to the instance (BPMN): a
 * called instance hands it up to its call activity, any other reports it (`escalationUncaught`).
 * True when an interrupting catch took over the thrower's scope (a boundary event on it or around
 * it, an event sub-process in it or around it): the thrower's token goes no further.
 */
export function throwEscalation(
  execution: Execution,
  thrower: { elementId: string; activity?: ActivityInstance; scopeId: string | undefined },
  escalationCode: string | undefined,
): boolean {
  const caught = findCatch(execution, thrower, { type: 'escalation', code: escalationCode });
  if (!caught) {
    const code = escalationCode !== undefined ? { code: escalationCode } : {};
    if (!handToParent(execution, { eventType: 'escalation', ...code, elementId: thrower.elementId })) {
      execution.effect({ kind: 'escalationUncaught', ...(escalationCode !== undefined && { escalationCode }), elementId: thrower.elementId, at: execution.at });
    }
    return false;
  }
  if (caught.kind === 'boundaryEvent') {
    triggerBoundaryEvent(execution, caught.boundary, caught.host.id);
    return caught.boundary.cancelActivity;
  }
  startEventSubProcess(execution, caught.start, caught.scopeId);
  return caught.start.interrupting;
}
