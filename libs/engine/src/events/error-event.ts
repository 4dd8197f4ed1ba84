import { DomainError } from '#core';
import type { Execution } from '../execution.js';
import { ENGINE_ERRORS } from '../model/errors.js';
import type { ActivityInstance, Variables } from '../model/state.js';
import { findCatch } from './catch-search.js';
import { startEventSubProcess } from './event-sub-process.js';
import { handToParent } from './thrown-to-parent.js';
import { triggerBoundaryEvent } from './trigger.js';

/**
 * Throws a BPMN error: the innermost matching catch (same code, else a catch-all) interrupts, an
 * error boundary event canceling its activity with everything inside, an error event sub-process
 * canceling the rest of its scope; `variables` travel to the catch. Uncaught at the process level
 * of a called instance, it goes up to the call activity (the instance ends); anywhere else the
 * command fails with ERROR_NOT_CAUGHT and nothing changes: the app raises an incident at the
 * throwing element.
 */
export function throwError(
  execution: Execution,
  thrower: { elementId: string; activity?: ActivityInstance; scopeId: string | undefined },
  errorCode: string | undefined,
  variables?: Variables,
): void {
  const caught = findCatch(execution, thrower, { type: 'error', code: errorCode });
  if (caught?.kind === 'boundaryEvent') triggerBoundaryEvent(execution, caught.boundary, caught.host.id, variables);
  else if (caught) startEventSubProcess(execution, caught.start, caught.scopeId, variables);
  else if (!handToParent(execution, { eventType: 'error', ...(errorCode !== undefined && { code: errorCode }), elementId: thrower.elementId })) {
    throw errorNotCaught(thrower.elementId, errorCode);
  }
}

export const errorNotCaught = (elementId: string, errorCode: string | undefined, where = 'by any error boundary event or event sub-process') =>
  new DomainError(ENGINE_ERRORS.errorNotCaught, `The error${errorCode === undefined ? '' : ` '${errorCode}'`} thrown at '${elementId}' is not caught ${where}.`, {
    elementId,
    ...(errorCode !== undefined && { errorCode }),
  });
