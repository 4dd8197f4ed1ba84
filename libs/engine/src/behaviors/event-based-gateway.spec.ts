import { describe, expect, it } from '@jest/globals';
import { catchEvent, endEvent, eventBasedGateway, flow, onMessage, onSignal, onTimer, startEvent, userTask } from '../testing/bpmn-xml.js';
import { effectsOf, Scenario, trail, waitingAt } from '../testing/scenario.js';

/** ask -> race -> (reply: message) | (silence: 3 days) | (closed: signal) */
const race = {
  nodes: [
    startEvent('start'),
    userTask('ask'),
    eventBasedGateway('race'),
    catchEvent('reply', onMessage('customer-reply', '= caseId')),
    catchEvent('silence', onTimer({ duration: 'P3D' })),
    catchEvent('closed', onSignal('shop-closed')),
    userTask('answer'),
    userTask('chase'),
    endEvent('end'),
    endEvent('end2'),
    endEvent('end3'),
  ],
  flows: [
    flow('f1', 'start', 'ask'),
    flow('f2', 'ask', 'race'),
    flow('toReply', 'race', 'reply'),
    flow('toSilence', 'race', 'silence'),
    flow('toClosed', 'race', 'closed'),
    flow('f3', 'reply', 'answer'),
    flow('f4', 'answer', 'end'),
    flow('f5', 'silence', 'chase'),
    flow('f6', 'chase', 'end2'),
    flow('f7', 'closed', 'end3'),
  ],
};

describe('eventBasedGateway', () => {
  it('waits with the timers and subscriptions of every catch event it leads to', async () => {
    // given
    const sut = await Scenario.of(race);
    sut.start({ caseId: 'C-1' });

    // when
    const { state, steps } = sut.complete('ask');

    // then
    const gateway = sut.waiting('race');
    expect(trail(steps)).toEqual(['ask:started', 'ask:completed', 'race:ready']);
    expect(state.timers).toEqual([expect.objectContaining({ elementId: 'silence', activityInstanceId: gateway.id, dueAt: '2026-03-05T09:00:00.000Z' })]);
    expect(state.subscriptions.map(({ elementId, activityInstanceId }) => [elementId, activityInstanceId])).toEqual([
      ['reply', gateway.id],
      ['closed', gateway.id],
    ]);
  });

  it('the message that arrives first wins: the timer and the other subscription are canceled', async () => {
    // given
    const sut = await Scenario.of(race);
    sut.start({ caseId: 'C-1' });
    sut.complete('ask');
    const gateway = sut.waiting('race');

    // when
    const { state, steps, effects } = sut.correlate('reply', { text: 'thanks' });

    // then
    expect(trail(steps)).toEqual(['race:completed', 'reply:ready', 'reply:completed', 'answer:ready']);
    expect(steps[1].previousActivityInstanceId).toBe(gateway.id);
    expect(effectsOf(effects, 'timerCanceled')).toHaveLength(1);
    expect(effectsOf(effects, 'subscriptionClosed').map(({ subscription, outcome }) => [subscription.elementId, outcome])).toEqual([
      ['reply', 'correlated'],
      ['closed', 'canceled'],
    ]);
    expect(state).toMatchObject({ timers: [], subscriptions: [], variables: { text: 'thanks' } });
    expect(waitingAt(state)).toEqual(['answer']);
  });

  it('the timer wins when it fires first', async () => {
    // given
    const sut = await Scenario.of(race);
    sut.start({ caseId: 'C-1' });
    sut.complete('ask');
    sut.clock.advance('P3D');

    // when
    const { state, steps } = sut.fire('silence');

    // then
    expect(trail(steps)).toEqual(['race:completed', 'silence:ready', 'silence:completed', 'chase:ready']);
    expect(state.subscriptions).toEqual([]);
  });
});
