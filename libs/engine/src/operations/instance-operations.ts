import type { Execution } from '../execution.js';
import type { CancelInstanceCommand, SetVariablesCommand, SuspendInstanceCommand, Variables } from '../model.js';
import { cancelContent } from '../scope/lifecycle.js';
import { endInstance } from '../scope/scope-end.js';
import { setLocal } from '../scope/variables.js';

/** An operator ends the instance: every activity instance is canceled (scopes with their contents) and it ends as `canceled`. */
export function cancelInstance(execution: Execution, _command: CancelInstanceCommand): void {
  cancelContent(execution, undefined);
  endInstance(execution, 'canceled');
}

/** Suspending freezes the instance: `execute` refuses every command but resumeInstance until then (timers included). */
export function suspendInstance(execution: Execution, { type, actor }: SuspendInstanceCommand): void {
  const suspend = type === 'suspendInstance';
  execution.state.status = suspend ? 'suspended' : 'active';
  execution.effect({ kind: suspend ? 'instanceSuspended' : 'instanceResumed', at: execution.at, ...(actor !== undefined && { actor }) });
}

/** Sets variables on the instance, or locally on one activity instance, and records which ones changed. */
export function setVariables(execution: Execution, { variables, activityInstanceId, actor }: SetVariablesCommand): void {
  const target = activityInstanceId === undefined ? undefined : execution.activity(activityInstanceId);
  const before: Variables = (target ? target.variables : execution.state.variables) ?? {};
  const names = Object.keys(variables).filter((name) => !(name in before) || JSON.stringify(before[name]) !== JSON.stringify(variables[name]));
  if (target) setLocal(target, variables);
  else execution.state.variables = { ...execution.state.variables, ...structuredClone(variables) };
  execution.effect({
    kind: 'variablesSet',
    names,
    ...(activityInstanceId !== undefined && { activityInstanceId }),
    ...(actor !== undefined && { actor }),
    at: execution.at,
  });
}
