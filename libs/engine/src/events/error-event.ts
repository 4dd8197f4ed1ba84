import { DomainError } from '#core';
import { startEventSubProcess } from '../behaviors/event-sub-process.js';
import { triggerBoundaryEvent } from '../behaviors/boundary-event.js';
import type { Execution } from '../execution.js';
import { ENGINE_ERRORS, type ActivityInstance } from '../model.js';
import { findCatch } from './catch-search.js';

/**
 * Throws a BPMN error: the innermost matching catch (same code, else a catch-all) interrupts, an
 * error boundary event cancelling its activity with everything inside, an error event sub-process
 * cancelling the rest of its scope. Uncaught at the process level, the command fails with
 * ERROR_NOT_CAUGHT and nothing changes: the app raises an incident at the throwing element.
 */
export function throwError(
  execution: Execution,
  thrower: { elementId: string; activity?: ActivityInstance; scopeId: string | undefined },
  errorCode: string | undefined,
): void {
  const caught = findCatch(execution, thrower, { type: 'error', code: errorCode });
  if (!caught) {
    throw new DomainError(
      ENGINE_ERRORS.errorNotCaught,
      `The error${errorCode === undefined ? '' : ` '${errorCode}'`} thrown at '${thrower.elementId}' is not caught by any error boundary event or event sub-process.`,
      { elementId: thrower.elementId, ...(errorCode !== undefined && { errorCode }) },
    );
  }
  if (caught.kind === 'boundaryEvent') triggerBoundaryEvent(execution, caught.boundary, caught.host.id);
  else startEventSubProcess(execution, caught.start, caught.scopeId);
}
