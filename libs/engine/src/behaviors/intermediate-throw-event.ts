import type { IntermediateThrowEventNode } from '#bpmn';
import { throwCompensation } from '../events/compensation-event.js';
import { throwEscalation } from '../events/escalation-event.js';
import { linkTarget } from '../events/link-event.js';
import { throwSignal } from '../events/signal-event.js';
import { mapPassing } from '../scope/io-mapping.js';
import { leave, pass } from '../scope/lifecycle.js';
import type { FlowNodeBehavior } from './behavior.js';
import { activateExternalTask } from './service-task.js';

/**
 * An intermediate throw event throws and the token goes on: a none event is a milestone, an
 * escalation looks for a catch (an interrupting one takes over the token's scope, and the token ends
 * there), a signal is broadcast, a link jumps to its catch event, a message is an external task that
 * waits for a worker to deliver it, a compensation waits for the handlers it starts.
 */
export const intermediateThrowEvent: FlowNodeBehavior<IntermediateThrowEventNode> = {
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
    if (definition?.type === 'link') {
      const id = pass(execution, node, token, []);
      mapPassing(execution, node, token.scopeId);
      execution.spawn({
        elementId: linkTarget(execution, node, definition.linkName),
        previousActivityInstanceId: id,
        ...(token.scopeId !== undefined && { scopeId: token.scopeId }),
      });
      return;
    }
    const id = pass(execution, node, token, []);
    mapPassing(execution, node, token.scopeId);
    if (definition?.type === 'signal') throwSignal(execution, node, definition.signalName, token);
    const interrupted = definition?.type === 'escalation' && throwEscalation(execution, { elementId: node.id, scopeId: token.scopeId }, definition.escalationCode);
    if (!interrupted) leave(execution, node, id, token.scopeId);
  },
};
