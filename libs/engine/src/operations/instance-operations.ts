import { reevaluateConditions } from '../events/conditional-event.js';
import type { Execution } from '../execution.js';
import type { CancelInstanceCommand, SetVariablesCommand, SuspendInstanceCommand } from '../model/commands.js';
import type { Variables } from '../model/state.js';
import { cancelContent } from '../scope/lifecycle.js';
import { endInstance } from '../scope/scope-end.js';
import { setLocal } from '../scope/variables.js';

/** Who asked and why: carried into the effects, which are the instance's audit trail. */
export const operator = ({ actor, reason }: { actor?: string; reason?: string }) => ({
  ...(actor !== undefined && { actor }),
  ...(reason !== undefined && { reason }),
});

/** An operator ends the instance: every activity instance is canceled (scopes with their contents) and it ends as `canceled`. */
export function cancelInstance(execution: Execution, command: CancelInstanceCommand): void {
  cancelContent(execution, undefined);
  endInstance(execution, 'canceled', operator(command));
}

/**
 * Suspending freezes the instance: `execute` refuses every command that would move it (tasks,
 * external tasks, timers, messages) until resumeInstance; the app keeps its timers from firing.
 * Conditions are not evaluated while suspended; resuming evaluates them all.
 */
export function suspendInstance(execution: Execution, command: SuspendInstanceCommand): void {
  const suspend = command.type === 'suspendInstance';
  execution.state.status = suspend ? 'suspended' : 'active';
  if (!suspend) reevaluateConditions(execution);
  execution.effect({ kind: suspend ? 'instanceSuspended' : 'instanceResumed', at: execution.at, ...operator(command) });
}

/** Sets variables on the instance, or locally on one activity instance, and records which ones changed. */
export function setVariables(execution: Execution, command: SetVariablesCommand): void {
  const { variables, activityInstanceId } = command;
  const target = activityInstanceId === undefined ? undefined : execution.activity(activityInstanceId);
  const before: Variables = (target ? target.variables : execution.state.variables) ?? {};
  const names = Object.keys(variables).filter((name) => !(name in before) || JSON.stringify(before[name]) !== JSON.stringify(variables[name]));
  if (target) setLocal(target, variables);
  else execution.state.variables = { ...execution.state.variables, ...structuredClone(variables) };
  execution.effect({
    kind: 'variablesSet',
    names,
    ...(activityInstanceId !== undefined && { activityInstanceId }),
    ...operator(command),
    at: execution.at,
  });
}
