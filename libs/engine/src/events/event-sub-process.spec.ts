import { describe, expect, it } from '@jest/globals';
import { endEvent, eventSubProcess, flow, onMessage, onTimer, startEvent, subProcess, userTask, withIoMapping, type NodeSpec } from '../testing/bpmn-xml.js';
import { effectsOf, Scenario, waitingAt } from '../testing/scenario.js';

/** An event sub-process `id` whose start event `start` (with the given trigger) leads to the user task `then`. */
const handler = (id: string, start: NodeSpec, then: string, nested: NodeSpec[] = []): NodeSpec =>
  eventSubProcess(id, { nodes: [start, userTask(then), endEvent(`${id}End`), ...nested], flows: [flow(`${id}1`, start.id, then), flow(`${id}2`, then, `${id}End`)] });

/** start -> case (a sub-process holding `ticket` locally, with `work` and the given event sub-processes) -> after -> end */
const inCase = (eventSubProcesses: NodeSpec[]) => ({
  nodes: [
    startEvent('start'),
    withIoMapping(
      subProcess('case', { nodes: [startEvent('s'), userTask('work'), endEvent('e'), ...eventSubProcesses], flows: [flow('i1', 's', 'work'), flow('i2', 'work', 'e')] }),
      { inputs: { ticket: '= "T-" + string(caseId)', status: '= "open"' } },
    ),
    userTask('after'),
    endEvent('end'),
  ],
  flows: [flow('f1', 'start', 'case'), flow('f2', 'case', 'after'), flow('f3', 'after', 'end')],
});

const withdrawal = handler('withdrawal', startEvent('withdrawn', onMessage('request-withdrawn', '= ticket')), 'confirm');
const reminders = handler('reminders', startEvent('daily', onTimer({ cycle: 'R/P1D' }), false), 'remind');

describe('event sub-process', () => {
  it('opens its start in the scope it belongs to, evaluating the correlation key there', async () => {
    // given
    const sut = await Scenario.of(inCase([withdrawal]));

    // when
    const { state } = sut.start({ caseId: 7 });

    // then
    const scope = sut.waiting('case');
    expect(state.subscriptions).toEqual([
      { id: expect.any(String), eventType: 'message', name: 'request-withdrawn', correlationKey: 'T-7', elementId: 'withdrawn', activityInstanceId: scope.id },
    ]);
  });

  it("writes the trigger's variables from its scope outwards: into the scope's locals where they exist", async () => {
    // given
    const sut = await Scenario.of(inCase([withdrawal]));
    sut.start({ caseId: 7 });

    // when
    const { state } = sut.correlate('withdrawn', { status: 'withdrawn', reason: 'moved house' });

    // then
    expect(sut.waiting('case').variables).toEqual({ ticket: 'T-7', status: 'withdrawn' });
    expect(state.variables).toEqual({ caseId: 7, reason: 'moved house' });
  });

  it('an interrupting one closes the other event sub-process starts of its scope', async () => {
    // given
    const sut = await Scenario.of(inCase([withdrawal, reminders]));
    sut.start({ caseId: 7 });
    const reminder = sut.timer('daily');

    // when
    const { state, effects } = sut.correlate('withdrawn');

    // then
    expect(effects).toContainEqual({ kind: 'timerCanceled', timerId: reminder.id });
    expect(state.timers).toEqual([]);
    expect(waitingAt(state)).toEqual(['case', 'withdrawal', 'confirm']);
  });

  it('a non-interrupting one leaves the other starts of its scope open', async () => {
    // given
    const sut = await Scenario.of(inCase([withdrawal, reminders]));
    sut.start({ caseId: 7 });

    // when
    const { state } = sut.fire('daily');

    // then
    expect(state.subscriptions.map(({ elementId }) => elementId)).toEqual(['withdrawn']);
    expect(state.timers.map(({ elementId }) => elementId)).toEqual(['daily']);
  });

  it('stops listening when its scope completes', async () => {
    // given
    const sut = await Scenario.of(inCase([withdrawal, reminders]));
    sut.start({ caseId: 7 });

    // when
    const { state, effects } = sut.complete('work');

    // then
    expect(effectsOf(effects, 'subscriptionClosed').map(({ subscription, outcome }) => [subscription.elementId, outcome])).toEqual([['withdrawn', 'canceled']]);
    expect(effectsOf(effects, 'timerCanceled')).toHaveLength(1);
    expect(state).toMatchObject({ timers: [], subscriptions: [] });
    expect(waitingAt(state)).toEqual(['after']);
  });

  it('at the process level, stops listening when the instance ends', async () => {
    // given
    const sut = await Scenario.of({
      nodes: [startEvent('start'), userTask('work'), endEvent('end'), handler('withdrawal', startEvent('withdrawn', onMessage('request-withdrawn', '= caseId')), 'confirm')],
      flows: [flow('f1', 'start', 'work'), flow('f2', 'work', 'end')],
    });
    sut.start({ caseId: 'C-7' });

    // when
    const { state, effects } = sut.complete('work');

    // then
    expect(state.status).toBe('completed');
    expect(effectsOf(effects, 'subscriptionClosed')).toEqual([expect.objectContaining({ outcome: 'canceled', subscription: expect.objectContaining({ elementId: 'withdrawn' }) })]);
  });

  it('arms the event sub-processes inside it when it starts, held by its own instance', async () => {
    // given a withdrawal handler with a one-hour deadline of its own
    const nested = handler('deadline', startEvent('oneHour', onTimer({ duration: 'PT1H' })), 'apologize');
    const sut = await Scenario.of(inCase([handler('withdrawal', startEvent('withdrawn', onMessage('request-withdrawn', '= ticket')), 'confirm', [nested])]));
    sut.start({ caseId: 7 });

    // when
    const { state } = sut.correlate('withdrawn');

    // then
    expect(state.timers).toEqual([expect.objectContaining({ elementId: 'oneHour', activityInstanceId: sut.waiting('withdrawal').id, dueAt: '2026-03-02T10:00:00.000Z' })]);
    expect(waitingAt(sut.fire('oneHour').state)).toEqual(['case', 'withdrawal', 'deadline', 'apologize']);
  });
});
