import type { ProcessGraph } from '#bpmn';
import { DomainError } from '#core';
import { applyCommand } from './commands.js';
import { ENGINE_ERRORS, type Command, type EngineResult, type EnginePorts, type InstanceState } from './model.js';
import { run } from './token-flow.js';

/** Applies one command to an instance and advances its tokens; the given state is never changed. */
export function execute(graph: ProcessGraph, state: InstanceState, command: Command, ports: EnginePorts): EngineResult {
  if (state.status !== 'active') {
    throw new DomainError(ENGINE_ERRORS.instanceNotActive, `Instance '${state.id}' has ended (${state.status}).`, {
      instanceId: state.id,
      status: state.status,
    });
  }
  return run(graph, ports, () => state, (execution) => applyCommand(execution, command));
}
