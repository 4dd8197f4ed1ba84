import type { FlowNode, FlowNodeType, ProcessGraph } from '#bpmn';
import { DomainError } from '#core';
import { addDuration } from './duration/duration.js';
import {
  ENGINE_ERRORS,
  type ActivityInstance,
  type Effect,
  type EngineResult,
  type InstanceState,
  type StepEvent,
  type StepType,
  type Timer,
  type Variables,
  type WorkItemClosed,
} from './model.js';

/** A position of execution on its way into a flow node. */
export interface Token {
  elementId: string;
  /** The sequence flow it arrived by; absent at the start event and at a fired boundary event. */
  flowId?: string;
  /** The flow node instance it came directly from. */
  previousActivityInstanceId?: string;
}

/** Which work item effect closes a waiting node of this type, if it has one (user and external tasks). */
export type WorkItemOf = (type: FlowNodeType) => WorkItemClosed['kind'] | undefined;

export interface ActivateOptions {
  assignee?: string;
  /** The effect announcing the work item, built once the activity instance id is known. */
  created?: (activityInstanceId: string) => Effect;
}

/**
 * The working copy of one command: a private clone of the instance state plus the steps and
 * effects it produces. Behaviors change the instance only through it, so the caller's state is
 * never mutated and a thrown domain error leaves nothing half-applied.
 */
export class Execution {
  readonly state: InstanceState;
  private readonly steps: StepEvent[] = [];
  private readonly effects: Effect[] = [];
  private readonly tokens: Token[] = [];

  constructor(
    readonly graph: ProcessGraph,
    state: InstanceState,
    private readonly nextId: () => string,
    /** The one instant of this command: every step it emits carries it. */
    readonly at: string,
    private readonly workItemOf: WorkItemOf,
  ) {
    this.state = structuredClone(state);
  }

  node(elementId: string): FlowNode {
    const node = this.graph.nodes[elementId];
    // Not a domain error: a state that names nodes its own process lacks is a bug, not bad input.
    if (!node) throw new Error(`Process '${this.graph.key}' has no flow node '${elementId}'.`);
    return node;
  }

  newId(): string {
    return this.nextId();
  }

  step(
    type: StepType,
    activityInstanceId: string,
    node: FlowNode,
    extra: Pick<StepEvent, 'actor' | 'previousActivityInstanceId'> = {},
  ): void {
    this.steps.push({
      id: this.newId(),
      instanceId: this.state.id,
      activityInstanceId,
      elementId: node.id,
      elementType: node.type,
      type,
      at: this.at,
      ...(extra.actor !== undefined && { actor: extra.actor }),
      ...(node.laneId !== undefined && { laneId: node.laneId }),
      ...(extra.previousActivityInstanceId !== undefined && { previousActivityInstanceId: extra.previousActivityInstanceId }),
    });
  }

  effect(effect: Effect): void {
    this.effects.push(effect);
  }

  mergeVariables(variables: Variables | undefined): void {
    // Shallow: a command's top-level variable replaces the stored one, nested objects are not merged.
    if (variables) this.state.variables = { ...this.state.variables, ...structuredClone(variables) };
  }

  // Tokens

  spawn(token: Token): void {
    this.tokens.push(token);
  }

  nextToken(): Token | undefined {
    return this.tokens.shift();
  }

  /** Sends a token along each given outgoing flow (all of them by default: a fork). */
  leave(node: FlowNode, activityInstanceId: string, flowIds: readonly string[] = node.outgoing): void {
    for (const flowId of flowIds) {
      this.spawn({ elementId: this.graph.flows[flowId].targetId, flowId, previousActivityInstanceId: activityInstanceId });
    }
  }

  /** An instant node: ready and completed at once, then the token moves on. */
  pass(node: FlowNode, token: Token, flowIds: readonly string[] = node.outgoing): string {
    const activityInstanceId = this.newId();
    this.step('ready', activityInstanceId, node, { previousActivityInstanceId: token.previousActivityInstanceId });
    this.step('completed', activityInstanceId, node);
    this.leave(node, activityInstanceId, flowIds);
    return activityInstanceId;
  }

  // Waiting activities

  /** The token stops here: a new waiting activity instance, with the timers of its boundary events. */
  activate(node: FlowNode, token: Token, options: ActivateOptions = {}): ActivityInstance {
    const activity: ActivityInstance = {
      id: this.newId(),
      elementId: node.id,
      elementType: node.type,
      state: 'ready',
      readyAt: this.at,
      ...(options.assignee !== undefined && { assignee: options.assignee }),
      boundaryTimerIds: [],
    };
    this.step('ready', activity.id, node, { previousActivityInstanceId: token.previousActivityInstanceId });
    this.state.activities.push(activity);
    if (options.created) this.effect(options.created(activity.id));
    for (const boundaryId of node.boundaryEventIds) {
      const boundary = this.node(boundaryId);
      if (boundary.type !== 'boundaryEvent') continue;
      activity.boundaryTimerIds.push(this.schedule(boundary.id, activity.id, boundary.timer.timeDuration).id);
    }
    return activity;
  }

  /** The waiting activity instance with that id, optionally required to be of one element type. */
  activity(activityInstanceId: string, type?: FlowNodeType): ActivityInstance {
    const activity = this.state.activities.find(({ id }) => id === activityInstanceId);
    if (!activity) {
      throw new DomainError(
        ENGINE_ERRORS.activityNotActive,
        `No activity instance '${activityInstanceId}' is waiting in instance '${this.state.id}'.`,
        { activityInstanceId },
      );
    }
    if (type && activity.elementType !== type) {
      throw new DomainError(
        ENGINE_ERRORS.activityWrongType,
        `Activity instance '${activityInstanceId}' is a ${activity.elementType} ('${activity.elementId}'), not a ${type}.`,
        { activityInstanceId, elementId: activity.elementId, elementType: activity.elementType, expected: type },
      );
    }
    return activity;
  }

  /** The activity's work is done: it closes and its token moves on. */
  complete(activity: ActivityInstance, actor?: string): void {
    const node = this.node(activity.elementId);
    this.close(activity, node, 'completed', actor);
    this.leave(node, activity.id);
  }

  /** The activity is interrupted (boundary event, terminate): it closes and its token is consumed. */
  cancel(activity: ActivityInstance): void {
    this.close(activity, this.node(activity.elementId), 'canceled');
  }

  private close(activity: ActivityInstance, node: FlowNode, outcome: 'completed' | 'canceled', actor?: string): void {
    this.state.activities = this.state.activities.filter(({ id }) => id !== activity.id);
    for (const timer of this.state.timers.filter(({ activityInstanceId }) => activityInstanceId === activity.id)) {
      this.cancelTimer(timer.id);
    }
    this.step(outcome, activity.id, node, { actor });
    const kind = this.workItemOf(activity.elementType);
    if (kind) this.effect({ kind, id: activity.id, outcome, at: this.at });
  }

  // Timers

  schedule(elementId: string, activityInstanceId: string, duration: string): Timer {
    const timer: Timer = { id: this.newId(), elementId, activityInstanceId, dueAt: addDuration(this.at, duration, elementId) };
    this.state.timers.push(timer);
    this.effect({ kind: 'timerScheduled', timer: { ...timer } });
    return timer;
  }

  /** Removes a scheduled timer that is firing now. */
  takeTimer(timerId: string): Timer {
    const timer = this.state.timers.find(({ id }) => id === timerId);
    if (!timer) {
      throw new DomainError(ENGINE_ERRORS.timerNotActive, `No timer '${timerId}' is scheduled in instance '${this.state.id}'.`, {
        timerId,
      });
    }
    this.removeTimer(timer);
    return timer;
  }

  private cancelTimer(timerId: string): void {
    const timer = this.state.timers.find(({ id }) => id === timerId);
    if (!timer) return;
    this.removeTimer(timer);
    this.effect({ kind: 'timerCanceled', timerId });
  }

  private removeTimer(timer: Timer): void {
    this.state.timers = this.state.timers.filter(({ id }) => id !== timer.id);
    for (const activity of this.state.activities.filter(({ id }) => id === timer.activityInstanceId)) {
      activity.boundaryTimerIds = activity.boundaryTimerIds.filter((id) => id !== timer.id);
    }
  }

  // The instance

  /**
   * A terminate end event: every other token is consumed and the instance ends at once. Reaching it
   * is the process's own normal end, so the instance is `completed` (as in Camunda 8), not canceled.
   */
  terminate(): void {
    for (const activity of [...this.state.activities]) this.cancel(activity);
    for (const timer of [...this.state.timers]) this.cancelTimer(timer.id);
    this.tokens.length = 0;
    this.state.joins = {};
    this.end();
  }

  /** The instance completes once no token waits anywhere, neither in an activity nor at a join. */
  completeIfDone(): void {
    const waiting = this.state.activities.length > 0 || Object.values(this.state.joins).some((arrived) => arrived.length > 0);
    if (this.state.status === 'active' && !waiting) this.end();
  }

  private end(): void {
    this.state.status = 'completed';
    this.state.endedAt = this.at;
    this.effect({ kind: 'instanceEnded', status: 'completed', at: this.at });
  }

  result(): EngineResult {
    return { state: this.state, steps: this.steps, effects: this.effects };
  }
}
