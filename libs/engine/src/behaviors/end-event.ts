import type { EndEventNode } from '#bpmn';
import { throwCompensation } from '../events/compensation-event.js';
import { throwError } from '../events/error-event.js';
import { throwEscalation } from '../events/escalation-event.js';
import { throwSignal } from '../events/signal-event.js';
import { mapPassing } from '../scope/io-mapping.js';
import { pass } from '../scope/lifecycle.js';
import { terminateScope } from '../scope/scope-end.js';
import type { FlowNodeBehavior } from './behavior.js';
import { activateExternalTask } from './service-task.js';

/**
 * An end event consumes its token. With an event definition it also throws: terminate ends its
 * scope (the instance at the process level), error and escalation look for a catch outwards, a
 * signal is broadcast; its output mappings write to its scope first. A message end event is an
 * external task: it waits for a worker to deliver the message, and only then consumes the token;
 * a compensation end event waits for the handlers it starts.
 */
export const endEvent: FlowNodeBehavior<EndEventNode> = {
  workItem: (node) => (node.externalTask ? 'externalTaskClosed' : undefined),
  enter(node, token, execution) {
    const definition = node.eventDefinition;
    if (definition?.type === 'message' && node.externalTask) {
      activateExternalTask(execution, node, token, node.externalTask);
      return;
    }
    if (definition?.type === 'compensate') {
      throwCompensation(execution, node, definition, token);
      return;
    }
    pass(execution, node, token);
    mapPassing(execution, node, token.scopeId);
    const thrower = { elementId: node.id, scopeId: token.scopeId };
    switch (definition?.type) {
      case 'terminate':
        terminateScope(execution, token.scopeId);
        break;
      case 'error':
        throwError(execution, thrower, definition.errorCode);
        break;
      case 'escalation':
        throwEscalation(execution, thrower, definition.escalationCode);
        break;
      case 'signal':
        throwSignal(execution, node, definition.signalName, token);
        break;
    }
  },
};
