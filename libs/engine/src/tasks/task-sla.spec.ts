import { describe, expect, it } from '@jest/globals';
import { ENGINE_ERRORS } from '../model/errors.js';
import { endEvent, flow, startEvent, userTask } from '../testing/bpmn-xml.js';
import { domainError } from '../testing/domain-error.js';
import { effectsOf, Scenario } from '../testing/scenario.js';

const withTask = (attributes: Record<string, string>) => ({
  nodes: [startEvent('start'), userTask('task', attributes), endEvent('end')],
  flows: [flow('f1', 'start', 'task'), flow('f2', 'task', 'end')],
});

describe('task SLA clocks', () => {
  it('runs a clock for the due and the follow-up date, FEEL by customer tier allowed', async () => {
    // given
    const sut = await Scenario.of(withTask({ 'tandem:dueIn': '=if customerTier = "gold" then "PT1H" else "PT4H"', 'tandem:followUpIn': 'PT30M' }));

    // when
    const { effects } = sut.start({ customerTier: 'gold' });

    // then
    expect(effectsOf(effects, 'taskCreated')[0].task).toMatchObject({ dueAt: '2026-03-02T10:00:00.000Z', followUpAt: '2026-03-02T09:30:00.000Z' });
    expect(sut.waiting('task').holding?.clocks).toEqual([
      { id: expect.any(String), clock: 'due', dueAt: '2026-03-02T10:00:00.000Z' },
      { id: expect.any(String), clock: 'followUp', dueAt: '2026-03-02T09:30:00.000Z' },
    ]);
  });

  it('takes a FEEL date-time as the due date itself', async () => {
    // given
    const sut = await Scenario.of(withTask({ 'tandem:dueIn': '=date and time("2026-03-03T17:00:00Z")' }));

    // when
    const { effects } = sut.start();

    // then
    expect(effectsOf(effects, 'taskCreated')[0].task.dueAt).toBe('2026-03-03T17:00:00.000Z');
  });

  it('records a breach as a marker step with the clock, and stops that clock', async () => {
    // given a task due in an hour, claimed
    const sut = await Scenario.of(withTask({ 'tandem:dueIn': 'PT1H' }));
    sut.start();
    sut.claim('task', 'ann');
    const task = sut.waiting('task');
    const [clock] = task.holding!.clocks;
    sut.clock.advance('PT1H');

    // when its clock runs out
    const { steps, effects } = sut.execute({ type: 'breachTaskClock', activityInstanceId: task.id, clockId: clock.id });

    // then
    expect(steps.map(({ type, detail, at }) => ({ type, detail, at }))).toEqual([
      { type: 'breached', detail: { clock: 'due', dueAt: '2026-03-02T10:00:00.000Z' }, at: '2026-03-02T10:00:00.000Z' },
    ]);
    expect(effects).toEqual([{ kind: 'taskBreached', taskId: task.id, clock: 'due', at: '2026-03-02T10:00:00.000Z' }]);
    expect(sut.waiting('task')).toMatchObject({ state: 'claimed', assignee: 'ann', holding: { clocks: [] } });
  });

  it('treats a clock that is gone as a stale job (TIMER_NOT_ACTIVE)', async () => {
    // given a breached clock
    const sut = await Scenario.of(withTask({ 'tandem:dueIn': 'PT1H' }));
    sut.start();
    const task = sut.waiting('task');
    const [clock] = task.holding!.clocks;
    sut.execute({ type: 'breachTaskClock', activityInstanceId: task.id, clockId: clock.id });

    // when it fires again
    const again = () => sut.execute({ type: 'breachTaskClock', activityInstanceId: task.id, clockId: clock.id });

    // then
    expect(again).toThrow(domainError(ENGINE_ERRORS.timerNotActive));
  });

  it('fails with EXPRESSION_FAILED naming the task when followUpIn yields neither a duration nor a date', async () => {
    // given
    const sut = await Scenario.of(withTask({ 'tandem:followUpIn': '=hours' }));

    // when
    const start = () => sut.start({ hours: 4 });

    // then
    expect(start).toThrow(domainError(ENGINE_ERRORS.expressionFailed, { elementId: 'task' }));
  });
});
