import type { ProcessGraph } from '#bpmn';
import { hooks } from './behaviors/registry.js';
import { findCatch } from './events/catch-search.js';
import { Execution } from './execution.js';
import type { InstanceState } from './model/state.js';

/** Looking for a catch creates nothing, so it needs no ids. */
const noIds = (): string => {
  throw new Error('catchesErrorAt only looks: it creates nothing.');
};

/**
 * Whether an error thrown at a waiting activity instance would be caught inside its instance (by
 * the activity's boundary events or around it), changing nothing: the app asks a parent this
 * before a called instance hands an error up to its call activity. Undefined when no such activity
 * instance waits.
 */
export function catchesErrorAt(graph: ProcessGraph, state: InstanceState, activityInstanceId: string, errorCode: string | undefined): boolean | undefined {
  const execution = new Execution(graph, state, noIds, state.startedAt, hooks);
  const activity = execution.findActivity(activityInstanceId);
  if (!activity) return undefined;
  return findCatch(execution, { activity, scopeId: activity.scopeId }, { type: 'error', code: errorCode }) !== undefined;
}
