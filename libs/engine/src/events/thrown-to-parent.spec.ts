import { describe, expect, it } from '@jest/globals';
import { ENGINE_ERRORS } from '../model/errors.js';
import { boundaryEvent, endEvent, flow, onError, onEscalation, serviceTask, startEvent, subProcess, throwEvent, userTask } from '../testing/bpmn-xml.js';
import { domainError } from '../testing/domain-error.js';
import { effectsOf, Scenario, trail, waitingAt } from '../testing/scenario.js';

const parent = { instanceId: 'parent-1', activityInstanceId: 'call-1' };

/** The called process: start -> work -> fail (error end event NO_STOCK), beside a task that waits. */
const failingChild = {
  nodes: [startEvent('start'), userTask('work'), userTask('beside'), endEvent('fail', onError('NO_STOCK')), endEvent('end')],
  flows: [flow('f1', 'start', 'work'), flow('f2', 'work', 'fail'), flow('f3', 'start', 'beside'), flow('f4', 'beside', 'end')],
};

describe('a called instance hands what it does not catch up to its call activity', () => {
  it('an uncaught error ends the called instance, canceling the rest of it, and is owed to the call activity', async () => {
    // given
    const sut = await Scenario.of(failingChild);
    sut.startCalled(parent);

    // when
    const { state, steps, effects } = sut.complete('work');

    // then
    expect(trail(steps)).toEqual(['work:started', 'work:completed', 'fail:ready', 'fail:completed', 'beside:canceled']);
    expect(state).toMatchObject({ status: 'canceled', endedAt: '2026-03-02T09:00:00.000Z', activities: [] });
    expect(state.thrownToParent).toEqual([{ eventType: 'error', code: 'NO_STOCK', elementId: 'fail', at: '2026-03-02T09:00:00.000Z' }]);
    expect(effectsOf(effects, 'thrownToCallActivity')).toEqual([
      { kind: 'thrownToCallActivity', eventType: 'error', code: 'NO_STOCK', elementId: 'fail', at: '2026-03-02T09:00:00.000Z' },
    ]);
    expect(effectsOf(effects, 'instanceEnded')).toEqual([expect.objectContaining({ status: 'canceled', byError: true })]);
  });

  it('an error from a worker in the called instance goes up the same way', async () => {
    // given
    const sut = await Scenario.of({
      nodes: [startEvent('start'), serviceTask('charge', 'billing'), endEvent('end')],
      flows: [flow('f1', 'start', 'charge'), flow('f2', 'charge', 'end')],
    });
    sut.startCalled(parent);

    // when
    const { state } = sut.execute({ type: 'throwError', activityInstanceId: sut.waiting('charge').id, errorCode: 'CARD_DECLINED', workerId: 'w1' });

    // then
    expect(state.status).toBe('canceled');
    expect(state.thrownToParent).toEqual([expect.objectContaining({ eventType: 'error', code: 'CARD_DECLINED', elementId: 'charge' })]);
  });

  it('an error the called instance catches itself stays there', async () => {
    // given the failing path inside a sub-process with an error boundary event
    const sut = await Scenario.of({
      nodes: [
        startEvent('start'),
        subProcess('inner', { nodes: [startEvent('s'), userTask('work'), endEvent('fail', onError('NO_STOCK'))], flows: [flow('i1', 's', 'work'), flow('i2', 'work', 'fail')] }),
        boundaryEvent('caught', 'inner', onError('NO_STOCK')),
        userTask('recover'),
        endEvent('end'),
        endEvent('end2'),
      ],
      flows: [flow('f1', 'start', 'inner'), flow('f2', 'inner', 'end'), flow('f3', 'caught', 'recover'), flow('f4', 'recover', 'end2')],
    });
    sut.startCalled(parent);

    // when
    const { state, effects } = sut.complete('work');

    // then
    expect(waitingAt(state)).toEqual(['recover']);
    expect(state.thrownToParent).toBeUndefined();
    expect(effectsOf(effects, 'thrownToCallActivity')).toEqual([]);
  });

  it('an uncaught escalation is owed to the call activity while the called instance goes on', async () => {
    // given
    const sut = await Scenario.of({
      nodes: [startEvent('start'), userTask('triage'), throwEvent('late', onEscalation('LATE')), userTask('resolve'), endEvent('end')],
      flows: [flow('f1', 'start', 'triage'), flow('f2', 'triage', 'late'), flow('f3', 'late', 'resolve'), flow('f4', 'resolve', 'end')],
    });
    sut.startCalled(parent);

    // when
    const { state, effects } = sut.complete('triage');

    // then
    expect(waitingAt(state)).toEqual(['resolve']);
    expect(state.status).toBe('active');
    expect(state.thrownToParent).toEqual([{ eventType: 'escalation', code: 'LATE', elementId: 'late', at: '2026-03-02T09:00:00.000Z' }]);
    expect(effectsOf(effects, 'escalationUncaught')).toEqual([]);
  });

  it('an instance nobody called still refuses an uncaught error', async () => {
    // given
    const sut = await Scenario.of(failingChild);
    sut.start();

    // when
    const completing = () => sut.complete('work');

    // then
    expect(completing).toThrow(domainError(ENGINE_ERRORS.errorNotCaught, { elementId: 'fail', errorCode: 'NO_STOCK' }));
  });
});
