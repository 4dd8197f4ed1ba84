import { describe, expect, it } from '@jest/globals';
import { ENGINE_ERRORS } from '../model/errors.js';
import { domainError } from '../testing/domain-error.js';
import { catchEvent, endEvent, flow, onMessage, onSignal, onTimer, startEvent, timerCatchEvent, userTask, withIoMapping } from '../testing/bpmn-xml.js';
import { effectsOf, Scenario, trail, waitingAt } from '../testing/scenario.js';

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

  it('waits until a timeDate, from a FEEL expression', async () => {
    // given
    const sut = await Scenario.of({
      nodes: [startEvent('start'), catchEvent('callBack', onTimer({ date: '= callbackAt' })), userTask('call'), endEvent('end')],
      flows: [flow('f1', 'start', 'callBack'), flow('f2', 'callBack', 'call'), flow('f3', 'call', 'end')],
    });

    // when
    sut.start({ callbackAt: '2026-03-04T15:00:00Z' });

    // then
    expect(sut.timer('callBack').dueAt).toBe('2026-03-04T15:00:00.000Z');
    expect(waitingAt(sut.fire('callBack').state)).toEqual(['call']);
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

/** start -> reply (message catch keyed by the order id) -> answer -> end */
const awaitReply = (key = '= order.id') => ({
  nodes: [startEvent('start'), catchEvent('reply', onMessage('customer-reply', key)), userTask('answer'), endEvent('end')],
  flows: [flow('f1', 'start', 'reply'), flow('f2', 'reply', 'answer'), flow('f3', 'answer', 'end')],
});

describe('intermediateCatchEvent (message)', () => {
  it('waits with a subscription: the message name, the correlation key evaluated now, the waiting activity instance', async () => {
    // given
    const sut = await Scenario.of(awaitReply());

    // when
    const { state, effects } = sut.start({ order: { id: 'A-17' } });

    // then
    const reply = sut.waiting('reply');
    const subscription = { id: expect.any(String), eventType: 'message', name: 'customer-reply', correlationKey: 'A-17', elementId: 'reply', activityInstanceId: reply.id };
    expect(state.subscriptions).toEqual([subscription]);
    expect(effects).toEqual([{ kind: 'subscriptionOpened', subscription }]);
  });

  it('completes when the message is correlated, with its variables, and closes the subscription', async () => {
    // given
    const sut = await Scenario.of(awaitReply());
    sut.start({ order: { id: 'A-17' } });
    const subscription = sut.subscription('reply');

    // when
    const { state, steps, effects } = sut.correlate('reply', { text: 'still broken' });

    // then
    expect(trail(steps)).toEqual(['reply:completed', 'answer:ready']);
    expect(effects[0]).toEqual({ kind: 'subscriptionClosed', subscription, outcome: 'correlated' });
    expect(state).toMatchObject({ subscriptions: [], variables: { order: { id: 'A-17' }, text: 'still broken' } });
  });

  it('can be correlated by the waiting activity instance', async () => {
    // given
    const sut = await Scenario.of(awaitReply());
    sut.start({ order: { id: 7 } });

    // when
    const { state } = sut.execute({ type: 'correlateMessage', activityInstanceId: sut.waiting('reply').id });

    // then
    expect(waitingAt(state)).toEqual(['answer']);
  });

  it('hands the message back through its output mappings when it has them', async () => {
    // given
    const model = awaitReply();
    model.nodes[1] = withIoMapping(model.nodes[1], { outputs: { replyText: '= text' } });
    const sut = await Scenario.of(model);
    sut.start({ order: { id: 7 } });

    // when
    const { state } = sut.correlate('reply', { text: 'ok', noise: true });

    // then
    expect(state.variables).toEqual({ order: { id: 7 }, replyText: 'ok' });
  });

  it('rejects a subscription that is not open with SUBSCRIPTION_NOT_ACTIVE', async () => {
    // given
    const sut = await Scenario.of(awaitReply());
    sut.start({ order: { id: 7 } });
    const subscriptionId = sut.subscription('reply').id;
    sut.correlate('reply');

    // when
    const again = () => sut.execute({ type: 'correlateMessage', subscriptionId });

    // then
    expect(again).toThrow(domainError(ENGINE_ERRORS.subscriptionNotActive, { subscriptionId }));
  });

  it('fails with EXPRESSION_FAILED naming the event when the correlation key yields no text or number', async () => {
    // given
    const sut = await Scenario.of(awaitReply());

    // when
    const start = () => sut.start({ order: {} });

    // then
    expect(start).toThrow(domainError(ENGINE_ERRORS.expressionFailed, { elementId: 'reply' }));
  });
});

describe('intermediateCatchEvent (signal)', () => {
  const awaitRecall = {
    nodes: [startEvent('start'), catchEvent('recall', onSignal('product-recall')), userTask('inform'), endEvent('end')],
    flows: [flow('f1', 'start', 'recall'), flow('f2', 'recall', 'inform'), flow('f3', 'inform', 'end')],
  };

  it('waits with a signal subscription and completes when the signal is received', async () => {
    // given
    const sut = await Scenario.of(awaitRecall);
    const { effects } = sut.start();
    expect(effectsOf(effects, 'subscriptionOpened')[0].subscription).toMatchObject({ eventType: 'signal', name: 'product-recall', elementId: 'recall' });

    // when
    const { state, steps } = sut.signal('product-recall', { batch: 'B12' });

    // then
    expect(trail(steps)).toEqual(['recall:completed', 'inform:ready']);
    expect(state).toMatchObject({ subscriptions: [], variables: { batch: 'B12' } });
  });

  it('rejects a signal nobody in the instance waits for with SUBSCRIPTION_NOT_ACTIVE', async () => {
    // given
    const sut = await Scenario.of(awaitRecall);
    sut.start();

    // when
    const receive = () => sut.signal('other-signal');

    // then
    expect(receive).toThrow(domainError(ENGINE_ERRORS.subscriptionNotActive, { signalName: 'other-signal' }));
  });
});
