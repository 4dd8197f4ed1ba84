import { describe, expect, it } from '@jest/globals';
import {
  boundaryEvent,
  endEvent,
  eventSubProcess,
  flow,
  onMessage,
  onSignal,
  serviceTask,
  onError,
  startEvent,
  subProcess,
  throwEvent,
  userTask,
  withIoMapping,
} from '../testing/bpmn-xml.js';
import { Scenario } from '../testing/scenario.js';

/** Output mappings on events: the trigger's variables (or the scope's, for a throw or end event) go through them. */
describe('output mappings on events', () => {
  it('on a process-level message start event, the instance gets only what they map from the message', async () => {
    // given
    const sut = await Scenario.of({
      nodes: [
        withIoMapping(startEvent('received', onMessage('request')), { outputs: { customer: '= from', subject: '= upper case(topic)' } }),
        userTask('triage'),
        endEvent('end'),
      ],
      flows: [flow('f1', 'received', 'triage'), flow('f2', 'triage', 'end')],
    });

    // when
    const { state } = sut.start({ from: 'ada@example.com', topic: 'refund', noise: true }, undefined, 'received');

    // then
    expect(state.variables).toEqual({ customer: 'ada@example.com', subject: 'REFUND' });
  });

  it("on a boundary event, they map the trigger's variables into the activity's scope", async () => {
    // given a non-interrupting message boundary event with an output mapping
    const sut = await Scenario.of({
      nodes: [
        startEvent('start'),
        userTask('work'),
        withIoMapping(boundaryEvent('note', 'work', onMessage('note'), false), { outputs: { lastNote: '= text' } }),
        userTask('read'),
        endEvent('end'),
        endEvent('end2'),
      ],
      flows: [flow('f1', 'start', 'work'), flow('f2', 'work', 'end'), flow('f3', 'note', 'read'), flow('f4', 'read', 'end2')],
    });
    sut.start({ case: 7 });

    // when
    const { state } = sut.correlate('note', { text: 'call back after 5', author: 'ada' });

    // then
    expect(state.variables).toEqual({ case: 7, lastNote: 'call back after 5' });
  });

  it('on an error boundary event, they map the variables a worker threw with the error', async () => {
    // given
    const sut = await Scenario.of({
      nodes: [
        startEvent('start'),
        serviceTask('charge', 'billing'),
        withIoMapping(boundaryEvent('declined', 'charge', onError('DECLINED')), { outputs: { declineReason: '= reason' } }),
        userTask('askAgain'),
        endEvent('end'),
        endEvent('end2'),
      ],
      flows: [flow('f1', 'start', 'charge'), flow('f2', 'charge', 'end'), flow('f3', 'declined', 'askAgain'), flow('f4', 'askAgain', 'end2')],
    });
    sut.start();

    // when
    const { state } = sut.execute({ type: 'throwError', activityInstanceId: sut.waiting('charge').id, errorCode: 'DECLINED', variables: { reason: 'expired', raw: 'x' } });

    // then
    expect(state.variables).toEqual({ declineReason: 'expired' });
  });

  it("on an event sub-process start event, they map the signal's variables into the enclosing scope", async () => {
    // given
    const sut = await Scenario.of({
      nodes: [
        startEvent('start'),
        userTask('work'),
        endEvent('end'),
        eventSubProcess('onRecall', {
          nodes: [withIoMapping(startEvent('recalled', onSignal('recall'), false), { outputs: { recallBatch: '= batch' } }), userTask('check'), endEvent('re')],
          flows: [flow('r1', 'recalled', 'check'), flow('r2', 'check', 're')],
        }),
      ],
      flows: [flow('f1', 'start', 'work'), flow('f2', 'work', 'end')],
    });
    sut.start();

    // when
    const { state } = sut.signal('recall', { batch: 'B-12', plant: 'north' });

    // then
    expect(state.variables).toEqual({ recallBatch: 'B-12' });
  });

  it('on a throw and an end event, write to their scope as the token passes, over their input mappings', async () => {
    // given a milestone throw event and an end event inside a sub-process, each with mappings
    const sut = await Scenario.of({
      nodes: [
        startEvent('start'),
        subProcess('handle', {
          nodes: [
            startEvent('s'),
            withIoMapping(throwEvent('reached'), { inputs: { step: '= 1' }, outputs: { milestone: '= "triaged " + string(step)' } }),
            userTask('work'),
            withIoMapping(endEvent('e'), { outputs: { closedBy: '= agent' } }),
          ],
          flows: [flow('i1', 's', 'reached'), flow('i2', 'reached', 'work'), flow('i3', 'work', 'e')],
        }),
        endEvent('end'),
      ],
      flows: [flow('f1', 'start', 'handle'), flow('f2', 'handle', 'end')],
    });
    const started = sut.start();

    // when
    const { state } = sut.complete('work', { agent: 'bo' });

    // then
    expect(started.state.variables).toEqual({ milestone: 'triaged 1' });
    expect(state.variables).toEqual({ milestone: 'triaged 1', agent: 'bo', closedBy: 'bo' });
  });
});
