import { startEventSubProcess } from '../behaviors/event-sub-process.js';
import { triggerBoundaryEvent } from '../behaviors/boundary-event.js';
import type { Execution } from '../execution.js';
import { findCatch } from './catch-search.js';

/**
 * Throws an escalation: the innermost matching catch (same code, else a catch-all) reacts, and
 * interrupts only when it is interrupting. Uncaught, nothing happens to the instance (BPMN); an
 * `escalationUncaught` effect reports it.
 */
export function throwEscalation(execution: Execution, thrower: { elementId: string; scopeId: string | undefined }, escalationCode: string | undefined): void {
  const caught = findCatch(execution, thrower, { type: 'escalation', code: escalationCode });
  if (!caught) {
    execution.effect({ kind: 'escalationUncaught', ...(escalationCode !== undefined && { escalationCode }), elementId: thrower.elementId, at: execution.at });
    return;
  }
  if (caught.kind === 'boundaryEvent') triggerBoundaryEvent(execution, caught.boundary, caught.host.id);
  else startEventSubProcess(execution, caught.start, caught.scopeId);
}

/** Whether a token's scope still runs after a throw (an interrupting catch may have ended it). */
export const scopeAlive = (execution: Execution, scopeId: string | undefined): boolean =>
  execution.state.status === 'active' && (scopeId === undefined || execution.findActivity(scopeId) !== undefined);
