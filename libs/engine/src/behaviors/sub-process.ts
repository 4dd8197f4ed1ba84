import { isWaitDefinition, type SubProcessNode } from '#bpmn';
import type { Execution } from '../execution.js';
import { activate } from '../scope/lifecycle.js';
import { arm } from '../scope/waits.js';
import type { FlowNodeBehavior } from './behavior.js';

/**
 * An embedded sub-process is a scope: an activity instance that holds its own tokens, joins and
 * local variables. Its token starts at its none start event; it completes once nothing is left
 * inside it (see `completeEmptyScope`), and a boundary event on it cancels everything inside.
 */
export const subProcess: FlowNodeBehavior<SubProcessNode> = {
  enter(node, token, execution) {
    const scope = activate(execution, node, token, { started: true });
    armEventSubProcesses(execution, node.eventSubProcessIds, scope.id);
    execution.spawn({ elementId: node.startEventId, scopeId: scope.id, previousActivityInstanceId: scope.id });
  },
};

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
