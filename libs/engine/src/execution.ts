import type { FlowNode, ProcessGraph } from '#bpmn';
import { DomainError } from '#core';
import { NO_DECISIONS } from './dmn/decision-lookup.js';
import type { EngineResult } from './model/commands.js';
import type { Effect, WorkItemClosed } from './model/effects.js';
import { ENGINE_ERRORS } from './model/errors.js';
import type { DecisionLookup } from './model/ports.js';
import type { ActivityInstance, ElementInstanceType, InstanceState, Variables } from './model/state.js';
import type { StepEvent, StepType } from './model/steps.js';

/** A position of execution on its way into a flow node. */
export interface Token {
  elementId: string;
  /** The sequence flow it arrived by; absent at a start event and at a fired boundary event. */
  flowId?: string;
  /** The flow node instance it came directly from. */
  previousActivityInstanceId?: string;
  /** The scope (sub-process or multi-instance body instance) it runs in; absent at the process level. */
  scopeId?: string;
  /** Local variables the activity instance it enters starts with (a multi-instance item). */
  locals?: Variables;
  /** The iteration of a standard loop or multi-instance item it enters, from 1. */
  loopCounter?: number;
}

/**
 * Element semantics the core needs but must not import (the behaviors import the core): injected by
 * the token flow, as the behavior registry provides them.
 */
export interface ExecutionHooks {
  /** Which work item effect closes a waiting node, if it has one (user tasks, external tasks, call activities). */
  workItemOf(node: FlowNode): WorkItemClosed['kind'] | undefined;
  /** An activity instance completed: move its token on, loop, or hand it back to its multi-instance body. */
  continueAfter(execution: Execution, node: FlowNode, activity: ActivityInstance, result: Variables | undefined): void;
}

export interface StepExtra {
  actor?: string;
  previousActivityInstanceId?: string;
  /** Overrides the node's type: a multi-instance body's steps. */
  elementType?: ElementInstanceType;
  detail?: Record<string, unknown>;
  /** Overrides the node's lane: a user task an escalation moved to the next lane. */
  laneId?: string;
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
  private tokens: Token[] = [];
  private endedPaths = new Set<string>();

  constructor(
    readonly graph: ProcessGraph,
    state: InstanceState,
    private readonly nextId: () => string,
    /** The one instant of this command: every step it emits carries it. */
    readonly at: string,
    readonly hooks: ExecutionHooks,
    /** The deployed decisions business-rule tasks evaluate. */
    readonly decisions: DecisionLookup = NO_DECISIONS,
  ) {
    // A state stored before subscriptions existed has none.
    this.state = { ...structuredClone(state), subscriptions: structuredClone(state.subscriptions ?? []) };
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

  step(type: StepType, activityInstanceId: string, node: FlowNode, extra: StepExtra = {}): void {
    this.steps.push({
      id: this.newId(),
      instanceId: this.state.id,
      activityInstanceId,
      elementId: node.id,
      elementType: extra.elementType ?? node.type,
      type,
      at: this.at,
      ...(extra.actor !== undefined && { actor: extra.actor }),
      ...((extra.laneId ?? node.laneId) !== undefined && { laneId: extra.laneId ?? node.laneId }),
      ...(extra.previousActivityInstanceId !== undefined && { previousActivityInstanceId: extra.previousActivityInstanceId }),
      ...(extra.detail !== undefined && { detail: extra.detail }),
    });
  }

  effect(effect: Effect): void {
    this.effects.push(effect);
  }

  // Tokens

  spawn(token: Token): void {
    this.tokens.push(token);
  }

  nextToken(): Token | undefined {
    return this.tokens.shift();
  }

  /** Tokens on their way through a scope that is being canceled never arrive. */
  dropTokens(scopeId: string | undefined): void {
    this.tokens = this.tokens.filter((token) => token.scopeId !== scopeId);
  }

  tokensIn(scopeId: string | undefined): Token[] {
    return this.tokens.filter((token) => token.scopeId === scopeId);
  }

  /** A token ended its path in a scope: it left a node without outgoing flows. */
  pathEnded(scopeId: string): void {
    this.endedPaths.add(scopeId);
  }

  /** The scopes where paths ended since the last call. */
  takeEndedPaths(): string[] {
    const scopeIds = [...this.endedPaths];
    this.endedPaths = new Set();
    return scopeIds;
  }

  // Activity instances

  findActivity(activityInstanceId: string): ActivityInstance | undefined {
    return this.state.activities.find(({ id }) => id === activityInstanceId);
  }

  /** The waiting activity instance with that id, optionally required to be of one element type. */
  activity(activityInstanceId: string, type?: ElementInstanceType): ActivityInstance {
    const activity = this.findActivity(activityInstanceId);
    if (!activity) {
      throw new DomainError(ENGINE_ERRORS.activityNotActive, `No activity instance '${activityInstanceId}' is waiting in instance '${this.state.id}'.`, { activityInstanceId });
    }
    if (type && activity.elementType !== type) throw wrongType(activity, type);
    return activity;
  }

  /** The activity instances directly inside a scope (the process level when undefined). */
  childrenOf(scopeId: string | undefined): ActivityInstance[] {
    return this.state.activities.filter((activity) => activity.scopeId === scopeId);
  }

  /** Join bookkeeping of a scope: the instance's own at the process level. */
  joinsOf(scopeId: string | undefined): Record<string, string[]> {
    if (scopeId === undefined) return this.state.joins;
    const scope = this.activity(scopeId);
    scope.joins ??= {};
    return scope.joins;
  }

  result(): EngineResult {
    return { state: this.state, steps: this.steps, effects: this.effects };
  }
}

export const wrongType = (activity: ActivityInstance, expected: string) =>
  new DomainError(ENGINE_ERRORS.activityWrongType, `Activity instance '${activity.id}' is a ${activity.elementType} ('${activity.elementId}'), not a ${expected}.`, {
    activityInstanceId: activity.id,
    elementId: activity.elementId,
    elementType: activity.elementType,
    expected,
  });
