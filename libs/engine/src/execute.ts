import type { ProcessGraph } from '#bpmn';
import { DomainError } from '#core';
import { applyCommand } from './commands.js';
import type { Command, EngineResult } from './model/commands.js';
import { ENGINE_ERRORS } from './model/errors.js';
import type { EnginePorts } from './model/ports.js';
import type { InstanceState } from './model/state.js';
import { run } from './token-flow.js';

/** Applies one command to an instance and advances its tokens; the given state is never changed. */
export function execute(graph: ProcessGraph, state: InstanceState, command: Command, ports: EnginePorts): EngineResult {
  checkAccepts(state, command);
  return run(
    graph,
    ports,
    () => state,
    (execution) => applyCommand(execution, command),
  );
}

/** What a suspended instance still takes: an operator ends it, fixes its data or resumes it; no work moves it. */
const WHILE_SUSPENDED: ReadonlySet<Command['type']> = new Set(['resumeInstance', 'cancelInstance', 'setVariables']);

/** An ended instance takes no command; a suspended one only the operator's; resumeInstance only a suspended one. */
function checkAccepts(state: InstanceState, command: Command): void {
  const details = { instanceId: state.id, status: state.status };
  if (state.status === 'suspended' && !WHILE_SUSPENDED.has(command.type)) {
    const message = command.type === 'suspendInstance' ? 'is already suspended' : 'is suspended; resume it first';
    throw new DomainError(ENGINE_ERRORS.instanceSuspended, `Instance '${state.id}' ${message}.`, details);
  }
  if (state.status !== 'active' && state.status !== 'suspended') {
    throw new DomainError(ENGINE_ERRORS.instanceNotActive, `Instance '${state.id}' has ended (${state.status}).`, details);
  }
  if (state.status === 'active' && command.type === 'resumeInstance') {
    throw new DomainError(ENGINE_ERRORS.instanceNotSuspended, `Instance '${state.id}' is not suspended.`, details);
  }
}
