import { describe, expect, it } from '@jest/globals';
import { ENGINE_ERRORS } from '../model/errors.js';
import { endEvent, flow, onMessage, onSignal, onTimer, startEvent, userTask, withIoMapping } from '../testing/bpmn-xml.js';
import { domainError } from '../testing/domain-error.js';
import { Scenario, trail, waitingAt } from '../testing/scenario.js';

const singleTask = {
  nodes: [startEvent('start'), userTask('task'), endEvent('end')],
  flows: [flow('f1', 'start', 'task'), flow('f2', 'task', 'end')],
};

describe('startEvent', () => {
  it('creates an active instance with the variables, business key and start time', async () => {
    // given
    const sut = await Scenario.of(singleTask);

    // when
    const { state } = sut.start({ customer: 'C-7' }, 'case-42');

    // then
    expect(state).toMatchObject({
      id: 'instance-1',
      processKey: 'process',
      processVersionId: 'version-1',
      businessKey: 'case-42',
      status: 'active',
      startedAt: '2026-03-02T09:00:00.000Z',
      variables: { customer: 'C-7' },
      timers: [],
      joins: {},
    });
  });

  it("applies a none start event's output mappings to the start variables, keeping them, as Camunda 8 does", async () => {
    // given
    const sut = await Scenario.of({
      nodes: [withIoMapping(startEvent('start'), { outputs: { customerName: '= customer.name', channel: '= "web"' } }), userTask('task'), endEvent('end')],
      flows: [flow('f1', 'start', 'task'), flow('f2', 'task', 'end')],
    });

    // when
    const { state } = sut.start({ customer: { name: 'Ada' } });

    // then
    expect(state.variables).toEqual({ customer: { name: 'Ada' }, customerName: 'Ada', channel: 'web' });
  });

  it('leaves ready and completed at the start instant and hands the token to the next node', async () => {
    // given
    const sut = await Scenario.of(singleTask);

    // when
    const { steps } = sut.start();

    // then
    expect(trail(steps)).toEqual(['start:ready', 'start:completed', 'task:ready']);
    const [ready, completed, next] = steps;
    expect(completed.activityInstanceId).toBe(ready.activityInstanceId);
    expect(next.previousActivityInstanceId).toBe(ready.activityInstanceId);
    expect(ready.previousActivityInstanceId).toBeUndefined();
    expect(steps.every(({ at, instanceId }) => at === '2026-03-02T09:00:00.000Z' && instanceId === 'instance-1')).toBe(true);
  });

  it('takes every outgoing flow when it has several', async () => {
    // given
    const sut = await Scenario.of({
      nodes: [startEvent('start'), userTask('a'), userTask('b'), endEvent('endA'), endEvent('endB')],
      flows: [flow('f1', 'start', 'a'), flow('f2', 'start', 'b'), flow('f3', 'a', 'endA'), flow('f4', 'b', 'endB')],
    });

    // when
    const { state, steps } = sut.start();

    // then
    expect(waitingAt(state)).toEqual(['a', 'b']);
    expect(trail(steps)).toEqual(['start:ready', 'start:completed', 'a:ready', 'b:ready']);
  });

  it('takes every id from the id generator and the lane from the node', async () => {
    // given
    const sut = await Scenario.of({ ...singleTask, lanes: { frontline: ['start', 'task', 'end'] } });

    // when
    const { steps, state } = sut.start();

    // then
    const ids = [...steps.map(({ id }) => id), ...steps.map(({ activityInstanceId }) => activityInstanceId)];
    expect(ids.every((id) => /^id-\d+$/.test(id))).toBe(true);
    expect(new Set(steps.map(({ id }) => id)).size).toBe(steps.length);
    expect(steps.map(({ laneId }) => laneId)).toEqual(['frontline', 'frontline', 'frontline']);
    expect(state.activities[0].id).toBe(steps[2].activityInstanceId);
  });

  it('produces the same result for the same clock and ids', async () => {
    // given
    const first = await Scenario.of(singleTask);
    const second = await Scenario.of(singleTask);

    // when
    const results = [first.start({ n: 1 }), second.start({ n: 1 })];

    // then
    expect(results[0]).toEqual(results[1]);
  });
});

/** A web form (none start), an e-mail (message start) and a recall signal each start a case. */
const severalStarts = {
  nodes: [startEvent('web'), startEvent('email', onMessage('email-received')), startEvent('recall', onSignal('recall')), userTask('triage'), endEvent('end')],
  flows: [flow('f1', 'web', 'triage'), flow('f2', 'email', 'triage'), flow('f3', 'recall', 'triage'), flow('f4', 'triage', 'end')],
};

describe('startEvent (message and signal)', () => {
  it('the graph lists every process-level start event, the none start event first', async () => {
    // given
    const sut = await Scenario.of(severalStarts);

    // then
    expect(sut.graph).toMatchObject({ startEventId: 'web', startEventIds: ['web', 'email', 'recall'] });
    expect(sut.graph.nodes['email']).toMatchObject({ eventDefinition: { type: 'message', messageName: 'email-received' } });
  });

  it("starts at the start event the app names, with the message's variables", async () => {
    // given
    const sut = await Scenario.of(severalStarts);

    // when
    const { state, steps } = sut.start({ subject: 'broken' }, undefined, 'email');

    // then
    expect(trail(steps)).toEqual(['email:ready', 'email:completed', 'triage:ready']);
    expect(state.variables).toEqual({ subject: 'broken' });
  });

  it('rejects a start event that is not at the process level with START_EVENT_NOT_FOUND', async () => {
    // given
    const sut = await Scenario.of(severalStarts);

    // when
    const start = () => sut.start({}, undefined, 'triage');

    // then
    expect(start).toThrow(domainError(ENGINE_ERRORS.startEventNotFound, { startEventId: 'triage' }));
  });

  it('needs a start event named when the process has no none start event', async () => {
    // given
    const sut = await Scenario.of({
      nodes: [startEvent('email', onMessage('email-received')), userTask('triage'), endEvent('end')],
      flows: [flow('f1', 'email', 'triage'), flow('f2', 'triage', 'end')],
    });

    // when
    const start = () => sut.start();

    // then
    expect(sut.graph.startEventId).toBeUndefined();
    expect(start).toThrow(domainError(ENGINE_ERRORS.startEventNotFound));
  });
});

describe('startEvent (timer)', () => {
  it('exposes its timer so the app schedules the process-level job, then starts there', async () => {
    // given a weekly review started by a timer
    const sut = await Scenario.of({
      nodes: [startEvent('weekly', onTimer({ cycle: 'R/P7D' })), userTask('review'), endEvent('end')],
      flows: [flow('f1', 'weekly', 'review'), flow('f2', 'review', 'end')],
    });

    // when
    const { steps } = sut.start({}, undefined, 'weekly');

    // then
    expect(sut.graph.startEventIds).toEqual(['weekly']);
    expect(sut.graph.nodes['weekly']).toMatchObject({ eventDefinition: { type: 'timer', timeCycle: 'R/P7D' } });
    expect(trail(steps)).toEqual(['weekly:ready', 'weekly:completed', 'review:ready']);
  });
});
