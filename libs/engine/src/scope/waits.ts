import { isFeel, isWaitDefinition, type FlowNode, type WaitDefinition } from '#bpmn';
import { DomainError } from '#core';
import type { Execution } from '../execution.js';
import { feelText } from '../feel/feel.js';
import { ENGINE_ERRORS } from '../model/errors.js';
import type { Subscription, Timer } from '../model/state.js';
import { planTimer, type TimerPlan } from '../timers/timer-plan.js';
import { evaluateAt } from './variables.js';

/**
 * Waits are what catch events wait on: scheduled timers and open message or signal subscriptions.
 * Each is held by an activity instance (`activityInstanceId`) and closes when that instance does.
 */

export interface WaitPlace {
  /** The catching element. */
  elementId: string;
  /** The activity instance holding the wait (the instance id for the process level). */
  holderId: string;
  /** Where its expressions are evaluated: an activity instance, or a scope (undefined: the process level). */
  evaluateIn: string | undefined;
}

/** Opens the wait of a timer, message, signal or conditional definition (a condition is evaluated when the command settles). */
export function arm(execution: Execution, definition: WaitDefinition, place: WaitPlace): void {
  if (definition.type === 'timer') {
    const evaluate = (expression: string) => evaluateAt(execution, expression, place.evaluateIn, place.elementId);
    schedule(execution, place.elementId, place.holderId, planTimer(definition, execution.at, place.elementId, evaluate));
    return;
  }
  const subscription: Subscription =
    definition.type === 'conditional'
      ? { id: execution.newId(), eventType: 'conditional', name: definition.condition, elementId: place.elementId, activityInstanceId: place.holderId }
      : definition.type === 'message'
        ? {
            id: execution.newId(),
            eventType: 'message',
            name: text(execution, definition.messageName, place),
            ...(definition.correlationKey !== undefined && { correlationKey: correlationKey(execution, definition.correlationKey, place) }),
            elementId: place.elementId,
            activityInstanceId: place.holderId,
          }
        : { id: execution.newId(), eventType: 'signal', name: text(execution, definition.signalName, place), elementId: place.elementId, activityInstanceId: place.holderId };
  execution.state.subscriptions.push(subscription);
  execution.effect({ kind: 'subscriptionOpened', subscription: { ...subscription } });
}

/** Arms the timer, message, signal and conditional boundary events of an activity instance that starts waiting (those `which` accepts). */
export function armBoundaryEvents(execution: Execution, node: FlowNode, activityInstanceId: string, which: (elementId: string) => boolean = () => true): void {
  for (const boundaryId of node.boundaryEventIds.filter(which)) {
    const boundary = execution.node(boundaryId);
    if (boundary.type !== 'boundaryEvent') continue;
    const { eventDefinition } = boundary;
    if (isWaitDefinition(eventDefinition)) arm(execution, eventDefinition, { elementId: boundary.id, holderId: activityInstanceId, evaluateIn: activityInstanceId });
  }
}

export function schedule(execution: Execution, elementId: string, holderId: string, plan: TimerPlan): Timer {
  const timer: Timer = { id: execution.newId(), elementId, activityInstanceId: holderId, dueAt: plan.dueAt, ...(plan.repeat && { repeat: plan.repeat }) };
  execution.state.timers.push(timer);
  if (execution.node(elementId).type === 'boundaryEvent') execution.findActivity(holderId)?.boundaryTimerIds.push(timer.id);
  execution.effect({ kind: 'timerScheduled', timer: structuredClone(timer) });
  return timer;
}

/** Removes a scheduled timer that is firing now. */
export function takeTimer(execution: Execution, timerId: string): Timer {
  const timer = execution.state.timers.find(({ id }) => id === timerId);
  if (!timer) {
    throw new DomainError(ENGINE_ERRORS.timerNotActive, `No timer '${timerId}' is scheduled in instance '${execution.state.id}'.`, { timerId });
  }
  removeTimer(execution, timer);
  return timer;
}

export function closeSubscription(execution: Execution, subscription: Subscription, outcome: 'correlated' | 'canceled'): void {
  execution.state.subscriptions = execution.state.subscriptions.filter(({ id }) => id !== subscription.id);
  execution.effect({ kind: 'subscriptionClosed', subscription: { ...subscription }, outcome });
}

/** Cancels the waits an activity instance holds (all of them, or those of some elements): its life ended. */
export function closeWaits(execution: Execution, holderId: string, which: (elementId: string) => boolean = () => true): void {
  for (const timer of execution.state.timers.filter((t) => t.activityInstanceId === holderId && which(t.elementId))) {
    removeTimer(execution, timer);
    execution.effect({ kind: 'timerCanceled', timerId: timer.id });
  }
  for (const subscription of execution.state.subscriptions.filter((s) => s.activityInstanceId === holderId && which(s.elementId))) {
    closeSubscription(execution, subscription, 'canceled');
  }
}

function removeTimer(execution: Execution, timer: Timer): void {
  execution.state.timers = execution.state.timers.filter(({ id }) => id !== timer.id);
  const holder = execution.findActivity(timer.activityInstanceId);
  if (holder) holder.boundaryTimerIds = holder.boundaryTimerIds.filter((id) => id !== timer.id);
}

/** A message or signal name: plain, or FEEL starting with `=`. */
const text = (execution: Execution, name: string, place: WaitPlace): string =>
  isFeel(name) ? (feelText(evaluateAt(execution, name, place.evaluateIn, place.elementId), place.elementId, name) ?? '') : name;

function correlationKey(execution: Execution, expression: string, place: WaitPlace): string {
  const value = evaluateAt(execution, expression, place.evaluateIn, place.elementId);
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  throw new DomainError(
    ENGINE_ERRORS.expressionFailed,
    `The correlation key "${expression}" of '${place.elementId}' yields ${JSON.stringify(value ?? null)}, not a string or number.`,
    { elementId: place.elementId, expression },
  );
}
