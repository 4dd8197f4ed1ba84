import type { ProcessGraph } from '#bpmn';
import { DomainError } from '#core';
import { applyCommand } from './commands.js';
import { ENGINE_ERRORS, type Command, type EngineResult, type EnginePorts, type InstanceState } from './model.js';
import { run } from './token-flow.js';

/** Applies one command to an instance and advances its tokens; the given state is never changed. */
export function execute(graph: ProcessGraph, state: InstanceState, command: Command, ports: EnginePorts): EngineResult {
  checkAccepts(state, command);
  return run(graph, ports, () => state, (execution) => applyCommand(execution, command));
}

/** An ended instance takes no command; a suspended one only resumeInstance; resumeInstance only a suspended one. */
function checkAccepts(state: InstanceState, command: Command): void {
  const details = { instanceId: state.id, status: state.status };
  if (state.status === 'suspended' && command.type !== 'resumeInstance') {
    throw new DomainError(ENGINE_ERRORS.instanceSuspended, `Instance '${state.id}' is suspended; resume it first.`, details);
  }
  if (state.status !== 'active' && state.status !== 'suspended') {
    throw new DomainError(ENGINE_ERRORS.instanceNotActive, `Instance '${state.id}' has ended (${state.status}).`, details);
  }
  if (state.status === 'active' && command.type === 'resumeInstance') {
    throw new DomainError(ENGINE_ERRORS.instanceNotSuspended, `Instance '${state.id}' is not suspended.`, details);
  }
}
