import type { BoundaryEventNode } from '#bpmn';
import type { Execution } from '../execution.js';
import type { Variables } from '../model/state.js';
import { handBack } from '../scope/io-mapping.js';
import { cancel, pass } from '../scope/lifecycle.js';
import type { FlowNodeBehavior } from './behavior.js';

/**
 * A boundary event is armed when the activity it is attached to starts waiting (see `activate`);
 * errors and escalations find it when they are thrown. The token it spawns passes through it.
 */
export const boundaryEvent: FlowNodeBehavior<BoundaryEventNode> = {
  enter(node, token, execution) {
    pass(execution, node, token);
  },
};

/**
 * The boundary event fires on its activity instance: interrupting cancels the activity (a scope with
 * everything inside it), non-interrupting leaves it waiting. Either way a token leaves here, in the
 * activity's scope, carrying the trigger's variables there (through its output mappings, if any).
 */
export function triggerBoundaryEvent(execution: Execution, node: BoundaryEventNode, hostId: string, variables?: Variables): void {
  const host = execution.activity(hostId);
  if (node.cancelActivity) cancel(execution, host);
  handBack(execution, node, host.scopeId, {}, variables);
  execution.spawn({ elementId: node.id, previousActivityInstanceId: host.id, ...(host.scopeId !== undefined && { scopeId: host.scopeId }) });
}
