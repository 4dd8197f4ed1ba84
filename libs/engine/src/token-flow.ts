import type { ProcessGraph } from '#bpmn';
import { DomainError } from '#core';
import { completeAdHocSubProcesses } from './behaviors/ad-hoc-sub-process.js';
import { fireSettledInclusiveJoin } from './behaviors/inclusive-gateway.js';
import { enterNode, hooks } from './behaviors/registry.js';
import { noteVariables, triggerConditions } from './events/conditional-event.js';
import { Execution } from './execution.js';
import type { EngineResult } from './model/commands.js';
import { ENGINE_ERRORS } from './model/errors.js';
import type { EnginePorts } from './model/ports.js';
import type { InstanceState } from './model/state.js';
import { completeEmptyScope, completeInstanceIfDone } from './scope/scope-end.js';

/** More node entries than this in one command means instant nodes loop without ever waiting. */
export const MAX_NODE_ENTRIES = 10_000;

/**
 * One engine step: reads the clock once, lets `act` change a working copy of the state (seed a
 * token, apply a command), then advances every token until each one waits or is consumed.
 */
export function run(graph: ProcessGraph, ports: EnginePorts, stateAt: (at: string) => InstanceState, act: (execution: Execution) => void): EngineResult {
  const at = ports.clock.now().toISOString();
  const execution = new Execution(graph, stateAt(at), () => ports.ids.next(), at, hooks, ports.decisions);
  noteVariables(execution);
  act(execution);
  settle(execution);
  return execution.result();
}

/**
 * Advances tokens until none moves; then fires inclusive joins no branch can reach any more,
 * completes scopes left empty and ad-hoc sub-processes that are done, and fires conditional events
 * whose condition turned true, any of which moves tokens again.
 */
function settle(execution: Execution): void {
  let entries = 0;
  do {
    for (let token = execution.nextToken(); token; token = execution.nextToken()) {
      if (++entries > MAX_NODE_ENTRIES) {
        throw new DomainError(
          ENGINE_ERRORS.loopLimitExceeded,
          `Tokens entered ${MAX_NODE_ENTRIES} flow nodes in one step without waiting; the loop passes through '${token.elementId}'.`,
          { elementId: token.elementId, limit: MAX_NODE_ENTRIES },
        );
      }
      enterNode(execution.node(token.elementId), token, execution);
    }
  } while (
    execution.state.status === 'active' &&
    (fireSettledInclusiveJoin(execution) || completeEmptyScope(execution) || completeAdHocSubProcesses(execution) || triggerConditions(execution))
  );
  completeInstanceIfDone(execution);
}
