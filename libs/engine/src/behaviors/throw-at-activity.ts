import { wrongType, type Execution } from '../execution.js';
import type { ThrowErrorCommand, ThrowEscalationCommand } from '../model/commands.js';
import type { ActivityInstance } from '../model/state.js';
import { throwError } from '../events/error-event.js';
import { throwEscalation } from '../events/escalation-event.js';
import { startExternalTask } from './service-task.js';

/**
 * A worker throws a BPMN error at the external task it holds, or a called instance hands its
 * uncaught error up to the call activity: the error is thrown there, so the activity's own error
 * boundary events catch it first (see `throwError`). The worker's variables travel to the catch.
 */
export function throwErrorAt(execution: Execution, { activityInstanceId, errorCode, workerId, variables, sequence }: ThrowErrorCommand): void {
  const activity = execution.activity(activityInstanceId);
  const workItem = activity.elementType === 'multiInstanceBody' ? undefined : execution.hooks.workItemOf(execution.node(activity.elementId));
  if (workItem !== 'externalTaskClosed' && workItem !== 'callActivityClosed') throw wrongType(activity, 'external task or call activity');
  if (!takes(activity, sequence)) return;
  if (workItem === 'externalTaskClosed' && activity.state === 'ready' && workerId !== undefined) startExternalTask(execution, activity, workerId);
  throwError(execution, { elementId: activity.elementId, activity, scopeId: activity.scopeId }, errorCode, variables);
}

/** A called instance hands its uncaught escalation up: the call activity throws it on, its own boundary events first. */
export function throwEscalationAt(execution: Execution, { activityInstanceId, escalationCode, sequence }: ThrowEscalationCommand): void {
  const activity = execution.activity(activityInstanceId, 'callActivity');
  if (!takes(activity, sequence)) return;
  throwEscalation(execution, { elementId: activity.elementId, activity, scopeId: activity.scopeId }, escalationCode);
}

/** Each throw of a called instance is taken once, in order: a repeated delivery changes nothing. */
function takes(activity: ActivityInstance, sequence: number | undefined): boolean {
  if (sequence === undefined) return true;
  if (sequence <= (activity.throwsReceived ?? 0)) return false;
  activity.throwsReceived = sequence;
  return true;
}
