import type { FlowNode } from '#bpmn';
import type { Execution, Token } from '../execution.js';
import { mapInputs } from '../scope/io-mapping.js';

/**
 * Throws a signal: the app broadcasts it to every open subscription with that name, in this
 * instance and others, as `receiveSignal` commands. As in Camunda 8, it carries the throw event's
 * input mappings as its variables (none without them), never the whole instance's.
 */
export function throwSignal(execution: Execution, node: FlowNode, signalName: string, token: Token): void {
  execution.effect({ kind: 'signalThrown', name: signalName, variables: mapInputs(execution, node, token.scopeId), elementId: node.id, at: execution.at });
}
