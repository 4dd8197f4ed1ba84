import { describe, expect, it } from '@jest/globals';
import { ENGINE_ERRORS } from '../model/errors.js';
import { boundaryEvent, endEvent, flow, onEscalation, startEvent, userTask } from '../testing/bpmn-xml.js';
import { domainError } from '../testing/domain-error.js';
import { effectsOf, Scenario, trail, waitingAt } from '../testing/scenario.js';

const escalate = (sut: Scenario, actor: string, reasonCode: string, comment?: string) =>
  sut.execute({ type: 'escalateTask', activityInstanceId: sut.waiting('triage').id, actor, reasonCode, ...(comment && { comment }) });

/** Three tiers as lanes (the tasks name their groups) and an automated lane without any. */
const tiers = (triage: Record<string, string> = {}) => ({
  nodes: [
    startEvent('start'),
    userTask('triage', { 'tandem:candidateGroups': 'first-line', ...triage }),
    userTask('diagnose', { 'tandem:candidateGroups': 'second-line' }),
    userTask('analyze', { 'tandem:candidateGroups': 'experts' }),
    endEvent('end'),
  ],
  flows: [flow('f1', 'start', 'triage'), flow('f2', 'triage', 'diagnose'), flow('f3', 'diagnose', 'analyze'), flow('f4', 'analyze', 'end')],
  lanes: { system: ['start', 'end'], firstLine: ['triage'], secondLine: ['diagnose'], experts: ['analyze'] },
});

describe('escalateTask', () => {
  it('re-queues a task to the next lane’s groups: escalated, then unclaimed, the same activity instance', async () => {
    // given ann works on the first-line triage
    const sut = await Scenario.of(tiers());
    sut.start();
    const task = sut.waiting('triage');
    sut.execute({ type: 'startTask', activityInstanceId: task.id, actor: 'ann' });
    sut.clock.advance('PT5M');

    // when she escalates it for lack of expertise
    const { steps, effects } = escalate(sut, 'ann', 'needs-expertise', 'warranty case');

    // then the task waits for the second line, as the same activity instance
    expect(steps.map(({ type, actor, detail, laneId }) => ({ type, actor, detail, laneId }))).toEqual([
      {
        type: 'escalated',
        actor: 'ann',
        laneId: 'firstLine',
        detail: { reasonCode: 'needs-expertise', comment: 'warranty case', target: { kind: 'group', groups: ['second-line'], via: 'lane', laneId: 'secondLine' } },
      },
      { type: 'unclaimed', actor: 'ann', laneId: 'firstLine', detail: { by: 'ann', escalated: true } },
    ]);
    expect(effectsOf(effects, 'taskUpdated')).toEqual([
      expect.objectContaining({ taskId: task.id, state: 'ready', assignee: null, candidateGroups: ['second-line'], candidateUsers: [], laneId: 'secondLine' }),
    ]);
    expect(sut.waiting('triage').id).toBe(task.id);
  });

  it('gives the re-queued task its new tier’s SLA: the dueIn of the tier’s own tasks, from the escalation, with the change in the ledger', async () => {
    // given a first-line triage due in 1 hour, and a second line whose tasks are due in 8 hours
    const model = tiers({ 'tandem:dueIn': 'PT1H' });
    model.nodes[2] = userTask('diagnose', { 'tandem:candidateGroups': 'second-line', 'tandem:dueIn': 'PT8H' });
    const sut = await Scenario.of(model);
    sut.start();
    const firstDue = sut.waiting('triage').holding!.clocks[0]!.dueAt;
    sut.clock.advance('PT30M');
    const escalatedAt = sut.clock.now().toISOString();

    // when the first line escalates it
    const { steps, effects } = escalate(sut, 'ann', 'needs-expertise');

    // then it is due 8 hours after the escalation: on its clock, on the task row, and told in the escalated step
    const eightHoursOn = new Date(Date.parse(escalatedAt) + 8 * 3_600_000).toISOString();
    expect(sut.waiting('triage').holding!.clocks).toEqual([{ id: expect.any(String), clock: 'due', dueAt: eightHoursOn }]);
    expect(sut.waiting('triage').holding!.clocks[0]!.dueAt).not.toBe(firstDue);
    expect(effectsOf(effects, 'taskUpdated')).toEqual([expect.objectContaining({ dueAt: eightHoursOn })]);
    expect(steps[0]!.detail).toEqual(expect.objectContaining({ due: { from: firstDue, to: eightHoursOn } }));
  });

  it('keeps the due date when the new tier sets no SLA of its own', async () => {
    // given a triage due in 1 hour and a second line without dueIn
    const sut = await Scenario.of(tiers({ 'tandem:dueIn': 'PT1H' }));
    sut.start();
    const firstDue = sut.waiting('triage').holding!.clocks[0]!.dueAt;
    // when it is escalated
    const { steps, effects } = escalate(sut, 'ann', 'needs-expertise');
    // then the due date stays, and nothing says it moved
    expect(sut.waiting('triage').holding!.clocks.map(({ dueAt }) => dueAt)).toEqual([firstDue]);
    expect(effectsOf(effects, 'taskUpdated')[0]).not.toHaveProperty('dueAt');
    expect(steps[0]!.detail).not.toHaveProperty('due');
  });

  it('goes one lane further on a second escalation, and refuses past the last tier with TASK_NOT_ESCALATABLE', async () => {
    // given a triage escalated to the second line
    const sut = await Scenario.of(tiers());
    sut.start();
    escalate(sut, 'ann', 'needs-expertise');

    // when the second line escalates it again, and the experts try once more
    const second = escalate(sut, 'ben', 'policy-limit');
    const third = () => escalate(sut, 'eva', 'other');

    // then it reaches the experts, and no lane is left after them (the system lane has no groups)
    expect(effectsOf(second.effects, 'taskUpdated')[0]).toMatchObject({ candidateGroups: ['experts'], laneId: 'experts' });
    expect(second.steps[0].laneId).toBe('secondLine');
    expect(third).toThrow(domainError(ENGINE_ERRORS.taskNotEscalatable, { elementId: 'triage' }));
  });

  it('prefers tandem:escalateTo over the next lane, evaluating FEEL', async () => {
    // given
    const sut = await Scenario.of(tiers({ 'tandem:escalateTo': '=if customerTier = "gold" then "golden-desk" else "second-line"' }));
    sut.start({ customerTier: 'gold' });

    // when
    const { steps, effects } = escalate(sut, 'ann', 'customer-request');

    // then
    expect(steps[0].detail).toEqual({ reasonCode: 'customer-request', target: { kind: 'group', groups: ['golden-desk'], via: 'escalateTo' } });
    expect(trail(steps)).toEqual(['triage:escalated']);
    expect(effectsOf(effects, 'taskUpdated')[0]).toMatchObject({ candidateGroups: ['golden-desk'], state: 'ready' });
  });

  it('throws the reason code at an interrupting escalation boundary event first, which cancels the task', async () => {
    // given a boundary event catching needs-expertise
    const model = tiers();
    model.nodes.push(boundaryEvent('toExperts', 'triage', onEscalation('needs-expertise')), userTask('expertCall'), endEvent('called'));
    model.flows.push(flow('f5', 'toExperts', 'expertCall'), flow('f6', 'expertCall', 'called'));
    const sut = await Scenario.of(model);
    sut.start();
    sut.claim('triage', 'ann');

    // when
    const { steps } = escalate(sut, 'ann', 'needs-expertise');

    // then
    expect(trail(steps)).toEqual(['triage:escalated', 'triage:canceled', 'toExperts:ready', 'toExperts:completed', 'expertCall:ready']);
    expect(steps[0].detail).toMatchObject({ target: { kind: 'boundaryEvent', elementId: 'toExperts', interrupting: true } });
    expect(waitingAt(sut.state)).toEqual(['expertCall']);
  });

  it('keeps the task with its holder, paused, when a non-interrupting catch-all boundary event takes the escalation', async () => {
    // given
    const model = tiers();
    model.nodes.push(boundaryEvent('notify', 'triage', onEscalation(), false), userTask('supervisorLook'), endEvent('looked'));
    model.flows.push(flow('f5', 'notify', 'supervisorLook'), flow('f6', 'supervisorLook', 'looked'));
    const sut = await Scenario.of(model);
    sut.start();
    sut.execute({ type: 'startTask', activityInstanceId: sut.waiting('triage').id, actor: 'ann' });

    // when
    const { steps } = escalate(sut, 'ann', 'other');

    // then
    expect(trail(steps)).toEqual(['triage:escalated', 'triage:paused', 'notify:ready', 'notify:completed', 'supervisorLook:ready']);
    expect(sut.waiting('triage')).toMatchObject({ state: 'paused', assignee: 'ann' });
  });

  it('refuses a task held by someone else with TASK_CLAIMED_BY_OTHER, and a model without targets with TASK_NOT_ESCALATABLE', async () => {
    // given
    const sut = await Scenario.of({
      nodes: [startEvent('start'), userTask('triage'), endEvent('end')],
      flows: [flow('f1', 'start', 'triage'), flow('f2', 'triage', 'end')],
    });
    sut.start();

    // when / then
    expect(() => escalate(sut, 'ann', 'other')).toThrow(domainError(ENGINE_ERRORS.taskNotEscalatable, { elementId: 'triage' }));
    sut.claim('triage', 'ann');
    expect(() => escalate(sut, 'bob', 'other')).toThrow(domainError(ENGINE_ERRORS.taskClaimedByOther));
  });
});
