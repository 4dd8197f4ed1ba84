import type { FlowNode } from '#bpmn';
import type { Execution, Token } from '../execution.js';
import type { Effect } from '../model/effects.js';
import type { ActivityInstance, ActivityState, ElementInstanceType, Variables } from '../model/state.js';
import { forgetCompensable, recordCompensable } from './compensable.js';
import { handBack, mapInputs } from './io-mapping.js';
import { armBoundaryEvents, closeWaits } from './waits.js';

/**
 * The life of flow node instances: an instant node passes at once; an activity instance is
 * entered, may wait, and ends completed (its token moves on) or canceled (its token is consumed,
 * and with a scope everything inside it too).
 */

export interface EnterOptions {
  /** The effect announcing the work item, built once the activity instance id is known. */
  created?: (activity: ActivityInstance) => Effect;
  /** A scope or a call activity is at work from the start: it leaves `started` right after `ready`. */
  started?: boolean;
  /** A multi-instance body. */
  elementType?: ElementInstanceType;
  /** Skip the input mappings: a multi-instance body leaves them to its inner instances. */
  withoutInputs?: boolean;
}

/**
 * Sends a token along each given outgoing flow (all of them by default: a fork), in the same scope.
 * Leaving a node without outgoing flows ends a path there: an ad-hoc sub-process checks whether it is done.
 */
export function leave(execution: Execution, node: FlowNode, activityInstanceId: string | undefined, scopeId: string | undefined, flowIds: readonly string[] = node.outgoing): void {
  if (flowIds.length === 0 && node.outgoing.length === 0 && scopeId !== undefined) execution.pathEnded(scopeId);
  for (const flowId of flowIds) {
    execution.spawn({
      elementId: execution.graph.flows[flowId].targetId,
      flowId,
      ...(activityInstanceId !== undefined && { previousActivityInstanceId: activityInstanceId }),
      ...(scopeId !== undefined && { scopeId }),
    });
  }
}

/** An instant node (event, gateway): ready and completed at once, then the token moves on. */
export function pass(execution: Execution, node: FlowNode, token: Token, flowIds: readonly string[] = node.outgoing): string {
  const activityInstanceId = execution.newId();
  execution.step('ready', activityInstanceId, node, { previousActivityInstanceId: token.previousActivityInstanceId });
  execution.step('completed', activityInstanceId, node);
  leave(execution, node, activityInstanceId, token.scopeId, flowIds);
  return activityInstanceId;
}

/** A new activity instance holding the token, with its locals (input mappings) set. */
export function enter(execution: Execution, node: FlowNode, token: Token, options: EnterOptions = {}): ActivityInstance {
  const locals = options.withoutInputs ? (token.locals ?? {}) : mapInputs(execution, node, token.scopeId, token.locals);
  const activity: ActivityInstance = {
    id: execution.newId(),
    elementId: node.id,
    elementType: options.elementType ?? node.type,
    state: (options.started ? 'started' : 'ready') satisfies ActivityState,
    readyAt: execution.at,
    ...(options.started && { startedAt: execution.at }),
    boundaryTimerIds: [],
    ...(token.scopeId !== undefined && { scopeId: token.scopeId }),
    ...(Object.keys(locals).length > 0 && { variables: structuredClone(locals) }),
    ...(token.loopCounter !== undefined && { loopCounter: token.loopCounter }),
  };
  const extra = { previousActivityInstanceId: token.previousActivityInstanceId, elementType: activity.elementType };
  execution.step('ready', activity.id, node, extra);
  if (options.started) execution.step('started', activity.id, node, { elementType: activity.elementType });
  execution.state.activities.push(activity);
  return activity;
}

/** The token stops here: a new waiting activity instance, announced, with its boundary events armed. */
export function activate(execution: Execution, node: FlowNode, token: Token, options: EnterOptions = {}): ActivityInstance {
  const activity = enter(execution, node, token, options);
  if (options.created) execution.effect(options.created(activity));
  if (!isInnerInstance(execution, activity)) armBoundaryEvents(execution, node, activity.id);
  return activity;
}

/** An inner instance of a multi-instance activity: its boundary events belong to its body, not to it. */
export function isInnerInstance(execution: Execution, activity: ActivityInstance): boolean {
  const scope = activity.scopeId === undefined ? undefined : execution.findActivity(activity.scopeId);
  return scope?.elementType === 'multiInstanceBody' && scope.elementId === activity.elementId && activity.elementType !== 'multiInstanceBody';
}

/** The activity's work is done: it closes (compensation may undo it later), hands its result back to its scope, and its token moves on. */
export function complete(execution: Execution, activity: ActivityInstance, result?: Variables, actor?: string): void {
  const node = execution.node(activity.elementId);
  close(execution, activity, node, 'completed', actor);
  recordCompensable(execution, activity, node, isInnerInstance(execution, activity));
  if (activity.elementType !== 'multiInstanceBody') handBack(execution, node, activity.scopeId, activity.variables ?? {}, result);
  execution.hooks.continueAfter(execution, node, activity, result);
}

/** The activity is interrupted (boundary event, terminate, error): it and everything inside it close, its tokens are consumed. */
export function cancel(execution: Execution, activity: ActivityInstance): void {
  cancelContent(execution, activity.id);
  forgetCompensable(execution, activity.id);
  close(execution, activity, execution.node(activity.elementId), 'canceled');
}

/** Cancels everything inside a scope (the process level when undefined): activity instances, tokens on their way, joins. */
export function cancelContent(execution: Execution, scopeId: string | undefined): void {
  for (const child of execution.childrenOf(scopeId)) {
    if (execution.findActivity(child.id)) cancel(execution, child);
  }
  execution.dropTokens(scopeId);
  if (scopeId === undefined) execution.state.joins = {};
  else delete execution.activity(scopeId).joins;
}

/** Ends an activity instance's life without moving its token: `complete` and `cancel` build on it. */
export function close(execution: Execution, activity: ActivityInstance, node: FlowNode, outcome: 'completed' | 'canceled', actor?: string): void {
  execution.state.activities = execution.state.activities.filter(({ id }) => id !== activity.id);
  closeWaits(execution, activity.id);
  execution.step(outcome, activity.id, node, { actor, elementType: activity.elementType });
  const kind = activity.elementType === 'multiInstanceBody' ? undefined : execution.hooks.workItemOf(node);
  if (kind) execution.effect({ kind, id: activity.id, outcome, at: execution.at });
}
