import { describe, expect, it } from '@jest/globals';
import { ENGINE_ERRORS } from './model/errors.js';
import {
  boundaryTimer,
  catchEvent,
  compensationBoundary,
  endEvent,
  eventSubProcess,
  exclusiveGateway,
  flow,
  forCompensation,
  onLink,
  onMessage,
  onSignal,
  receiveTask,
  serviceTask,
  startEvent,
  subProcess,
  throwEvent,
  timerCatchEvent,
  userTask,
} from './testing/bpmn-xml.js';
import { domainError } from './testing/domain-error.js';
import { effectsOf, Scenario, trail, waitingAt } from './testing/scenario.js';

/** start -> triage (user) -> decide? -> lookup (external) -> confirmation (receive) -> cooling (timer) -> close (user, inside handle) -> end */
const serviceCase = {
  nodes: [
    startEvent('start'),
    userTask('triage', { 'tandem:candidateGroups': 'desk' }),
    exclusiveGateway('decide', 'f3'),
    serviceTask('lookup', 'crm-lookup'),
    receiveTask('confirmation', 'confirmed', '= ticketId'),
    boundaryTimer('noAnswer', 'confirmation', 'P2D'),
    timerCatchEvent('cooling', 'PT1H'),
    catchEvent('reply', onMessage('reply', '= ticketId')),
    subProcess('handle', {
      nodes: [startEvent('handleStart'), userTask('close'), endEvent('handleEnd')],
      flows: [flow('h1', 'handleStart', 'close'), flow('h2', 'close', 'handleEnd')],
    }),
    throwEvent('note'),
    eventSubProcess('onCancel', { nodes: [startEvent('cancelStart', onSignal('cancel')), endEvent('cancelEnd')], flows: [flow('c1', 'cancelStart', 'cancelEnd')] }),
    catchEvent('jump', onLink('jump')),
    userTask('chase'),
    endEvent('end'),
    endEvent('end2'),
  ],
  flows: [
    flow('f1', 'start', 'triage'),
    flow('f2', 'triage', 'decide'),
    flow('f3', 'decide', 'lookup'),
    flow('f4', 'lookup', 'confirmation'),
    flow('f5', 'confirmation', 'cooling'),
    flow('f6', 'cooling', 'reply'),
    flow('f7', 'reply', 'handle'),
    flow('f8', 'handle', 'note'),
    flow('f9', 'note', 'end'),
    flow('f10', 'noAnswer', 'chase'),
    flow('f11', 'chase', 'end2'),
    flow('f12', 'jump', 'end2'),
  ],
};

describe('startInstance with startBefore (a case moved in)', () => {
  it('starts a case at a user task with its variables and business key: the task is created, the start event never runs', async () => {
    // given
    const sut = await Scenario.of(serviceCase);

    // when
    const { state, steps, effects } = sut.startBefore('triage', { ticketId: 'T-7', tier: 'gold' }, 'T-7');

    // then
    expect(state).toMatchObject({ status: 'active', businessKey: 'T-7', variables: { ticketId: 'T-7', tier: 'gold' } });
    expect(waitingAt(state)).toEqual(['triage']);
    expect(trail(steps)).toEqual(['triage:ready']);
    expect(steps[0].detail).toEqual({ movedIn: 'startBefore' });
    expect(effectsOf(effects, 'taskCreated')).toEqual([expect.objectContaining({ task: expect.objectContaining({ elementId: 'triage', candidateGroups: ['desk'] }) })]);
  });

  it('then runs on as any case: completing the task moves the token along its outgoing flow', async () => {
    // given
    const sut = await Scenario.of(serviceCase);
    sut.startBefore('triage', { ticketId: 'T-7' });

    // when
    const { steps, state } = sut.complete('triage');

    // then
    expect(trail(steps)).toEqual(['triage:started', 'triage:completed', 'decide:ready', 'decide:completed', 'lookup:ready']);
    expect(steps.every(({ detail }) => detail?.movedIn === undefined)).toBe(true);
    expect(waitingAt(state)).toEqual(['lookup']);
  });

  it('starts at a service task as an external task for its topic', async () => {
    // given
    const sut = await Scenario.of(serviceCase);

    // when
    const { state, effects } = sut.startBefore('lookup', { ticketId: 'T-7' });

    // then
    expect(waitingAt(state)).toEqual(['lookup']);
    expect(effectsOf(effects, 'externalTaskCreated')).toEqual([expect.objectContaining({ externalTask: expect.objectContaining({ elementId: 'lookup', topic: 'crm-lookup' }) })]);
  });

  it('starts at a receive task with its subscription (correlated by the moved variables) and its boundary timer armed', async () => {
    // given
    const sut = await Scenario.of(serviceCase);

    // when
    const { state, effects } = sut.startBefore('confirmation', { ticketId: 'T-7' });

    // then
    expect(waitingAt(state)).toEqual(['confirmation']);
    expect(sut.subscription('confirmation')).toMatchObject({ name: 'confirmed', correlationKey: 'T-7' });
    expect(sut.timer('noAnswer')).toBeDefined();
    expect(effectsOf(effects, 'subscriptionOpened').map(({ subscription }) => subscription.elementId)).toEqual(['cancelStart', 'confirmation']);
    expect(effectsOf(effects, 'timerScheduled').map(({ timer }) => timer.elementId)).toEqual(['noAnswer']);
  });

  it('starts at a timer catch event and at a message catch event, each waiting as it would have', async () => {
    // given
    const timerCase = await Scenario.of(serviceCase);
    const messageCase = await Scenario.of(serviceCase);

    // when
    const timer = timerCase.startBefore('cooling');
    const message = messageCase.startBefore('reply', { ticketId: 'T-9' });

    // then
    expect(waitingAt(timer.state)).toEqual(['cooling']);
    expect(timerCase.timer('cooling')).toMatchObject({ elementId: 'cooling' });
    expect(waitingAt(message.state)).toEqual(['reply']);
    expect(messageCase.subscription('reply')).toMatchObject({ name: 'reply', correlationKey: 'T-9' });
  });

  it('starts at a process-level sub-process by entering it, and keeps the event sub-processes listening', async () => {
    // given
    const sut = await Scenario.of(serviceCase);

    // when
    const { state, steps } = sut.startBefore('handle');

    // then
    expect(trail(steps)).toEqual(['handle:ready', 'handle:started', 'handleStart:ready', 'handleStart:completed', 'close:ready']);
    expect(waitingAt(state)).toEqual(['handle', 'close']);
    expect(state.subscriptions.map(({ elementId }) => elementId)).toEqual(['cancelStart']);
  });

  it('refuses a compensation handler: only a compensation throw runs it', async () => {
    // given a task with its compensation handler
    const sut = await Scenario.of({
      nodes: [startEvent('start'), userTask('book'), compensationBoundary('bookUndo', 'book'), forCompensation(userTask('cancelBooking')), endEvent('end')],
      flows: [flow('f1', 'start', 'book'), flow('f2', 'book', 'end')],
      associations: [['bookUndo', 'cancelBooking']],
    });

    // when
    const act = () => sut.startBefore('cancelBooking');

    // then
    expect(act).toThrow(domainError(ENGINE_ERRORS.startBeforeInvalid, { field: 'startBefore', elementId: 'cancelBooking' }));
    expect(act).toThrow("'cancelBooking' (userTask) is a compensation handler");
  });

  it.each([
    ['an unknown element', 'nowhere', "Process 'process' has no element 'nowhere'"],
    ['an element inside a sub-process', 'close', "'close' (userTask) sits inside sub-process 'handle'"],
    ['a gateway', 'decide', "'decide' (exclusiveGateway) is no activity or catch event"],
    ['a start event', 'start', "'start' (startEvent) is no activity or catch event"],
    ['an end event', 'end', "'end' (endEvent) is no activity or catch event"],
    ['a throw event', 'note', "'note' (intermediateThrowEvent) is no activity or catch event"],
    ['a boundary event', 'noAnswer', "'noAnswer' (boundaryEvent) is no activity or catch event"],
    ['a link catch event', 'jump', "'jump' (intermediateCatchEvent) is no activity or catch event"],
    ['an event sub-process', 'onCancel', "'onCancel' (subProcess) is an event sub-process"],
    ['a start event inside an event sub-process', 'cancelStart', "sits inside sub-process 'onCancel'"],
  ])('refuses %s with START_BEFORE_INVALID naming startBefore and the element', async (_what, elementId, message) => {
    // given
    const sut = await Scenario.of(serviceCase);

    // when
    const act = () => sut.startBefore(elementId);

    // then
    expect(act).toThrow(domainError(ENGINE_ERRORS.startBeforeInvalid, { field: 'startBefore', elementId }));
    expect(act).toThrow(message);
    expect(act).toThrow(/^startBefore: /);
  });
});
