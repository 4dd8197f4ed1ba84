import { isFeel, isIsoDateTime, type UserTaskNode } from '#bpmn';
import { DomainError } from '#core';
import { FeelDateTime, FeelDuration } from 'feelin';
import { addDuration } from '../duration/duration.js';
import type { Execution } from '../execution.js';
import { evaluateFeel, expressionFailed } from '../feel/feel.js';
import type { BreachTaskClockCommand } from '../model/commands.js';
import { ENGINE_ERRORS } from '../model/errors.js';
import type { Variables } from '../model/state.js';

/**
 * A due or follow-up date from `tandem:dueIn` / `tandem:followUpIn`: an ISO 8601 duration from
 * `from`, a date-time with a zone (Camunda 8's `zeebe:taskSchedule`), or FEEL yielding a duration,
 * duration text or a date-time (e.g. by customer tier or category). A FEEL null leaves the date unset.
 */
export function deadline(setting: string | undefined, from: string, node: UserTaskNode, variables: Variables): string | undefined {
  if (setting === undefined) return undefined;
  if (!isFeel(setting)) return isIsoDateTime(setting) ? new Date(setting.trim()).toISOString() : addDuration(from, setting.trim(), node.id);
  const value = evaluateFeel(setting, variables, node.id);
  if (value === null || value === undefined) return undefined;
  if (value instanceof FeelDuration) return addDuration(from, value.toString(), node.id);
  if (value instanceof FeelDateTime) return new Date(value.toString()).toISOString();
  if (typeof value === 'string' && isIsoDateTime(value)) return new Date(value).toISOString();
  if (typeof value === 'string') {
    try {
      return addDuration(from, value, node.id);
    } catch {
      // Reported below with the expression, which says more than the duration alone.
    }
  }
  throw expressionFailed(node.id, setting, `it yields ${JSON.stringify(value)}, not a duration or a date-time with a zone`);
}

/**
 * A task's clock ran out (its job fired): the ledger gets a `breached` marker (no state change:
 * the task stays where it is) and the task row its breach. The job is removed with the clock, and
 * with the task when it ends first, so an ended task never breaches; a clock already gone is a
 * stale job (TIMER_NOT_ACTIVE).
 */
export function breachTaskClock(execution: Execution, { activityInstanceId, clockId }: BreachTaskClockCommand): void {
  const task = execution.findActivity(activityInstanceId);
  const clock = task?.holding?.clocks.find(({ id }) => id === clockId);
  if (!task?.holding || !clock) {
    throw new DomainError(ENGINE_ERRORS.timerNotActive, `Task '${activityInstanceId}' has no running clock '${clockId}'.`, { activityInstanceId, clockId });
  }
  task.holding.clocks = task.holding.clocks.filter(({ id }) => id !== clockId);
  execution.step('breached', task.id, execution.node(task.elementId), {
    detail: { clock: clock.clock, dueAt: clock.dueAt },
    ...(task.holding.laneId !== undefined && { laneId: task.holding.laneId }),
  });
  execution.effect({ kind: 'taskBreached', taskId: task.id, clock: clock.clock, at: execution.at });
}
