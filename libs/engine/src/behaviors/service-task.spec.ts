import { describe, expect, it } from '@jest/globals';
import { ENGINE_ERRORS } from '../model/errors.js';
import { domainError } from '../testing/domain-error.js';
import { endEvent, flow, serviceTask, startEvent, userTask } from '../testing/bpmn-xml.js';
import { Scenario, trail, waitingAt } from '../testing/scenario.js';

const withExternalTask = {
  nodes: [startEvent('start'), serviceTask('charge', 'billing', { 'tandem:retries': '5' }), userTask('confirm'), endEvent('end')],
  flows: [flow('f1', 'start', 'charge'), flow('f2', 'charge', 'confirm'), flow('f3', 'confirm', 'end')],
};

describe('serviceTask', () => {
  it('waits as an external task on its topic', async () => {
    // given
    const sut = await Scenario.of(withExternalTask);

    // when
    const { effects, steps } = sut.start();

    // then
    const charge = sut.waiting('charge');
    expect(charge).toMatchObject({ elementType: 'serviceTask', state: 'ready' });
    expect(trail(steps)).toEqual(['start:ready', 'start:completed', 'charge:ready']);
    expect(effects).toEqual([
      {
        kind: 'externalTaskCreated',
        externalTask: { id: charge.id, elementId: 'charge', topic: 'billing', retries: 5, createdAt: '2026-03-02T09:00:00.000Z' },
      },
    ]);
  });

  it('marks the work started by the worker on the first lock', async () => {
    // given
    const sut = await Scenario.of(withExternalTask);
    sut.start();
    sut.clock.advance('PT30S');

    // when
    const { steps, effects } = sut.lock('charge', 'worker-1');

    // then
    expect(steps.map(({ type, actor, at }) => ({ type, actor, at }))).toEqual([{ type: 'started', actor: 'worker-1', at: '2026-03-02T09:00:30.000Z' }]);
    expect(effects).toEqual([]);
    expect(sut.waiting('charge')).toMatchObject({ state: 'started', assignee: 'worker-1', startedAt: '2026-03-02T09:00:30.000Z' });
  });

  it('changes nothing on a later lock', async () => {
    // given
    const sut = await Scenario.of(withExternalTask);
    sut.start();
    const locked = sut.lock('charge', 'worker-1').state;
    sut.clock.advance('PT5M');

    // when
    const { state, steps } = sut.lock('charge', 'worker-2');

    // then
    expect(steps).toEqual([]);
    expect(state).toEqual(locked);
  });

  it('completes for the worker, merges the variables and moves the token on', async () => {
    // given
    const sut = await Scenario.of(withExternalTask);
    sut.start({ amount: 10 });
    sut.lock('charge', 'worker-1');
    const charge = sut.waiting('charge');
    sut.clock.advance('PT2S');

    // when
    const { state, steps, effects } = sut.completeExternal('charge', 'worker-1', { receipt: 'R-9' });

    // then
    expect(trail(steps)).toEqual(['charge:completed', 'confirm:ready']);
    expect(steps[0]).toMatchObject({ actor: 'worker-1', at: '2026-03-02T09:00:02.000Z' });
    expect(effects[0]).toEqual({ kind: 'externalTaskClosed', id: charge.id, outcome: 'completed', at: '2026-03-02T09:00:02.000Z' });
    expect(state.variables).toEqual({ amount: 10, receipt: 'R-9' });
    expect(waitingAt(state)).toEqual(['confirm']);
  });

  it('records the start as well when completed without a lock', async () => {
    // given
    const sut = await Scenario.of(withExternalTask);
    sut.start();

    // when
    const { steps } = sut.completeExternal('charge', 'worker-1');

    // then
    expect(trail(steps).slice(0, 2)).toEqual(['charge:started', 'charge:completed']);
  });

  it('rejects locking a user task with ACTIVITY_WRONG_TYPE', async () => {
    // given
    const sut = await Scenario.of(withExternalTask);
    sut.start();
    sut.completeExternal('charge', 'worker-1');

    // when
    const lock = () => sut.lock('confirm', 'worker-1');

    // then
    expect(lock).toThrow(domainError(ENGINE_ERRORS.activityWrongType));
  });
});
