import { describe, expect, it } from '@jest/globals';
import { ENGINE_ERRORS } from '../model/errors.js';
import { domainError } from '../testing/domain-error.js';
import { nextTick, planTimer } from './timer-plan.js';

const at = '2026-03-02T09:00:00.000Z';

describe('planTimer', () => {
  it.each([
    [{ timeDuration: 'PT4H' }, { dueAt: '2026-03-02T13:00:00.000Z' }],
    [{ timeDate: '2026-03-05T10:00:00+01:00' }, { dueAt: '2026-03-05T09:00:00.000Z' }],
    [{ timeDate: '2026-01-01T00:00:00Z' }, { dueAt: '2026-01-01T00:00:00.000Z' }],
    [{ timeCycle: 'R3/PT1H' }, { dueAt: '2026-03-02T10:00:00.000Z', repeat: { interval: 'PT1H', remaining: 2 } }],
    [{ timeCycle: 'R/PT10M' }, { dueAt: '2026-03-02T09:10:00.000Z', repeat: { interval: 'PT10M' } }],
    [{ timeCycle: 'R2/2026-03-03T08:00:00Z/P1D' }, { dueAt: '2026-03-03T08:00:00.000Z', repeat: { interval: 'P1D', remaining: 1 } }],
    [{ timeCycle: '0 30 8 * * MON-FRI' }, { dueAt: '2026-03-03T08:30:00.000Z', repeat: { cron: '0 30 8 * * MON-FRI' } }],
  ])('plans %j', (definition, expected) => {
    expect(planTimer({ type: 'timer', ...definition }, at, 'timer')).toEqual(expected);
  });

  it('evaluates FEEL settings where the timer sits', () => {
    // given
    const variables: Record<string, unknown> = { followUp: 'P2D', callback: '2026-03-04T15:00:00Z' };
    const evaluate = (expression: string) => variables[expression.replace('=', '').trim()];

    // when
    const plans = [planTimer({ type: 'timer', timeDuration: '= followUp' }, at, 'timer', evaluate), planTimer({ type: 'timer', timeDate: '= callback' }, at, 'timer', evaluate)];

    // then
    expect(plans.map(({ dueAt }) => dueAt)).toEqual(['2026-03-04T09:00:00.000Z', '2026-03-04T15:00:00.000Z']);
  });

  it.each([
    [{ timeDate: '= when' }, ENGINE_ERRORS.timerInvalid],
    [{ timeCycle: '= when' }, ENGINE_ERRORS.timerInvalid],
    [{ timeDuration: '= when' }, ENGINE_ERRORS.expressionFailed],
  ])('rejects %j yielding "tomorrow" with %s naming the element', (definition, code) => {
    expect(() => planTimer({ type: 'timer', ...definition }, at, 'timer', () => 'tomorrow')).toThrow(domainError(code, { elementId: 'timer' }));
  });
});

describe('nextTick', () => {
  it('counts from when the last tick was due, down to the last repetition', () => {
    // given
    const timer = { elementId: 'timer', dueAt: '2026-03-02T10:00:00.000Z', repeat: { interval: 'PT1H', remaining: 1 } };

    // when
    const next = nextTick(timer);

    // then
    expect(next).toEqual({ dueAt: '2026-03-02T11:00:00.000Z', repeat: { interval: 'PT1H', remaining: 0 } });
    expect(nextTick({ ...timer, ...next })).toBeUndefined();
  });

  it('repeats a cron cycle at its next occurrence after the last tick, in UTC', () => {
    // given weekdays at 08:30, last due on a Friday
    const timer = { elementId: 't', dueAt: '2026-03-06T08:30:00.000Z', repeat: { cron: '0 30 8 * * MON-FRI' } };
    // then the next tick is Monday 08:30, and the cycle goes on
    expect(nextTick(timer)).toEqual({ dueAt: '2026-03-09T08:30:00.000Z', repeat: { cron: '0 30 8 * * MON-FRI' } });
  });

  it('repeats an unbounded cycle forever, and a one-off timer never', () => {
    expect(nextTick({ elementId: 't', dueAt: at, repeat: { interval: 'PT10M' } })).toEqual({ dueAt: '2026-03-02T09:10:00.000Z', repeat: { interval: 'PT10M' } });
    expect(nextTick({ elementId: 't', dueAt: at })).toBeUndefined();
  });
});
