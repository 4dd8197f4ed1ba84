import { describe, expect, it } from '@jest/globals';
import { ENGINE_ERRORS } from '../model/errors.js';
import { domainError } from '../testing/domain-error.js';
import { boundaryTimer, endEvent, flow, parallelGateway, serviceTask, startEvent, terminateEndEvent, userTask } from '../testing/bpmn-xml.js';
import { effectsOf, Scenario, trail } from '../testing/scenario.js';

/** start -> fork -> (review [boundary timer] -> done) | (charge -> done) | (quick -> stop: terminate) */
const raceToTerminate = {
  nodes: [
    startEvent('start'),
    parallelGateway('fork'),
    userTask('review'),
    boundaryTimer('reminder', 'review', 'PT1H', false),
    serviceTask('charge', 'billing'),
    userTask('quick'),
    parallelGateway('join'),
    endEvent('done'),
    endEvent('reminded'),
    terminateEndEvent('stop'),
  ],
  flows: [
    flow('f1', 'start', 'fork'),
    flow('toReview', 'fork', 'review'),
    flow('toCharge', 'fork', 'charge'),
    flow('toQuick', 'fork', 'quick'),
    flow('fromReview', 'review', 'join'),
    flow('fromCharge', 'charge', 'join'),
    flow('f2', 'join', 'done'),
    flow('f3', 'reminder', 'reminded'),
    flow('f4', 'quick', 'stop'),
  ],
};

describe('endEvent', () => {
  it('consumes the token and completes the instance once nothing waits', async () => {
    // given
    const sut = await Scenario.of({
      nodes: [startEvent('start'), userTask('task'), endEvent('end')],
      flows: [flow('f1', 'start', 'task'), flow('f2', 'task', 'end')],
    });
    sut.start();
    sut.clock.advance('PT3H');

    // when
    const { state, steps, effects } = sut.complete('task');

    // then
    expect(trail(steps)).toEqual(['task:started', 'task:completed', 'end:ready', 'end:completed']);
    expect(state).toMatchObject({ status: 'completed', endedAt: '2026-03-02T12:00:00.000Z', activities: [], timers: [] });
    expect(effects.at(-1)).toEqual({ kind: 'instanceEnded', status: 'completed', at: '2026-03-02T12:00:00.000Z' });
  });

  it('keeps the instance active while another token waits', async () => {
    // given
    const sut = await Scenario.of({
      nodes: [startEvent('start'), userTask('a'), userTask('b'), endEvent('endA'), endEvent('endB')],
      flows: [flow('f1', 'start', 'a'), flow('f2', 'start', 'b'), flow('f3', 'a', 'endA'), flow('f4', 'b', 'endB')],
    });
    sut.start();

    // when
    const { state, effects } = sut.complete('a');

    // then
    expect(state.status).toBe('active');
    expect(effectsOf(effects, 'instanceEnded')).toEqual([]);
  });

  describe('terminate', () => {
    it('cancels every waiting activity and timer and ends the instance as completed', async () => {
      // given
      const sut = await Scenario.of(raceToTerminate);
      sut.start();
      sut.complete('review');
      sut.clock.advance('PT5M');
      const charge = sut.waiting('charge');

      // when
      const { state, steps, effects } = sut.complete('quick');

      // then
      expect(trail(steps)).toEqual(['quick:started', 'quick:completed', 'stop:ready', 'stop:completed', 'charge:canceled']);
      expect(effects).toEqual([
        { kind: 'taskClosed', id: expect.any(String), outcome: 'completed', at: '2026-03-02T09:05:00.000Z' },
        { kind: 'externalTaskClosed', id: charge.id, outcome: 'canceled', at: '2026-03-02T09:05:00.000Z' },
        { kind: 'instanceEnded', status: 'completed', at: '2026-03-02T09:05:00.000Z' },
      ]);
      expect(state).toMatchObject({ status: 'completed', endedAt: '2026-03-02T09:05:00.000Z', activities: [], timers: [], joins: {} });
    });

    it('cancels a waiting user task together with its boundary timers', async () => {
      // given
      const sut = await Scenario.of(raceToTerminate);
      sut.start();
      const review = sut.waiting('review');
      const reminder = sut.timer('reminder');

      // when
      const { steps, effects } = sut.complete('quick');

      // then
      expect(trail(steps)).toContain('review:canceled');
      expect(effects).toContainEqual({ kind: 'taskClosed', id: review.id, outcome: 'canceled', at: '2026-03-02T09:00:00.000Z' });
      expect(effects).toContainEqual({ kind: 'timerCanceled', timerId: reminder.id });
    });

    it('rejects any later command with INSTANCE_NOT_ACTIVE', async () => {
      // given
      const sut = await Scenario.of(raceToTerminate);
      sut.start();
      const review = sut.waiting('review');
      sut.complete('quick');

      // when
      const complete = () => sut.execute({ type: 'completeTask', activityInstanceId: review.id });

      // then
      expect(complete).toThrow(domainError(ENGINE_ERRORS.instanceNotActive));
    });
  });
});
