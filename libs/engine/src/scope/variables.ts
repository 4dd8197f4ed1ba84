import type { Execution } from '../execution.js';
import { evaluateFeel } from '../feel/feel.js';
import type { ActivityInstance, InstanceState, Variables } from '../model/state.js';

/** The activity instances from `instanceId` outwards to the process level (the instance id itself means the process level). */
export function scopeChain(execution: Execution, instanceId: string | undefined): ActivityInstance[] {
  const chain: ActivityInstance[] = [];
  for (let id = instanceId; id !== undefined && id !== execution.state.id;) {
    const activity = execution.activity(id);
    chain.push(activity);
    id = activity.scopeId;
  }
  return chain;
}

/**
 * The variables an expression sees at an activity instance or in a scope: the instance's own, then
 * each enclosing scope's locals, the innermost winning; `extra` (a result being handed back) wins over all.
 */
export function variablesAt(execution: Execution, instanceId: string | undefined, extra?: Variables): Variables {
  const locals = scopeChain(execution, instanceId)
    .reverse()
    .map((activity) => activity.variables ?? {});
  return Object.assign({}, execution.state.variables, ...locals, extra);
}

/**
 * What a worker sees at an activity instance of a stored instance, as a Camunda 8 job's variables:
 * the instance's variables, then each enclosing scope's locals, then its own (its input mappings).
 */
export function variablesVisibleAt(state: InstanceState, activityInstanceId: string): Variables {
  const byId = new Map(state.activities.map((activity) => [activity.id, activity]));
  const locals: Variables[] = [];
  for (let activity = byId.get(activityInstanceId); activity !== undefined; activity = activity.scopeId === undefined ? undefined : byId.get(activity.scopeId)) {
    locals.unshift(activity.variables ?? {});
  }
  return Object.assign({}, state.variables, ...locals);
}

/** Evaluates FEEL where an element sits: the merged variables of that activity instance or scope. */
export const evaluateAt = (execution: Execution, expression: string, instanceId: string | undefined, elementId: string, extra?: Variables) =>
  evaluateFeel(expression, variablesAt(execution, instanceId, extra), elementId);

/**
 * Writes variables from a scope outwards, as Camunda 8 propagates them: each one to the nearest
 * enclosing scope that already has it locally, else to the instance. Top-level names replace the
 * stored value; nested objects are not merged.
 */
export function propagate(execution: Execution, scopeId: string | undefined, variables: Variables | undefined): void {
  if (!variables) return;
  const chain = scopeChain(execution, scopeId);
  for (const [name, value] of Object.entries(structuredClone(variables))) {
    const owner = chain.find((scope) => scope.variables !== undefined && name in scope.variables);
    if (owner) owner.variables![name] = value;
    else execution.state.variables[name] = value;
  }
}

/** Sets variables on one activity instance only: its locals, seen by it and the scopes inside it. */
export function setLocal(activity: ActivityInstance, variables: Variables): void {
  activity.variables = { ...activity.variables, ...structuredClone(variables) };
}

/** `{ a: { b: value } }` for the target `a.b`, merged into what `a` holds now, so a mapping can write one entry of a context. */
export function atPath(target: string, value: unknown, current: Variables): Variables {
  const [head, ...rest] = target.split('.');
  if (rest.length === 0) return { [head]: value };
  const inner = current[head];
  const base = inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Variables) : {};
  return { [head]: { ...base, ...atPath(rest.join('.'), value, base) } };
}
