import { describe, expect, it } from '@jest/globals';
import { boundaryTimer, endEvent, flow, receiveTask, startEvent, userTask } from '../testing/bpmn-xml.js';
import { effectsOf, Scenario, trail, waitingAt } from '../testing/scenario.js';

/** start -> confirmation (receive task, 2 days at most) -> book -> end */
const awaitConfirmation = {
  nodes: [
    startEvent('start'),
    receiveTask('confirmation', 'booking-confirmed', '= bookingId'),
    boundaryTimer('noAnswer', 'confirmation', 'P2D'),
    userTask('book'),
    userTask('chase'),
    endEvent('end'),
    endEvent('end2'),
  ],
  flows: [flow('f1', 'start', 'confirmation'), flow('f2', 'confirmation', 'book'), flow('f3', 'book', 'end'), flow('f4', 'noAnswer', 'chase'), flow('f5', 'chase', 'end2')],
};

describe('receiveTask', () => {
  it('waits for its message, with its boundary events armed', async () => {
    // given
    const sut = await Scenario.of(awaitConfirmation);

    // when
    const { effects } = sut.start({ bookingId: 'BK-1' });

    // then
    const task = sut.waiting('confirmation');
    expect(task).toMatchObject({ elementType: 'receiveTask', state: 'ready' });
    expect(effects.map(({ kind }) => kind)).toEqual(['timerScheduled', 'subscriptionOpened']);
    expect(sut.subscription('confirmation')).toMatchObject({ name: 'booking-confirmed', correlationKey: 'BK-1', activityInstanceId: task.id });
  });

  it('completes when the message arrives, and its boundary timer is canceled', async () => {
    // given
    const sut = await Scenario.of(awaitConfirmation);
    sut.start({ bookingId: 'BK-1' });

    // when
    const { state, steps, effects } = sut.correlate('confirmation', { seats: 2 });

    // then
    expect(trail(steps)).toEqual(['confirmation:completed', 'book:ready']);
    expect(effectsOf(effects, 'timerCanceled')).toHaveLength(1);
    expect(state.variables).toEqual({ bookingId: 'BK-1', seats: 2 });
  });

  it('closes its subscription as canceled when the boundary timer interrupts it', async () => {
    // given
    const sut = await Scenario.of(awaitConfirmation);
    sut.start({ bookingId: 'BK-1' });
    const subscription = sut.subscription('confirmation');

    // when
    const { state, effects } = sut.fire('noAnswer');

    // then
    expect(effects).toContainEqual({ kind: 'subscriptionClosed', subscription, outcome: 'canceled' });
    expect(state.subscriptions).toEqual([]);
    expect(waitingAt(state)).toEqual(['chase']);
  });
});
