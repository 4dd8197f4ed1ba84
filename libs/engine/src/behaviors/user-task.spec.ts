import { describe, expect, it } from '@jest/globals';
import { ENGINE_ERRORS } from '../model.js';
import { domainError } from '../testing/domain-error.js';
import { endEvent, flow, serviceTask, startEvent, userTask } from '../testing/bpmn-xml.js';
import { effectsOf, Scenario, trail, waitingAt } from '../testing/scenario.js';

const withTask = (attributes: Record<string, string> = {}) => ({
  nodes: [startEvent('start'), userTask('task', attributes), userTask('next'), endEvent('end')],
  flows: [flow('f1', 'start', 'task'), flow('f2', 'task', 'next'), flow('f3', 'next', 'end')],
});

describe('userTask', () => {
  describe('when a token arrives', () => {
    it('waits in state ready and announces a task with its candidates, form and lane', async () => {
      // given
      const sut = await Scenario.of({
        ...withTask({
          name: 'Answer',
          'tandem:candidateGroups': 'agents, seniors',
          'tandem:candidateUsers': 'ann',
          'tandem:formKey': 'answer-form',
        }),
        lanes: { frontline: ['start', 'task'], backoffice: ['next', 'end'] },
      });

      // when
      const { state, effects } = sut.start();

      // then
      const task = sut.waiting('task');
      expect(task).toMatchObject({ elementType: 'userTask', state: 'ready', readyAt: '2026-03-02T09:00:00.000Z', boundaryTimerIds: [] });
      expect(effects).toEqual([
        {
          kind: 'taskCreated',
          task: {
            id: task.id,
            elementId: 'task',
            name: 'Answer',
            laneId: 'frontline',
            candidateGroups: ['agents', 'seniors'],
            candidateUsers: ['ann'],
            formKey: 'answer-form',
            createdAt: '2026-03-02T09:00:00.000Z',
          },
        },
      ]);
      expect(state.status).toBe('active');
    });

    it('takes a literal assignee and holds the task for that user', async () => {
      // given
      const sut = await Scenario.of(withTask({ 'tandem:assignee': 'ann' }));

      // when
      const { effects } = sut.start();

      // then
      expect(effectsOf(effects, 'taskCreated')[0].task.assignee).toBe('ann');
      expect(sut.waiting('task')).toMatchObject({ state: 'ready', assignee: 'ann' });
    });

    it('evaluates an assignee starting with = as FEEL', async () => {
      // given
      const sut = await Scenario.of(withTask({ 'tandem:assignee': '=owner.name' }));

      // when
      const { effects } = sut.start({ owner: { name: 'bob' } });

      // then
      expect(effectsOf(effects, 'taskCreated')[0].task.assignee).toBe('bob');
    });

    it('leaves the task unassigned when the assignee expression yields null', async () => {
      // given
      const sut = await Scenario.of(withTask({ 'tandem:assignee': '=owner' }));

      // when
      const { effects } = sut.start();

      // then
      expect(effectsOf(effects, 'taskCreated')[0].task).not.toHaveProperty('assignee');
    });

    it('sets dueAt from an ISO duration', async () => {
      // given
      const sut = await Scenario.of(withTask({ 'tandem:dueIn': 'PT4H' }));

      // when
      const { effects } = sut.start();

      // then
      expect(effectsOf(effects, 'taskCreated')[0].task.dueAt).toBe('2026-03-02T13:00:00.000Z');
    });

    it('sets dueAt from a FEEL expression yielding a duration', async () => {
      // given
      const sut = await Scenario.of(withTask({ 'tandem:dueIn': '=if priority = "high" then "PT1H" else "P2D"' }));

      // when
      const { effects } = sut.start({ priority: 'high' });

      // then
      expect(effectsOf(effects, 'taskCreated')[0].task.dueAt).toBe('2026-03-02T10:00:00.000Z');
    });

    it('fails with EXPRESSION_FAILED naming the task when dueIn yields no duration', async () => {
      // given
      const sut = await Scenario.of(withTask({ 'tandem:dueIn': '=hours' }));

      // when
      const start = () => sut.start({ hours: 4 });

      // then
      expect(start).toThrow(domainError(ENGINE_ERRORS.expressionFailed, { elementId: 'task' }));
    });

    it('fails with EXPRESSION_FAILED naming the task when dueIn yields text that is no duration', async () => {
      // given
      const sut = await Scenario.of(withTask({ 'tandem:dueIn': '=sla' }));

      // when
      const start = () => sut.start({ sla: 'tomorrow' });

      // then
      expect(start).toThrow(domainError(ENGINE_ERRORS.expressionFailed, { elementId: 'task' }));
    });
  });

  describe('claimTask', () => {
    it('claims and starts the task for the actor', async () => {
      // given
      const sut = await Scenario.of(withTask());
      sut.start();
      sut.clock.advance('PT10M');

      // when
      const { steps, effects } = sut.claim('task', 'ann');

      // then
      expect(steps.map(({ type, actor, at }) => ({ type, actor, at }))).toEqual([
        { type: 'claimed', actor: 'ann', at: '2026-03-02T09:10:00.000Z' },
        { type: 'started', actor: 'ann', at: '2026-03-02T09:10:00.000Z' },
      ]);
      expect(effects).toEqual([{ kind: 'taskClaimed', taskId: sut.waiting('task').id, assignee: 'ann', at: '2026-03-02T09:10:00.000Z' }]);
      expect(sut.waiting('task')).toMatchObject({
        state: 'started',
        assignee: 'ann',
        claimedAt: '2026-03-02T09:10:00.000Z',
        startedAt: '2026-03-02T09:10:00.000Z',
      });
    });

    it('changes nothing when the same actor claims again', async () => {
      // given
      const sut = await Scenario.of(withTask());
      sut.start();
      const claimed = sut.claim('task', 'ann').state;
      sut.clock.advance('PT5M');

      // when
      const { state, steps, effects } = sut.claim('task', 'ann');

      // then
      expect(steps).toEqual([]);
      expect(effects).toEqual([]);
      expect(state).toEqual(claimed);
    });

    it('rejects a second user with TASK_ALREADY_CLAIMED', async () => {
      // given
      const sut = await Scenario.of(withTask());
      sut.start();
      sut.claim('task', 'ann');

      // when
      const claim = () => sut.claim('task', 'bob');

      // then
      expect(claim).toThrow(domainError(ENGINE_ERRORS.taskAlreadyClaimed));
    });

    it('rejects anyone but the assignee the model names with TASK_ALREADY_CLAIMED', async () => {
      // given
      const sut = await Scenario.of(withTask({ 'tandem:assignee': 'ann' }));
      sut.start();

      // when
      const claim = () => sut.claim('task', 'bob');

      // then
      expect(claim).toThrow(domainError(ENGINE_ERRORS.taskAlreadyClaimed));
      expect(trail(sut.claim('task', 'ann').steps)).toEqual(['task:claimed', 'task:started']);
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

  describe('completeTask', () => {
    it('completes a claimed task, merges the variables and moves the token on', async () => {
      // given
      const sut = await Scenario.of(withTask());
      sut.start({ customer: { id: 'C-1' }, channel: 'phone' });
      sut.claim('task', 'ann');
      const task = sut.waiting('task');
      sut.clock.advance('PT7M');

      // when
      const { state, steps, effects } = sut.complete('task', { customer: { tier: 'gold' }, solved: true }, 'ann');

      // then
      expect(trail(steps)).toEqual(['task:completed', 'next:ready']);
      expect(steps[0]).toMatchObject({ actor: 'ann', at: '2026-03-02T09:07:00.000Z' });
      expect(steps[1].previousActivityInstanceId).toBe(task.id);
      expect(effects[0]).toEqual({ kind: 'taskClosed', id: task.id, outcome: 'completed', at: '2026-03-02T09:07:00.000Z' });
      expect(state.variables).toEqual({ customer: { tier: 'gold' }, channel: 'phone', solved: true });
      expect(waitingAt(state)).toEqual(['next']);
    });

    it('starts and completes an unclaimed task at the same instant', async () => {
      // given
      const sut = await Scenario.of(withTask());
      sut.start();
      sut.clock.advance('PT1H');

      // when
      const { steps } = sut.complete('task', undefined, 'bob');

      // then
      expect(steps.slice(0, 2).map(({ type, actor, at }) => ({ type, actor, at }))).toEqual([
        { type: 'started', actor: 'bob', at: '2026-03-02T10:00:00.000Z' },
        { type: 'completed', actor: 'bob', at: '2026-03-02T10:00:00.000Z' },
      ]);
    });

    it('rejects a user other than the one holding the task with TASK_CLAIMED_BY_OTHER', async () => {
      // given
      const sut = await Scenario.of(withTask());
      sut.start();
      sut.claim('task', 'ann');

      // when
      const complete = () => sut.complete('task', {}, 'bob');

      // then
      expect(complete).toThrow(domainError(ENGINE_ERRORS.taskClaimedByOther));
    });

    it('lets a command without an actor complete a claimed task in the holder’s name', async () => {
      // given
      const sut = await Scenario.of(withTask());
      sut.start();
      sut.claim('task', 'ann');

      // when
      const { steps } = sut.complete('task');

      // then
      expect(steps[0]).toMatchObject({ type: 'completed', actor: 'ann' });
    });

    it('rejects a second completion with ACTIVITY_NOT_ACTIVE', async () => {
      // given
      const sut = await Scenario.of(withTask());
      sut.start();
      const taskId = sut.waiting('task').id;
      sut.complete('task');

      // when
      const completeAgain = () => sut.execute({ type: 'completeTask', activityInstanceId: taskId });

      // then
      expect(completeAgain).toThrow(domainError(ENGINE_ERRORS.activityNotActive));
    });

    it('rejects an unknown activity instance with ACTIVITY_NOT_ACTIVE', async () => {
      // given
      const sut = await Scenario.of(withTask());
      sut.start();

      // when
      const complete = () => sut.execute({ type: 'completeTask', activityInstanceId: 'nope' });

      // then
      expect(complete).toThrow(domainError(ENGINE_ERRORS.activityNotActive));
    });

    it('rejects an external task with ACTIVITY_WRONG_TYPE', async () => {
      // given
      const sut = await Scenario.of({
        nodes: [startEvent('start'), serviceTask('job', 'billing'), endEvent('end')],
        flows: [flow('f1', 'start', 'job'), flow('f2', 'job', 'end')],
      });
      sut.start();

      // when
      const complete = () => sut.complete('job');

      // then
      expect(complete).toThrow(domainError(ENGINE_ERRORS.activityWrongType));
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
