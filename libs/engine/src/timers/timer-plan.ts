import { isFeel, isIsoDateTime, nextCronOccurrence, parseTimeCycle, type TimerEventDefinition } from '#bpmn';
import { DomainError } from '#core';
import { addDuration } from '../duration/duration.js';
import { feelDuration, feelText } from '../feel/feel.js';
import { ENGINE_ERRORS } from '../model/errors.js';
import type { Timer } from '../model/state.js';

/** When a timer is due first, and for a timeCycle how it repeats. */
export type TimerPlan = Pick<Timer, 'dueAt' | 'repeat'>;

/** Evaluates a FEEL setting where the timer sits; a literal setting never reaches it. */
export type Evaluate = (expression: string) => unknown;

const noVariables: Evaluate = () => null;

/**
 * The first due instant of a timer definition from `at`: now + timeDuration, the timeDate itself
 * (a past date is due at once), or the first tick of a timeCycle. Literal or FEEL (`=`) settings.
 * Exported for the app's process-level timer start events.
 */
export function planTimer(definition: TimerEventDefinition, at: string, elementId: string, evaluate: Evaluate = noVariables): TimerPlan {
  const setting = (text: string, as: typeof feelText) => (isFeel(text) ? as(evaluate(text), elementId, text) : text.trim());
  if (definition.timeDuration !== undefined) {
    const duration = setting(definition.timeDuration, feelDuration);
    return { dueAt: addDuration(at, duration ?? '', elementId) };
  }
  if (definition.timeDate !== undefined) {
    const date = setting(definition.timeDate, feelText) ?? '';
    if (!isIsoDateTime(date)) throw timerInvalid(elementId, date, 'an ISO 8601 date-time with a zone, such as 2026-03-05T10:00:00Z');
    return { dueAt: new Date(date).toISOString() };
  }
  const text = setting(definition.timeCycle ?? '', feelText) ?? '';
  const cycle = parseTimeCycle(text);
  if (!cycle) throw timerInvalid(elementId, text, 'a repeating interval such as R3/PT1H or R/PT10M, or a cron expression');
  if ('cron' in cycle) return { dueAt: cronTick(cycle.cron, at, elementId), repeat: { cron: cycle.cron } };
  const remaining = cycle.repetitions === undefined ? undefined : cycle.repetitions - 1;
  return {
    dueAt: cycle.start ? new Date(cycle.start).toISOString() : addDuration(at, cycle.interval, elementId),
    repeat: { interval: cycle.interval, ...(remaining !== undefined && { remaining }) },
  };
}

/** The next tick of a repeating timer, counted from when this one was due; undefined after the last. */
export function nextTick(timer: Pick<Timer, 'dueAt' | 'repeat' | 'elementId'>): TimerPlan | undefined {
  const { repeat } = timer;
  if (repeat && 'cron' in repeat) return { dueAt: cronTick(repeat.cron, timer.dueAt, timer.elementId), repeat };
  if (!repeat || repeat.remaining === 0) return undefined;
  const remaining = repeat.remaining === undefined ? undefined : repeat.remaining - 1;
  return {
    dueAt: addDuration(timer.dueAt, repeat.interval, timer.elementId),
    repeat: { interval: repeat.interval, ...(remaining !== undefined && { remaining }) },
  };
}

const cronTick = (cron: string, after: string, elementId: string): string => {
  const next = nextCronOccurrence(cron, after);
  if (next === undefined) throw timerInvalid(elementId, cron, 'a cron expression that occurs again');
  return next;
};

const timerInvalid = (elementId: string, value: string, expected: string) =>
  new DomainError(ENGINE_ERRORS.timerInvalid, `The timer "${value}" of '${elementId}' is not ${expected}.`, { elementId, value });
