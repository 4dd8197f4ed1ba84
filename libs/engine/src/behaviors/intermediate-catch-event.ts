import type { IntermediateCatchEventNode } from '#bpmn';
import { mapPassing } from '../scope/io-mapping.js';
import { activate, pass } from '../scope/lifecycle.js';
import { arm } from '../scope/waits.js';
import type { FlowNodeBehavior } from './behavior.js';

/**
 * An intermediate catch event waits for its timer, message or signal (see `trigger`), then
 * completes with the message's variables. A link catch event is where a link jump lands: it passes.
 */
export const intermediateCatchEvent: FlowNodeBehavior<IntermediateCatchEventNode> = {
  enter(node, token, execution) {
    const definition = node.eventDefinition;
    if (definition.type === 'link') {
      pass(execution, node, token);
      mapPassing(execution, node, token.scopeId);
      return;
    }
    const activity = activate(execution, node, token);
    arm(execution, definition, { elementId: node.id, holderId: activity.id, evaluateIn: activity.id });
  },
};
