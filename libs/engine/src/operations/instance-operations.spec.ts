import { describe, expect, it } from '@jest/globals';
import { ENGINE_ERRORS } from '../model/errors.js';
import { boundaryTimer, endEvent, flow, parallelGateway, serviceTask, startEvent, subProcess, timerCatchEvent, userTask } from '../testing/bpmn-xml.js';
import { domainError } from '../testing/domain-error.js';
import { effectsOf, Scenario, trail, waitingAt } from '../testing/scenario.js';

/** A fork into a guarded user task, a worker step inside a sub-process, and a one-day wait. */
const caseModel = {
  nodes: [
    startEvent('start'),
    parallelGateway('fork'),
    userTask('answer'),
    boundaryTimer('overdue', 'answer', 'PT4H'),
    endEvent('escalated'),
    subProcess('lookup', {
      nodes: [startEvent('lookup-start'), serviceTask('fetch', 'crm'), endEvent('lookup-end')],
      flows: [flow('l1', 'lookup-start', 'fetch'), flow('l2', 'fetch', 'lookup-end')],
    }),
    timerCatchEvent('wait-a-day', 'P1D'),
    parallelGateway('join'),
    endEvent('done'),
  ],
  flows: [
    flow('f1', 'start', 'fork'),
    flow('f2', 'fork', 'answer'),
    flow('f3', 'fork', 'lookup'),
    flow('f4', 'fork', 'wait-a-day'),
    flow('f5', 'answer', 'join'),
    flow('f6', 'lookup', 'join'),
    flow('f7', 'wait-a-day', 'join'),
    flow('f8', 'join', 'done'),
    flow('f9', 'overdue', 'escalated'),
  ],
};

describe('cancelInstance', () => {
  it('cancels every waiting activity, scopes with their contents, closes work items and timers, and ends the instance as canceled', async () => {
    // given a case waiting at a claimed task, a worker step in a sub-process and a timer
    const sut = await Scenario.of(caseModel);
    sut.start();
    sut.claim('answer', 'anna');
    const answer = sut.waiting('answer');
    const fetch = sut.waiting('fetch');
    const timerIds = sut.state.timers.map(({ id }) => id);

    // when an operator cancels it
    const { state, steps, effects } = sut.execute({ type: 'cancelInstance', actor: 'olga', reason: 'customer withdrew' });

    // then nothing waits any more, and every activity instance left a canceled step
    expect(state).toEqual(expect.objectContaining({ status: 'canceled', endedAt: '2026-03-02T09:00:00.000Z', activities: [], timers: [] }));
    expect(trail(steps).sort()).toEqual(['answer:canceled', 'fetch:canceled', 'lookup:canceled', 'wait-a-day:canceled']);
    expect(effectsOf(effects, 'taskClosed')).toEqual([{ kind: 'taskClosed', id: answer.id, outcome: 'canceled', at: '2026-03-02T09:00:00.000Z' }]);
    expect(effectsOf(effects, 'externalTaskClosed').map(({ id, outcome }) => ({ id, outcome }))).toEqual([{ id: fetch.id, outcome: 'canceled' }]);
    expect(
      effectsOf(effects, 'timerCanceled')
        .map(({ timerId }) => timerId)
        .sort(),
    ).toEqual([...timerIds].sort());
    expect(effectsOf(effects, 'instanceEnded')).toEqual([
      { kind: 'instanceEnded', status: 'canceled', at: '2026-03-02T09:00:00.000Z', actor: 'olga', reason: 'customer withdrew' },
    ]);
  });

  it('refuses an instance that has ended', async () => {
    // given a canceled case
    const sut = await Scenario.of(caseModel);
    sut.start();
    sut.execute({ type: 'cancelInstance' });

    // when it is canceled again, then it is refused
    expect(() => sut.execute({ type: 'cancelInstance' })).toThrow(domainError(ENGINE_ERRORS.instanceNotActive, { status: 'canceled' }));
  });
});

describe('suspendInstance and resumeInstance', () => {
  it('suspends the instance, recording who and why, without touching its work', async () => {
    // given a waiting case
    const sut = await Scenario.of(caseModel);
    sut.start();
    const before = sut.state;

    // when an operator suspends it
    const { state, steps, effects } = sut.execute({ type: 'suspendInstance', actor: 'olga', reason: 'fraud check' });

    // then it is suspended with its tokens and timers where they were
    expect(state.status).toBe('suspended');
    expect(state.activities).toEqual(before.activities);
    expect(state.timers).toEqual(before.timers);
    expect(steps).toEqual([]);
    expect(effects).toEqual([{ kind: 'instanceSuspended', at: '2026-03-02T09:00:00.000Z', actor: 'olga', reason: 'fraud check' }]);
  });

  it('refuses every command that would move a suspended instance', async () => {
    // given a suspended case
    const sut = await Scenario.of(caseModel);
    sut.start();
    sut.execute({ type: 'suspendInstance' });
    const suspended = domainError(ENGINE_ERRORS.instanceSuspended, { status: 'suspended' });

    // when its task is claimed or completed, its worker step locked or completed, its timer fired: then each is refused
    expect(() => sut.claim('answer', 'anna')).toThrow(suspended);
    expect(() => sut.complete('answer')).toThrow(suspended);
    expect(() => sut.lock('fetch', 'worker-1')).toThrow(suspended);
    expect(() => sut.completeExternal('fetch', 'worker-1')).toThrow(suspended);
    expect(() => sut.fire('wait-a-day')).toThrow(suspended);
    expect(() => sut.execute({ type: 'suspendInstance' })).toThrow(suspended);
  });

  it('resumes: the refused work goes through, and a timer due meanwhile fires', async () => {
    // given a case suspended for two days
    const sut = await Scenario.of(caseModel);
    sut.start();
    sut.execute({ type: 'suspendInstance' });
    sut.clock.advance('P2D');

    // when it is resumed
    const { state, effects } = sut.execute({ type: 'resumeInstance', actor: 'olga', reason: 'check passed' });

    // then it is active again, and the work proceeds
    expect(state.status).toBe('active');
    expect(effects).toEqual([{ kind: 'instanceResumed', at: '2026-03-04T09:00:00.000Z', actor: 'olga', reason: 'check passed' }]);
    expect(trail(sut.fire('wait-a-day').steps)).toEqual(['wait-a-day:completed']);
    expect(trail(sut.complete('answer', {}, 'anna').steps)).toEqual(['answer:claimed', 'answer:started', 'answer:completed']);
  });

  it('refuses to resume an instance that is not suspended', async () => {
    // given an active case
    const sut = await Scenario.of(caseModel);
    sut.start();

    // when it is resumed, then it is refused
    expect(() => sut.execute({ type: 'resumeInstance' })).toThrow(domainError(ENGINE_ERRORS.instanceNotSuspended));
  });

  it('lets an operator cancel a suspended instance or fix its variables', async () => {
    // given a suspended case
    const sut = await Scenario.of(caseModel);
    sut.start({ amount: 100 });
    sut.execute({ type: 'suspendInstance' });

    // when its variables are corrected, it stays suspended
    expect(sut.execute({ type: 'setVariables', variables: { amount: 120 } }).state).toEqual(expect.objectContaining({ status: 'suspended', variables: { amount: 120 } }));
    // and when it is canceled, it ends
    expect(sut.execute({ type: 'cancelInstance' }).state.status).toBe('canceled');
  });
});

describe('setVariables', () => {
  it('sets instance variables and records the names that changed, with who and why', async () => {
    // given a case with two variables
    const sut = await Scenario.of(caseModel);
    sut.start({ amount: 100, tier: 'gold' });

    // when an operator sets one to its old value, changes one and adds one
    const { state, steps, effects } = sut.execute({
      type: 'setVariables',
      variables: { tier: 'gold', amount: 250, note: { by: 'phone' } },
      actor: 'olga',
      reason: 'customer called',
    });

    // then the instance has the new values, and the record names only the changed ones
    expect(state.variables).toEqual({ amount: 250, tier: 'gold', note: { by: 'phone' } });
    expect(steps).toEqual([]);
    expect(effects).toEqual([{ kind: 'variablesSet', names: ['amount', 'note'], actor: 'olga', reason: 'customer called', at: '2026-03-02T09:00:00.000Z' }]);
  });

  it('sets variables locally on an activity instance', async () => {
    // given a waiting task
    const sut = await Scenario.of(caseModel);
    sut.start({ amount: 100 });
    const answer = sut.waiting('answer');

    // when a variable is set on it
    const { state, effects } = sut.execute({ type: 'setVariables', variables: { draft: 'hello' }, activityInstanceId: answer.id });

    // then the task holds it and the instance does not
    expect(state.activities.find(({ id }) => id === answer.id)?.variables).toEqual({ draft: 'hello' });
    expect(state.variables).toEqual({ amount: 100 });
    expect(effectsOf(effects, 'variablesSet')).toEqual([{ kind: 'variablesSet', names: ['draft'], activityInstanceId: answer.id, at: '2026-03-02T09:00:00.000Z' }]);
  });

  it('refuses an activity instance that does not wait', async () => {
    // given a case
    const sut = await Scenario.of(caseModel);
    sut.start();

    // when a variable is set on an unknown activity instance, then it is refused
    expect(() => sut.execute({ type: 'setVariables', variables: { a: 1 }, activityInstanceId: 'nope' })).toThrow(
      domainError(ENGINE_ERRORS.activityNotActive, { activityInstanceId: 'nope' }),
    );
    expect(waitingAt(sut.state).sort()).toEqual(['answer', 'fetch', 'lookup', 'wait-a-day']);
  });
});
