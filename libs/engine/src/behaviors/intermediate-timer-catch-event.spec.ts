import { describe, expect, it } from '@jest/globals';
import { ENGINE_ERRORS } from '../model.js';
import { domainError } from '../testing/domain-error.js';
import { endEvent, flow, startEvent, timerCatchEvent, userTask } from '../testing/bpmn-xml.js';
import { Scenario, trail, waitingAt } from '../testing/scenario.js';

const waitTwoDays = {
  nodes: [startEvent('start'), userTask('ask'), timerCatchEvent('wait', 'P2DT30M'), userTask('followUp'), endEvent('end')],
  flows: [flow('f1', 'start', 'ask'), flow('f2', 'ask', 'wait'), flow('f3', 'wait', 'followUp'), flow('f4', 'followUp', 'end')],
};

describe('intermediateCatchEvent (timer)', () => {
  it('waits and schedules its timer at now + duration', async () => {
    // given
    const sut = await Scenario.of(waitTwoDays);
    sut.start();
    sut.clock.advance('PT1H');

    // when
    const { state, steps, effects } = sut.complete('ask');

    // then
    const wait = sut.waiting('wait');
    expect(trail(steps)).toEqual(['ask:started', 'ask:completed', 'wait:ready']);
    expect(wait).toMatchObject({ elementType: 'intermediateCatchEvent', state: 'ready', readyAt: '2026-03-02T10:00:00.000Z' });
    const timer = { id: expect.any(String), elementId: 'wait', activityInstanceId: wait.id, dueAt: '2026-03-04T10:30:00.000Z' };
    expect(state.timers).toEqual([timer]);
    expect(effects).toContainEqual({ kind: 'timerScheduled', timer });
  });

  it('completes when its timer fires and moves the token on', async () => {
    // given
    const sut = await Scenario.of(waitTwoDays);
    sut.start();
    sut.complete('ask');
    const wait = sut.waiting('wait');
    sut.clock.advance('P2DT31M');

    // when
    const { state, steps, effects } = sut.fire('wait');

    // then
    expect(trail(steps)).toEqual(['wait:completed', 'followUp:ready']);
    expect(steps[0].at).toBe('2026-03-04T09:31:00.000Z');
    expect(steps[1].previousActivityInstanceId).toBe(wait.id);
    expect(state.timers).toEqual([]);
    expect(effects.map(({ kind }) => kind)).toEqual(['taskCreated']);
    expect(waitingAt(state)).toEqual(['followUp']);
  });

  it('rejects firing the timer twice with TIMER_NOT_ACTIVE', async () => {
    // given
    const sut = await Scenario.of(waitTwoDays);
    sut.start();
    sut.complete('ask');
    const timerId = sut.timer('wait').id;
    sut.fire('wait');

    // when
    const fireAgain = () => sut.execute({ type: 'fireTimer', timerId });

    // then
    expect(fireAgain).toThrow(domainError(ENGINE_ERRORS.timerNotActive, { timerId }));
  });

  it('rejects completing it as a task with ACTIVITY_WRONG_TYPE', async () => {
    // given
    const sut = await Scenario.of(waitTwoDays);
    sut.start();
    sut.complete('ask');

    // when
    const complete = () => sut.complete('wait');

    // then
    expect(complete).toThrow(domainError(ENGINE_ERRORS.activityWrongType));
  });
});
