import { describe, expect, it } from '@jest/globals';
import { ENGINE_ERRORS } from '../model/errors.js';
import { domainError } from '../testing/domain-error.js';
import { endEvent, flow, startEvent, userTask } from '../testing/bpmn-xml.js';
import { effectsOf, Scenario } from '../testing/scenario.js';

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
            priority: 50,
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
});
