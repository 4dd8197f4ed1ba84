import { isWaitDefinition, type StartEventNode } from '#bpmn';
import type { Execution } from '../execution.js';
import type { Variables } from '../model/state.js';
import { handBack } from '../scope/io-mapping.js';
import { cancelContent, enter } from '../scope/lifecycle.js';
import { arm, closeWaits } from '../scope/waits.js';

/**
 * An event sub-process starts when its start event triggers in its enclosing scope (the process
 * level when `scopeId` is undefined). An interrupting one first cancels everything else in that
 * scope and closes the scope's other event sub-process starts; a non-interrupting one runs beside
 * the scope's content and can start again. The trigger's variables go to the scope (through the start
 * event's output mappings, if any). The scope completes once the event sub-process is done.
 */
export function startEventSubProcess(execution: Execution, start: StartEventNode, scopeId: string | undefined, variables?: Variables): void {
  const eventSubProcess = execution.node(start.parentId ?? '');
  if (eventSubProcess.type !== 'subProcess') throw new Error(`Start event '${start.id}' is not in an event sub-process.`);
  const holderId = scopeId ?? execution.state.id;
  if (start.interrupting) {
    cancelContent(execution, scopeId);
    closeWaits(execution, holderId, (elementId) => execution.node(elementId).type === 'startEvent');
  }
  handBack(execution, start, scopeId, {}, variables);
  const instance = enter(execution, eventSubProcess, { elementId: eventSubProcess.id, ...(scopeId !== undefined && { scopeId }) }, { started: true });
  armEventSubProcesses(execution, eventSubProcess.eventSubProcessIds, instance.id);
  execution.spawn({ elementId: start.id, scopeId: instance.id, previousActivityInstanceId: instance.id });
}

/**
 * Opens the timer, message, signal and conditional starts of the event sub-processes of a scope entered now
 * (the instance id for the process level), those whose start event `which` accepts; error and
 * escalation starts wait for a throw instead.
 */
export function armEventSubProcesses(execution: Execution, eventSubProcessIds: readonly string[], holderId: string, which: (startEventId: string) => boolean = () => true): void {
  const evaluateIn = holderId === execution.state.id ? undefined : holderId;
  for (const eventSubProcessId of eventSubProcessIds) {
    const eventSubProcess = execution.node(eventSubProcessId);
    if (eventSubProcess.type !== 'subProcess') continue;
    const start = execution.node(eventSubProcess.startEventId);
    if (start.type !== 'startEvent' || !start.eventDefinition || !which(start.id)) continue;
    const { eventDefinition } = start;
    if (isWaitDefinition(eventDefinition)) arm(execution, eventDefinition, { elementId: start.id, holderId, evaluateIn });
  }
}
