import type { StartEventNode } from '#bpmn';
import { mapPassing } from '../scope/io-mapping.js';
import { pass } from '../scope/lifecycle.js';
import type { FlowNodeBehavior } from './behavior.js';

/**
 * A start event: the first token of its scope passes straight through (several outgoing flows
 * fork). Whatever triggered it (a message, a signal, a timer) has already happened, its output
 * mappings with it. A none start event has no trigger: as in Camunda 8, its output mappings run
 * over the scope's variables (the start variables) as the token passes.
 */
export const startEvent: FlowNodeBehavior<StartEventNode> = {
  enter(node, token, execution) {
    if (node.eventDefinition === undefined) mapPassing(execution, node, token.scopeId);
    pass(execution, node, token);
  },
};
