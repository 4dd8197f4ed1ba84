import { describe, expect, it } from '@jest/globals';
import { endEvent, flow, onMessage, onSignal, sendTask, startEvent, throwEvent, userTask, withIoMapping } from '../testing/bpmn-xml.js';
import { effectsOf, Scenario, trail, waitingAt } from '../testing/scenario.js';

describe('sendTask and message throw events', () => {
  it('a send task is an external task on its topic; the worker completes it', async () => {
    // given
    const sut = await Scenario.of({
      nodes: [startEvent('start'), sendTask('notify', 'mailer'), endEvent('end')],
      flows: [flow('f1', 'start', 'notify'), flow('f2', 'notify', 'end')],
    });

    // when
    const started = sut.start();
    const done = sut.completeExternal('notify', 'mail-worker');

    // then
    expect(effectsOf(started.effects, 'externalTaskCreated')[0].externalTask).toMatchObject({ elementId: 'notify', topic: 'mailer', retries: 3 });
    expect(trail(done.steps)).toEqual(['notify:started', 'notify:completed', 'end:ready', 'end:completed']);
  });

  it('a message end event waits for a worker to deliver the message, then ends its path', async () => {
    // given
    const sut = await Scenario.of({
      nodes: [startEvent('start'), endEvent('confirm', onMessage('order-confirmed'), { 'tandem:topic': 'messages' })],
      flows: [flow('f1', 'start', 'confirm')],
    });

    // when
    const started = sut.start();
    const done = sut.completeExternal('confirm', 'worker');

    // then
    expect(effectsOf(started.effects, 'externalTaskCreated')[0].externalTask).toMatchObject({ elementId: 'confirm', topic: 'messages' });
    expect(trail(done.steps)).toEqual(['confirm:started', 'confirm:completed']);
    expect(done.state.status).toBe('completed');
  });

  it('a message throw event waits for its worker, then the token goes on', async () => {
    // given
    const sut = await Scenario.of({
      nodes: [startEvent('start'), throwEvent('tellCustomer', onMessage('update'), { 'tandem:topic': 'messages' }), userTask('next'), endEvent('end')],
      flows: [flow('f1', 'start', 'tellCustomer'), flow('f2', 'tellCustomer', 'next'), flow('f3', 'next', 'end')],
    });
    sut.start();

    // when
    const { state } = sut.completeExternal('tellCustomer', 'worker');

    // then
    expect(waitingAt(state)).toEqual(['next']);
  });
});

describe('signal throw events', () => {
  it("emits signalThrown with the throw event's input mappings as variables, and the token goes on", async () => {
    // given
    const sut = await Scenario.of({
      nodes: [
        startEvent('start'),
        withIoMapping(throwEvent('recall', onSignal('product-recall')), { inputs: { batch: '= lot' } }),
        userTask('next'),
        endEvent('done', onSignal('case-closed')),
      ],
      flows: [flow('f1', 'start', 'recall'), flow('f2', 'recall', 'next'), flow('f3', 'next', 'done')],
    });

    // when
    const started = sut.start({ lot: 'B12', secret: 'x' });
    const ended = sut.complete('next');

    // then
    expect(effectsOf(started.effects, 'signalThrown')).toEqual([
      { kind: 'signalThrown', name: 'product-recall', variables: { batch: 'B12' }, elementId: 'recall', at: '2026-03-02T09:00:00.000Z' },
    ]);
    expect(waitingAt(started.state)).toEqual(['next']);
    expect(effectsOf(ended.effects, 'signalThrown')).toEqual([expect.objectContaining({ name: 'case-closed', variables: {} })]);
    expect(ended.state.status).toBe('completed');
  });
});
