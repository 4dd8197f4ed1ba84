import { DomainError } from '#core';
import type { Execution } from '../execution.js';
import type { CorrelateMessageCommand, FireTimerCommand, ReceiveSignalCommand } from '../model/commands.js';
import { ENGINE_ERRORS } from '../model/errors.js';
import type { Subscription, Variables } from '../model/state.js';
import { closeSubscription, schedule, takeTimer } from '../scope/waits.js';
import { nextTick } from '../timers/timer-plan.js';
import { staysOpen, trigger } from './trigger.js';

/** A timer is due: its catch reacts; a repeating timer of a catch that stays open is scheduled again first. */
export function fireTimer(execution: Execution, { timerId }: FireTimerCommand): void {
  const timer = takeTimer(execution, timerId);
  const next = staysOpen(execution.node(timer.elementId)) ? nextTick(timer) : undefined;
  if (next) schedule(execution, timer.elementId, timer.activityInstanceId, next);
  trigger(execution, timer);
}

export function correlateMessage(execution: Execution, command: CorrelateMessageCommand): void {
  deliver(execution, messageSubscription(execution, command), command.variables);
}

/** A broadcast signal reached the instance: every subscription of that name fires, in the order they opened. */
export function receiveSignal(execution: Execution, { signalName, variables }: ReceiveSignalCommand): void {
  const matching = execution.state.subscriptions.filter(({ eventType, name }) => eventType === 'signal' && name === signalName);
  if (matching.length === 0) throw notActive(`No signal subscription for '${signalName}' is open in instance '${execution.state.id}'.`, { signalName });
  for (const subscription of matching) {
    // An earlier one may have interrupted the scope that held this one.
    if (execution.state.subscriptions.some(({ id }) => id === subscription.id)) deliver(execution, subscription, variables);
  }
}

function deliver(execution: Execution, subscription: Subscription, variables: Variables | undefined): void {
  if (!staysOpen(execution.node(subscription.elementId))) closeSubscription(execution, subscription, 'correlated');
  trigger(execution, subscription, variables);
}

/** The subscription named by id, or the one message subscription an activity instance holds. */
function messageSubscription(execution: Execution, { subscriptionId, activityInstanceId }: CorrelateMessageCommand): Subscription {
  const candidates = execution.state.subscriptions.filter(
    (subscription) =>
      subscription.eventType === 'message' && (subscriptionId !== undefined ? subscription.id === subscriptionId : subscription.activityInstanceId === activityInstanceId),
  );
  if (candidates.length === 1 && (subscriptionId !== undefined || activityInstanceId !== undefined)) return candidates[0];
  const which = subscriptionId !== undefined ? `subscription '${subscriptionId}'` : `activity instance '${activityInstanceId}'`;
  const reason = candidates.length > 1 ? `holds ${candidates.length} message subscriptions; name one by subscriptionId` : 'has no open message subscription';
  throw notActive(`The ${which} ${reason} in instance '${execution.state.id}'.`, { subscriptionId, activityInstanceId });
}

const notActive = (message: string, details: Record<string, unknown>) => new DomainError(ENGINE_ERRORS.subscriptionNotActive, message, details);
