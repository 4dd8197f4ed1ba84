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

describe('userTask written for Camunda 8 (zeebe:)', () => {
  /** start -> a user task `review` with the given zeebe: extension elements -> end, as Camunda Modeler writes it. */
  const zeebeTask = (extensions: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="claims" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="review"><bpmn:extensionElements><zeebe:userTask />${extensions}</bpmn:extensionElements></bpmn:userTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

  it('creates the task with the assignment, dates and priority the = expressions yield over the case variables', async () => {
    // given
    const sut = await Scenario.of(
      zeebeTask(`
        <zeebe:assignmentDefinition assignee="=claim.owner" candidateGroups="=if claim.amount &gt; 3000 then [&quot;experts&quot;] else [&quot;first-line&quot;]" candidateUsers="=claim.watchers" />
        <zeebe:taskSchedule dueDate="=claim.deadline" followUpDate="=date and time(claim.deadline) - duration(&quot;P1D&quot;)" />
        <zeebe:priorityDefinition priority="=claim.urgency * 10" />`),
    );

    // when
    const { effects } = sut.start({ claim: { owner: 'ana', amount: 5000, watchers: 'ben, eva', deadline: '2026-03-06T17:00:00Z', urgency: 9 } });

    // then
    expect(effectsOf(effects, 'taskCreated')[0].task).toMatchObject({
      assignee: 'ana',
      candidateGroups: ['experts'],
      candidateUsers: ['ben', 'eva'],
      dueAt: '2026-03-06T17:00:00.000Z',
      followUpAt: '2026-03-05T17:00:00.000Z',
      priority: 90,
    });
    expect(sut.waiting('review').holding).toMatchObject({ candidateGroups: ['experts'], candidateUsers: ['ben', 'eva'] });
  });

  it('takes static due and follow-up date-times as the dates themselves', async () => {
    // given
    const sut = await Scenario.of(zeebeTask(`<zeebe:taskSchedule dueDate="2026-03-05T17:00:00+01:00" followUpDate="2026-03-04T09:00:00Z" />`));

    // when
    const { effects } = sut.start();

    // then
    expect(effectsOf(effects, 'taskCreated')[0].task).toMatchObject({ dueAt: '2026-03-05T16:00:00.000Z', followUpAt: '2026-03-04T09:00:00.000Z' });
  });

  it('fails with EXPRESSION_FAILED naming the task and the zeebe: attribute when an expression fails at run time', async () => {
    // given candidate groups that yield a number, and a due date that yields no date
    const groups = await Scenario.of(zeebeTask(`<zeebe:assignmentDefinition candidateGroups="=claim.amount" />`));
    const due = await Scenario.of(zeebeTask(`<zeebe:taskSchedule dueDate="=claim.owner" />`));

    // when
    const startGroups = () => groups.start({ claim: { amount: 5 } });
    const startDue = () => due.start({ claim: { owner: 'ana' } });

    // then
    expect(startGroups).toThrow(domainError(ENGINE_ERRORS.expressionFailed, { elementId: 'review', attribute: 'zeebe:assignmentDefinition candidateGroups' }));
    expect(startGroups).toThrow(/of 'review' \(zeebe:assignmentDefinition candidateGroups\) failed: it yields 5, not a list of texts/);
    expect(startDue).toThrow(domainError(ENGINE_ERRORS.expressionFailed, { elementId: 'review', attribute: 'zeebe:taskSchedule dueDate' }));
  });
});
