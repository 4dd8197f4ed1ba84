import type { SubProcessNode } from '#bpmn';
import { armEventSubProcesses } from '../events/event-sub-process.js';
import { activate } from '../scope/lifecycle.js';
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
