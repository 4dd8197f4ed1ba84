import { describe, expect, it } from '@jest/globals';
import { ENGINE_ERRORS } from '../model/errors.js';
import type { StepEvent } from '../model/steps.js';
import { endEvent, flow, serviceTask, startEvent, userTask } from '../testing/bpmn-xml.js';
import { domainError } from '../testing/domain-error.js';
import { effectsOf, Scenario, trail, waitingAt } from '../testing/scenario.js';

const withTask = (attributes: Record<string, string> = {}) => ({
  nodes: [startEvent('start'), userTask('task', attributes), userTask('next'), endEvent('end')],
  flows: [flow('f1', 'start', 'task'), flow('f2', 'task', 'next'), flow('f3', 'next', 'end')],
});

const started = async (attributes: Record<string, string> = {}) => {
  const sut = await Scenario.of(withTask(attributes));
  sut.start();
  return sut;
};

const command = (sut: Scenario, type: 'startTask' | 'pauseTask' | 'unclaimTask', actor: string) => sut.execute({ type, activityInstanceId: sut.waiting('task').id, actor });

const summary = (steps: StepEvent[]) => steps.map(({ type, actor, at, detail }) => ({ type, actor, at, ...(detail && { detail }) }));

describe('the user task lifecycle', () => {
  describe('claimTask', () => {
    it('claims the task for the actor without starting it', async () => {
      // given
      const sut = await started();
      sut.clock.advance('PT10M');

      // when
      const { steps, effects } = sut.claim('task', 'ann');

      // then
      expect(summary(steps)).toEqual([{ type: 'claimed', actor: 'ann', at: '2026-03-02T09:10:00.000Z' }]);
      expect(effectsOf(effects, 'taskUpdated')).toEqual([expect.objectContaining({ state: 'claimed', assignee: 'ann', claimedAt: '2026-03-02T09:10:00.000Z', startedAt: null })]);
      expect(sut.waiting('task')).toMatchObject({ state: 'claimed', assignee: 'ann', claimedAt: '2026-03-02T09:10:00.000Z' });
    });

    it('claims and starts at one instant when asked to start', async () => {
      // given
      const sut = await started();

      // when
      const { steps } = sut.execute({ type: 'claimTask', activityInstanceId: sut.waiting('task').id, actor: 'ann', start: true });

      // then
      expect(trail(steps)).toEqual(['task:claimed', 'task:started']);
      expect(sut.waiting('task')).toMatchObject({ state: 'started', assignee: 'ann' });
    });

    it('changes nothing when the same actor claims again', async () => {
      // given
      const sut = await started();
      sut.claim('task', 'ann');
      const before = sut.state;

      // when
      const { state, steps } = sut.claim('task', 'ann');

      // then
      expect(steps).toEqual([]);
      expect(state.activities).toEqual(before.activities);
    });

    it('rejects a second user with TASK_ALREADY_CLAIMED', async () => {
      // given
      const sut = await started();
      sut.claim('task', 'ann');

      // when
      const claim = () => sut.claim('task', 'bob');

      // then
      expect(claim).toThrow(domainError(ENGINE_ERRORS.taskAlreadyClaimed));
    });

    it('rejects anyone but the assignee the model names with TASK_ALREADY_CLAIMED', async () => {
      // given
      const sut = await started({ 'tandem:assignee': 'ann' });

      // when
      const claim = () => sut.claim('task', 'bob');

      // then
      expect(claim).toThrow(domainError(ENGINE_ERRORS.taskAlreadyClaimed));
      expect(trail(sut.claim('task', 'ann').steps)).toEqual(['task:claimed']);
    });

    it('rejects an external task with ACTIVITY_WRONG_TYPE', async () => {
      // given
      const sut = await Scenario.of({
        nodes: [startEvent('start'), serviceTask('job', 'billing'), endEvent('end')],
        flows: [flow('f1', 'start', 'job'), flow('f2', 'job', 'end')],
      });
      sut.start();

      // when
      const claim = () => sut.claim('job', 'ann');

      // then
      expect(claim).toThrow(domainError(ENGINE_ERRORS.activityWrongType));
    });
  });

  describe('startTask and pauseTask', () => {
    it('separates queue, claimed-but-idle and working time in the ledger', async () => {
      // given a task ready at 09:00
      const sut = await started();
      const ledger: StepEvent[] = [];

      // when ann claims at 09:10, starts at 09:15, pauses at 09:25, starts again at 09:40 and completes at 09:45
      sut.clock.advance('PT10M');
      ledger.push(...sut.claim('task', 'ann').steps);
      sut.clock.advance('PT5M');
      ledger.push(...command(sut, 'startTask', 'ann').steps);
      sut.clock.advance('PT10M');
      ledger.push(...command(sut, 'pauseTask', 'ann').steps);
      sut.clock.advance('PT15M');
      ledger.push(...command(sut, 'startTask', 'ann').steps);
      sut.clock.advance('PT5M');
      ledger.push(...sut.complete('task', undefined, 'ann').steps.filter(({ elementId }) => elementId === 'task'));

      // then each change is one step at its instant
      expect(summary(ledger)).toEqual([
        { type: 'claimed', actor: 'ann', at: '2026-03-02T09:10:00.000Z' },
        { type: 'started', actor: 'ann', at: '2026-03-02T09:15:00.000Z' },
        { type: 'paused', actor: 'ann', at: '2026-03-02T09:25:00.000Z' },
        { type: 'started', actor: 'ann', at: '2026-03-02T09:40:00.000Z' },
        { type: 'completed', actor: 'ann', at: '2026-03-02T09:45:00.000Z' },
      ]);
    });

    it('claims first when an unclaimed task is started', async () => {
      // given
      const sut = await started();

      // when
      const { steps } = command(sut, 'startTask', 'ann');

      // then
      expect(summary(steps)).toEqual([
        { type: 'claimed', actor: 'ann', at: '2026-03-02T09:00:00.000Z' },
        { type: 'started', actor: 'ann', at: '2026-03-02T09:00:00.000Z' },
      ]);
    });

    it('rejects starting a task someone else holds with TASK_CLAIMED_BY_OTHER', async () => {
      // given
      const sut = await started();
      sut.claim('task', 'ann');

      // when
      const start = () => command(sut, 'startTask', 'bob');

      // then
      expect(start).toThrow(domainError(ENGINE_ERRORS.taskClaimedByOther));
    });

    it('rejects starting a started task and pausing one that is not started with TASK_WRONG_STATE naming the state', async () => {
      // given
      const sut = await started();
      sut.claim('task', 'ann');

      // when / then
      expect(() => command(sut, 'pauseTask', 'ann')).toThrow(domainError(ENGINE_ERRORS.taskWrongState, { state: 'claimed' }));
      command(sut, 'startTask', 'ann');
      expect(() => command(sut, 'startTask', 'ann')).toThrow(domainError(ENGINE_ERRORS.taskWrongState, { state: 'started' }));
    });
  });

  describe('unclaimTask', () => {
    it('pauses a started task first, then gives it back to the queue', async () => {
      // given
      const sut = await started();
      command(sut, 'startTask', 'ann');
      sut.clock.advance('PT3M');

      // when
      const { steps, effects } = command(sut, 'unclaimTask', 'ann');

      // then
      expect(trail(steps)).toEqual(['task:paused', 'task:unclaimed']);
      expect(effectsOf(effects, 'taskUpdated')).toEqual([expect.objectContaining({ state: 'ready', assignee: null, claimedAt: null })]);
      expect(sut.waiting('task')).not.toHaveProperty('assignee');
      expect(trail(sut.claim('task', 'bob').steps)).toEqual(['task:claimed']);
    });

    it('rejects a task nobody holds with TASK_WRONG_STATE', async () => {
      // given
      const sut = await started();

      // when
      const unclaim = () => command(sut, 'unclaimTask', 'ann');

      // then
      expect(unclaim).toThrow(domainError(ENGINE_ERRORS.taskWrongState, { state: 'ready' }));
    });
  });

  describe('assignTask and delegateTask', () => {
    it('records an assignment as the holder unclaiming and the assignee claiming, by whom', async () => {
      // given ann works on the task
      const sut = await started();
      command(sut, 'startTask', 'ann');

      // when the supervisor gives it to bob
      const { steps } = sut.execute({ type: 'assignTask', activityInstanceId: sut.waiting('task').id, actor: 'sue', assignee: 'bob' });

      // then
      expect(steps.map(({ type, actor, detail }) => ({ type, actor, detail }))).toEqual([
        { type: 'paused', actor: 'ann', detail: undefined },
        { type: 'unclaimed', actor: 'ann', detail: { by: 'sue' } },
        { type: 'claimed', actor: 'bob', detail: { by: 'sue' } },
      ]);
      expect(sut.waiting('task')).toMatchObject({ state: 'claimed', assignee: 'bob' });
    });

    it('lets a delegate complete the task back to its owner, whose completion carries the delegate’s variables', async () => {
      // given ann delegates her task to eva
      const sut = await started();
      sut.claim('task', 'ann');
      const delegated = sut.execute({ type: 'delegateTask', activityInstanceId: sut.waiting('task').id, actor: 'ann', to: 'eva' });

      // when eva completes it, then ann does
      const handedBack = sut.complete('task', { finding: 'faulty part' }, 'eva');
      const { state } = sut.complete('task', { solved: true }, 'ann');

      // then
      expect(delegated.steps.map(({ type, actor }) => `${type}:${actor}`)).toEqual(['unclaimed:ann', 'claimed:eva']);
      expect(effectsOf(delegated.effects, 'taskUpdated')).toEqual([expect.objectContaining({ assignee: 'eva', owner: 'ann' })]);
      expect(handedBack.steps.map(({ type, actor }) => `${type}:${actor}`)).toEqual(['unclaimed:eva', 'claimed:ann']);
      expect(state.variables).toEqual({ finding: 'faulty part', solved: true });
      expect(waitingAt(state)).toEqual(['next']);
    });

    it('rejects delegating a task someone else holds with TASK_CLAIMED_BY_OTHER', async () => {
      // given
      const sut = await started();
      sut.claim('task', 'ann');

      // when
      const delegate = () => sut.execute({ type: 'delegateTask', activityInstanceId: sut.waiting('task').id, actor: 'bob', to: 'eva' });

      // then
      expect(delegate).toThrow(domainError(ENGINE_ERRORS.taskClaimedByOther));
    });
  });

  describe('completeTask', () => {
    it('completes a claimed task, records the never-started work as started at completion, and moves the token on', async () => {
      // given
      const sut = await Scenario.of(withTask());
      sut.start({ customer: { id: 'C-1' }, channel: 'phone' });
      sut.claim('task', 'ann');
      const task = sut.waiting('task');
      sut.clock.advance('PT7M');

      // when
      const { state, steps, effects } = sut.complete('task', { customer: { tier: 'gold' }, solved: true }, 'ann');

      // then
      expect(trail(steps)).toEqual(['task:started', 'task:completed', 'next:ready']);
      expect(steps[1]).toMatchObject({ actor: 'ann', at: '2026-03-02T09:07:00.000Z' });
      expect(steps[2].previousActivityInstanceId).toBe(task.id);
      expect(effects[0]).toEqual({ kind: 'taskClosed', id: task.id, outcome: 'completed', at: '2026-03-02T09:07:00.000Z' });
      expect(state.variables).toEqual({ customer: { tier: 'gold' }, channel: 'phone', solved: true });
      expect(waitingAt(state)).toEqual(['next']);
    });

    it('claims, starts and completes an unclaimed task at the same instant', async () => {
      // given
      const sut = await started();
      sut.clock.advance('PT1H');

      // when
      const { steps } = sut.complete('task', undefined, 'bob');

      // then
      expect(summary(steps.slice(0, 3))).toEqual([
        { type: 'claimed', actor: 'bob', at: '2026-03-02T10:00:00.000Z' },
        { type: 'started', actor: 'bob', at: '2026-03-02T10:00:00.000Z' },
        { type: 'completed', actor: 'bob', at: '2026-03-02T10:00:00.000Z' },
      ]);
    });

    it('rejects a user other than the one holding the task with TASK_CLAIMED_BY_OTHER', async () => {
      // given
      const sut = await started();
      sut.claim('task', 'ann');

      // when
      const complete = () => sut.complete('task', {}, 'bob');

      // then
      expect(complete).toThrow(domainError(ENGINE_ERRORS.taskClaimedByOther));
    });

    it('lets a command without an actor complete a claimed task in the holder’s name', async () => {
      // given
      const sut = await started();
      command(sut, 'startTask', 'ann');

      // when
      const { steps } = sut.complete('task');

      // then
      expect(steps[0]).toMatchObject({ type: 'completed', actor: 'ann' });
    });

    it('rejects a second completion with ACTIVITY_NOT_ACTIVE', async () => {
      // given
      const sut = await started();
      const taskId = sut.waiting('task').id;
      sut.complete('task');

      // when
      const completeAgain = () => sut.execute({ type: 'completeTask', activityInstanceId: taskId });

      // then
      expect(completeAgain).toThrow(domainError(ENGINE_ERRORS.activityNotActive));
    });

    it('leaves the given state unchanged', async () => {
      // given
      const sut = await Scenario.of(withTask());
      const before = sut.start({ a: 1 }).state;
      const copy = structuredClone(before);

      // when
      const { state: after } = sut.complete('task', { a: 2 });

      // then
      expect(before).toEqual(copy);
      expect(after).not.toBe(before);
      expect(after.variables).toEqual({ a: 2 });
    });
  });
});
