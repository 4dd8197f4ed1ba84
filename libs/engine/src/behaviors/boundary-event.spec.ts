import { describe, expect, it } from '@jest/globals';
import { ENGINE_ERRORS } from '../model/errors.js';
import { domainError } from '../testing/domain-error.js';
import { boundaryEvent, boundaryTimer, endEvent, flow, onMessage, onSignal, onTimer, serviceTask, startEvent, userTask } from '../testing/bpmn-xml.js';
import { effectsOf, Scenario, trail, waitingAt } from '../testing/scenario.js';

/** answer has an interrupting escalation (4h) and a non-interrupting reminder (1h). */
const guardedTask = {
  nodes: [
    startEvent('start'),
    userTask('answer'),
    boundaryTimer('escalation', 'answer', 'PT4H'),
    boundaryTimer('reminder', 'answer', 'PT1H', false),
    userTask('escalate'),
    userTask('nudge'),
    endEvent('done'),
    endEvent('escalated'),
    endEvent('nudged'),
  ],
  flows: [
    flow('f1', 'start', 'answer'),
    flow('f2', 'answer', 'done'),
    flow('f3', 'escalation', 'escalate'),
    flow('f4', 'escalate', 'escalated'),
    flow('f5', 'reminder', 'nudge'),
    flow('f6', 'nudge', 'nudged'),
  ],
};

describe('boundaryEvent (timer)', () => {
  it('is scheduled when the activity it is attached to becomes ready', async () => {
    // given
    const sut = await Scenario.of(guardedTask);

    // when
    const { state, effects } = sut.start();

    // then
    const answer = sut.waiting('answer');
    expect(answer.boundaryTimerIds).toEqual([sut.timer('escalation').id, sut.timer('reminder').id]);
    expect(state.timers.map(({ elementId, activityInstanceId, dueAt }) => ({ elementId, activityInstanceId, dueAt }))).toEqual([
      { elementId: 'escalation', activityInstanceId: answer.id, dueAt: '2026-03-02T13:00:00.000Z' },
      { elementId: 'reminder', activityInstanceId: answer.id, dueAt: '2026-03-02T10:00:00.000Z' },
    ]);
    expect(effects.map(({ kind }) => kind)).toEqual(['taskCreated', 'timerScheduled', 'timerScheduled']);
  });

  it('is canceled when the activity completes', async () => {
    // given
    const sut = await Scenario.of(guardedTask);
    sut.start();
    const timerIds = sut.waiting('answer').boundaryTimerIds;

    // when
    const { state, effects } = sut.complete('answer');

    // then
    expect(effectsOf(effects, 'timerCanceled').map(({ timerId }) => timerId)).toEqual(timerIds);
    expect(state.timers).toEqual([]);
    expect(state.status).toBe('completed');
  });

  describe('interrupting', () => {
    it('cancels the attached task and its other timers, and leaves through the boundary event', async () => {
      // given
      const sut = await Scenario.of(guardedTask);
      sut.start();
      const answer = sut.waiting('answer');
      const reminder = sut.timer('reminder');
      sut.clock.advance('PT4H');

      // when
      const { state, steps, effects } = sut.fire('escalation');

      // then
      expect(trail(steps)).toEqual(['answer:canceled', 'escalation:ready', 'escalation:completed', 'escalate:ready']);
      expect(steps[1].previousActivityInstanceId).toBe(answer.id);
      expect(steps[3].previousActivityInstanceId).toBe(steps[1].activityInstanceId);
      expect(effects.slice(0, 2)).toEqual([
        { kind: 'timerCanceled', timerId: reminder.id },
        { kind: 'taskClosed', id: answer.id, outcome: 'canceled', at: '2026-03-02T13:00:00.000Z' },
      ]);
      expect(state.timers).toEqual([]);
      expect(waitingAt(state)).toEqual(['escalate']);
    });

    it('closes an attached external task as canceled', async () => {
      // given
      const sut = await Scenario.of({
        nodes: [startEvent('start'), serviceTask('charge', 'billing'), boundaryTimer('timeout', 'charge', 'PT10M'), endEvent('done'), endEvent('late')],
        flows: [flow('f1', 'start', 'charge'), flow('f2', 'charge', 'done'), flow('f3', 'timeout', 'late')],
      });
      sut.start();
      const charge = sut.waiting('charge');

      // when
      const { state, effects } = sut.fire('timeout');

      // then
      expect(effects).toContainEqual({ kind: 'externalTaskClosed', id: charge.id, outcome: 'canceled', at: '2026-03-02T09:00:00.000Z' });
      expect(state.status).toBe('completed');
    });
  });

  describe('non-interrupting', () => {
    it('keeps the task waiting and spawns a token through the boundary event', async () => {
      // given
      const sut = await Scenario.of(guardedTask);
      sut.start();
      const answer = sut.waiting('answer');
      sut.clock.advance('PT1H');

      // when
      const { state, steps } = sut.fire('reminder');

      // then
      expect(trail(steps)).toEqual(['reminder:ready', 'reminder:completed', 'nudge:ready']);
      expect(steps[0].previousActivityInstanceId).toBe(answer.id);
      expect(waitingAt(state)).toEqual(['answer', 'nudge']);
      expect(sut.waiting('answer')).toMatchObject({ state: 'ready', boundaryTimerIds: [sut.timer('escalation').id] });
    });
  });

  it('rejects an unknown timer with TIMER_NOT_ACTIVE', async () => {
    // given
    const sut = await Scenario.of(guardedTask);
    sut.start();

    // when
    const fire = () => sut.execute({ type: 'fireTimer', timerId: 'no-such-timer' });

    // then
    expect(fire).toThrow(domainError(ENGINE_ERRORS.timerNotActive));
  });
});

/** answer has an interrupting `cancelRequest` message and a non-interrupting `customerNote` message and `outage` signal. */
const listeningTask = {
  nodes: [
    startEvent('start'),
    userTask('answer'),
    boundaryEvent('cancelRequest', 'answer', onMessage('cancel', '= caseId')),
    boundaryEvent('customerNote', 'answer', onMessage('note', '= caseId'), false),
    boundaryEvent('outage', 'answer', onSignal('outage'), false),
    userTask('refund'),
    userTask('readNote'),
    endEvent('done'),
    endEvent('canceled'),
    endEvent('noted'),
  ],
  flows: [
    flow('f1', 'start', 'answer'),
    flow('f2', 'answer', 'done'),
    flow('f3', 'cancelRequest', 'refund'),
    flow('f4', 'refund', 'canceled'),
    flow('f5', 'customerNote', 'readNote'),
    flow('f6', 'outage', 'readNote'),
    flow('f7', 'readNote', 'noted'),
  ],
};

describe('boundaryEvent (message and signal)', () => {
  it('opens a subscription per message or signal boundary event, held by the attached activity instance', async () => {
    // given
    const sut = await Scenario.of(listeningTask);

    // when
    const { state } = sut.start({ caseId: 'C-9' });

    // then
    const answer = sut.waiting('answer');
    expect(state.subscriptions.map(({ elementId, name, correlationKey, activityInstanceId }) => ({ elementId, name, correlationKey, activityInstanceId }))).toEqual([
      { elementId: 'cancelRequest', name: 'cancel', correlationKey: 'C-9', activityInstanceId: answer.id },
      { elementId: 'customerNote', name: 'note', correlationKey: 'C-9', activityInstanceId: answer.id },
      { elementId: 'outage', name: 'outage', correlationKey: undefined, activityInstanceId: answer.id },
    ]);
  });

  it('interrupting: cancels the task and closes its other subscriptions', async () => {
    // given
    const sut = await Scenario.of(listeningTask);
    sut.start({ caseId: 'C-9' });

    // when
    const { state, steps, effects } = sut.correlate('cancelRequest', { reason: 'changed mind' });

    // then
    expect(trail(steps)).toEqual(['answer:canceled', 'cancelRequest:ready', 'cancelRequest:completed', 'refund:ready']);
    expect(effectsOf(effects, 'subscriptionClosed').map(({ subscription, outcome }) => [subscription.elementId, outcome])).toEqual([
      ['cancelRequest', 'correlated'],
      ['customerNote', 'canceled'],
      ['outage', 'canceled'],
    ]);
    expect(state.subscriptions).toEqual([]);
    expect(state.variables).toMatchObject({ reason: 'changed mind' });
  });

  it('non-interrupting: the task keeps waiting and the subscription stays open for the next message', async () => {
    // given
    const sut = await Scenario.of(listeningTask);
    sut.start({ caseId: 'C-9' });
    sut.correlate('customerNote', { note: 'first' });

    // when
    const { state, steps } = sut.correlate('customerNote', { note: 'second' });

    // then
    expect(trail(steps)).toEqual(['customerNote:ready', 'customerNote:completed', 'readNote:ready']);
    expect(sut.waitingAll('readNote')).toHaveLength(2);
    expect(waitingAt(state)).toContain('answer');
    expect(state.variables).toMatchObject({ note: 'second' });
  });

  it('a signal boundary event fires on receiveSignal', async () => {
    // given
    const sut = await Scenario.of(listeningTask);
    sut.start({ caseId: 'C-9' });

    // when
    const { steps } = sut.signal('outage');

    // then
    expect(trail(steps)).toEqual(['outage:ready', 'outage:completed', 'readNote:ready']);
  });
});

describe('boundaryEvent (timeCycle)', () => {
  it('a non-interrupting cycle timer fires again until its repetitions are used up', async () => {
    // given a reminder every hour, three times
    const sut = await Scenario.of({
      nodes: [
        startEvent('start'),
        userTask('answer'),
        boundaryEvent('every', 'answer', onTimer({ cycle: 'R3/PT1H' }), false),
        userTask('nudge'),
        endEvent('done'),
        endEvent('nudged'),
      ],
      flows: [flow('f1', 'start', 'answer'), flow('f2', 'answer', 'done'), flow('f3', 'every', 'nudge'), flow('f4', 'nudge', 'nudged')],
    });
    sut.start();
    const dues: string[] = [sut.timer('every').dueAt];

    // when it fires three times
    for (let firing = 0; firing < 3; firing += 1) {
      sut.clock.advance('PT1H');
      sut.fire('every');
      dues.push(...sut.state.timers.map(({ dueAt }) => dueAt));
    }

    // then it was due hourly and is not scheduled again
    expect(dues).toEqual(['2026-03-02T10:00:00.000Z', '2026-03-02T11:00:00.000Z', '2026-03-02T12:00:00.000Z']);
    expect(sut.state.timers).toEqual([]);
    expect(sut.waitingAll('nudge')).toHaveLength(3);
  });
});
