import { describe, expect, it } from '@jest/globals';
import { ENGINE_ERRORS } from '../model/errors.js';
import {
  boundaryEvent,
  callActivity,
  endEvent,
  eventSubProcess,
  flow,
  onError,
  onEscalation,
  serviceTask,
  startEvent,
  subProcess,
  userTask,
  withMultiInstance,
  type NodeSpec,
} from '../testing/bpmn-xml.js';
import { domainError } from '../testing/domain-error.js';
import { effectsOf, Scenario, trail, waitingAt } from '../testing/scenario.js';

/** start -> charge (external task) -> done, the given boundary events on charge leading to `handle`. */
const charging = (boundaries: NodeSpec[], charge: NodeSpec = serviceTask('charge', 'billing')) => ({
  nodes: [startEvent('start'), charge, ...boundaries, userTask('done'), userTask('handle'), endEvent('end'), endEvent('end2')],
  flows: [
    flow('f1', 'start', 'charge'),
    flow('f2', 'charge', 'done'),
    flow('f3', 'done', 'end'),
    ...boundaries.map((boundary, index) => flow(`b${index}`, boundary.id, 'handle')),
    flow('f4', 'handle', 'end2'),
  ],
});

/** start -> call (child process) -> done, the given boundary events on the call activity leading to `handle`. */
const calling = (boundaries: NodeSpec[]) => ({
  nodes: [startEvent('start'), callActivity('call', 'child'), ...boundaries, userTask('done'), userTask('handle'), endEvent('end'), endEvent('end2')],
  flows: [
    flow('f1', 'start', 'call'),
    flow('f2', 'call', 'done'),
    flow('f3', 'done', 'end'),
    ...boundaries.map((boundary, index) => flow(`b${index}`, boundary.id, 'handle')),
    flow('f4', 'handle', 'end2'),
  ],
});

describe("throwError at an external task (a worker's BPMN error)", () => {
  it("is caught by the task's error boundary event with that code, which cancels the task; the variables reach the scope", async () => {
    // given
    const sut = await Scenario.of(charging([boundaryEvent('declined', 'charge', onError('CARD_DECLINED'))]));
    sut.start();
    const charge = sut.waiting('charge');

    // when
    const { state, steps, effects } = sut.execute({
      type: 'throwError',
      activityInstanceId: charge.id,
      errorCode: 'CARD_DECLINED',
      workerId: 'w1',
      variables: { reason: 'expired' },
    });

    // then
    expect(trail(steps)).toEqual(['charge:started', 'charge:canceled', 'declined:ready', 'declined:completed', 'handle:ready']);
    expect(steps[0].actor).toBe('w1');
    expect(effects).toContainEqual({ kind: 'externalTaskClosed', id: charge.id, outcome: 'canceled', at: '2026-03-02T09:00:00.000Z' });
    expect(waitingAt(state)).toEqual(['handle']);
    expect(state.variables).toEqual({ reason: 'expired' });
  });

  it('is caught by a catch-all error boundary event when none has its code', async () => {
    // given
    const sut = await Scenario.of(charging([boundaryEvent('other', 'charge', onError('OTHER')), boundaryEvent('any', 'charge', onError())]));
    sut.start();

    // when
    const { steps } = sut.execute({ type: 'throwError', activityInstanceId: sut.waiting('charge').id, errorCode: 'CARD_DECLINED' });

    // then
    expect(trail(steps)).toContain('any:completed');
    expect(trail(steps)).not.toContain('other:ready');
  });

  it('is caught by an error event sub-process around the task, which cancels the rest of its scope', async () => {
    // given the task inside `payment`, whose event sub-process catches the error
    const sut = await Scenario.of({
      nodes: [
        startEvent('start'),
        subProcess('payment', {
          nodes: [
            startEvent('s'),
            serviceTask('charge', 'billing'),
            endEvent('e'),
            eventSubProcess('onDeclined', {
              nodes: [startEvent('declinedStart', onError('CARD_DECLINED')), userTask('callCustomer'), endEvent('de')],
              flows: [flow('d1', 'declinedStart', 'callCustomer'), flow('d2', 'callCustomer', 'de')],
            }),
          ],
          flows: [flow('i1', 's', 'charge'), flow('i2', 'charge', 'e')],
        }),
        endEvent('end'),
      ],
      flows: [flow('f1', 'start', 'payment'), flow('f2', 'payment', 'end')],
    });
    sut.start();

    // when
    const { state, steps } = sut.execute({ type: 'throwError', activityInstanceId: sut.waiting('charge').id, errorCode: 'CARD_DECLINED', variables: { code: 51 } });

    // then
    expect(trail(steps)).toEqual(['charge:canceled', 'onDeclined:ready', 'onDeclined:started', 'declinedStart:ready', 'declinedStart:completed', 'callCustomer:ready']);
    expect(waitingAt(state)).toEqual(['payment', 'onDeclined', 'callCustomer']);
    expect(state.variables).toEqual({ code: 51 });
  });

  it('thrown at one item of a multi-instance task, is caught by the boundary event on the whole activity', async () => {
    // given
    const sut = await Scenario.of(
      charging(
        [boundaryEvent('declined', 'charge', onError('CARD_DECLINED'))],
        withMultiInstance(serviceTask('charge', 'billing'), { inputCollection: '[1, 2]', inputElement: 'card' }),
      ),
    );
    sut.start();
    const [first] = sut.state.activities.filter(({ elementType, loopCounter }) => elementType === 'serviceTask' && loopCounter === 1);

    // when
    const { state, steps } = sut.execute({ type: 'throwError', activityInstanceId: first.id, errorCode: 'CARD_DECLINED' });

    // then
    expect(trail(steps)).toEqual(['charge:canceled', 'charge:canceled', 'charge:canceled', 'declined:ready', 'declined:completed', 'handle:ready']);
    expect(waitingAt(state)).toEqual(['handle']);
  });

  it('refuses the command with ERROR_NOT_CAUGHT naming the task and the code when nothing catches it, changing nothing', async () => {
    // given
    const sut = await Scenario.of(charging([boundaryEvent('other', 'charge', onError('OTHER'))]));
    sut.start();
    const before = sut.state;

    // when
    const throwing = () => sut.execute({ type: 'throwError', activityInstanceId: sut.waiting('charge').id, errorCode: 'CARD_DECLINED', workerId: 'w1' });

    // then
    expect(throwing).toThrow(domainError(ENGINE_ERRORS.errorNotCaught, { elementId: 'charge', errorCode: 'CARD_DECLINED' }));
    expect(sut.state).toBe(before);
  });

  it('is refused at a user task with ACTIVITY_WRONG_TYPE', async () => {
    // given
    const sut = await Scenario.of(charging([boundaryEvent('any', 'charge', onError())], userTask('charge')));
    sut.start();

    // when
    const throwing = () => sut.execute({ type: 'throwError', activityInstanceId: sut.waiting('charge').id, errorCode: 'X' });

    // then
    expect(throwing).toThrow(domainError(ENGINE_ERRORS.activityWrongType, { elementId: 'charge' }));
  });
});

describe("a called instance's throw, at its call activity", () => {
  it("an error is caught by the call activity's error boundary event, which cancels the call activity", async () => {
    // given
    const sut = await Scenario.of(calling([boundaryEvent('failed', 'call', onError('NO_STOCK'))]));
    sut.start();
    const call = sut.waiting('call');

    // when
    const { state, steps, effects } = sut.execute({ type: 'throwError', activityInstanceId: call.id, errorCode: 'NO_STOCK', sequence: 1 });

    // then
    expect(trail(steps)).toEqual(['call:canceled', 'failed:ready', 'failed:completed', 'handle:ready']);
    expect(effects).toContainEqual({ kind: 'callActivityClosed', id: call.id, outcome: 'canceled', at: '2026-03-02T09:00:00.000Z' });
    expect(waitingAt(state)).toEqual(['handle']);
  });

  it('an escalation reaches a non-interrupting boundary event once per throw, however often it is delivered', async () => {
    // given
    const sut = await Scenario.of(calling([boundaryEvent('late', 'call', onEscalation('LATE'), false)]));
    sut.start();
    const call = sut.waiting('call');
    const escalate = (sequence: number) => sut.execute({ type: 'throwEscalation', activityInstanceId: call.id, escalationCode: 'LATE', sequence });
    escalate(1);

    // when the first throw comes again, then the second
    const again = escalate(1);
    const second = escalate(2);

    // then
    expect(again.steps).toEqual([]);
    expect(trail(second.steps)).toEqual(['late:ready', 'late:completed', 'handle:ready']);
    expect(waitingAt(second.state)).toEqual(['call', 'handle', 'handle']);
  });

  it('an escalation nobody catches is reported, and the call activity goes on waiting', async () => {
    // given a boundary event for another escalation only
    const sut = await Scenario.of(calling([boundaryEvent('other', 'call', onEscalation('OTHER'), false)]));
    sut.start();

    // when
    const { state, effects } = sut.execute({ type: 'throwEscalation', activityInstanceId: sut.waiting('call').id, escalationCode: 'LATE', sequence: 1 });

    // then
    expect(effectsOf(effects, 'escalationUncaught')).toEqual([{ kind: 'escalationUncaught', escalationCode: 'LATE', elementId: 'call', at: '2026-03-02T09:00:00.000Z' }]);
    expect(waitingAt(state)).toEqual(['call']);
  });
});
