import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request, { type Agent } from 'supertest';
import { createTestApp, deploy, type TestApp } from './support/test-app.js';
import { MINUTE } from './support/test-clock.js';

const definitions = (body: string, roots = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0"
  id="definitions" targetNamespace="https://tandem.dev/test">${roots}
${body}
</bpmn:definitions>`;

/** Three tiers as lanes, named on their tasks as the reference processes do, and a system lane. */
const TIERED = definitions(`
  <bpmn:process id="tiered" isExecutable="true">
    <bpmn:laneSet id="lanes">
      <bpmn:lane id="Lane_FirstLine" name="First line"><bpmn:flowNodeRef>start</bpmn:flowNodeRef><bpmn:flowNodeRef>triage</bpmn:flowNodeRef></bpmn:lane>
      <bpmn:lane id="Lane_SecondLine" name="Second line"><bpmn:flowNodeRef>diagnose</bpmn:flowNodeRef></bpmn:lane>
      <bpmn:lane id="Lane_Experts" name="Expert group"><bpmn:flowNodeRef>analyse</bpmn:flowNodeRef></bpmn:lane>
      <bpmn:lane id="Lane_System" name="System"><bpmn:flowNodeRef>end</bpmn:flowNodeRef></bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="triage" name="Triage" tandem:candidateGroups="first-line"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:userTask id="diagnose" name="Diagnose" tandem:candidateGroups="second-line"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask>
    <bpmn:userTask id="analyse" name="Analyse" tandem:candidateGroups="experts"><bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="triage" />
    <bpmn:sequenceFlow id="f2" sourceRef="triage" targetRef="diagnose" />
    <bpmn:sequenceFlow id="f3" sourceRef="diagnose" targetRef="analyse" />
    <bpmn:sequenceFlow id="f4" sourceRef="analyse" targetRef="end" />
  </bpmn:process>`);

/** The golden desk takes gold customers' escalations, the second line everyone else's. */
const CONFIGURED = definitions(`
  <bpmn:process id="configured" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="answer" tandem:candidateGroups="first-line"
      tandem:escalateTo="=if customerTier = &quot;gold&quot; then &quot;golden-desk&quot; else &quot;second-line&quot;"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="answer" />
    <bpmn:sequenceFlow id="f2" sourceRef="answer" targetRef="end" />
  </bpmn:process>`);

/** An escalation boundary event catching "policy-limit" interrupts the task and asks for an approval instead. */
const BOUNDARY = definitions(
  `
  <bpmn:process id="with-approval" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="refund" tandem:candidateGroups="first-line"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:boundaryEvent id="over-limit" attachedToRef="refund"><bpmn:outgoing>f3</bpmn:outgoing><bpmn:escalationEventDefinition escalationRef="limit" /></bpmn:boundaryEvent>
    <bpmn:userTask id="approve" tandem:candidateGroups="second-line"><bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="approved"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="refund" />
    <bpmn:sequenceFlow id="f2" sourceRef="refund" targetRef="end" />
    <bpmn:sequenceFlow id="f3" sourceRef="over-limit" targetRef="approve" />
    <bpmn:sequenceFlow id="f4" sourceRef="approve" targetRef="approved" />
  </bpmn:process>`,
  '\n  <bpmn:escalation id="limit" escalationCode="policy-limit" />',
);

/** No lanes, no boundary event, no escalateTo: nowhere to go. */
const FLAT = definitions(`
  <bpmn:process id="flat" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="only" name="Only step" tandem:candidateGroups="first-line"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="only" />
    <bpmn:sequenceFlow id="f2" sourceRef="only" targetRef="end" />
  </bpmn:process>`);

/** Tiers with SLAs of their own: the first line answers within an hour, the second line within a working day. */
const TIMED = TIERED.replace('id="tiered"', 'id="timed"')
  .replace('name="Triage" tandem:candidateGroups="first-line"', 'name="Triage" tandem:candidateGroups="first-line" tandem:dueIn="PT1H"')
  .replace('name="Diagnose" tandem:candidateGroups="second-line"', 'name="Diagnose" tandem:candidateGroups="second-line" tandem:dueIn="PT8H"');

interface TaskBody {
  id: string;
  elementId: string;
  state: string;
  status: string;
  assignee: string | null;
  candidateGroups: string[];
  laneId: string | null;
  escalatable: boolean;
}

/** Escalation with a reason, to where the model says: the next lane, a configured group, or a boundary event. */
describe('escalating a task', () => {
  let sut: TestApp;
  let ana: Agent;
  let ben: Agent;
  let eva: Agent;
  let gil: Agent;

  beforeAll(async () => {
    sut = await createTestApp();
    for (const xml of [TIERED, CONFIGURED, BOUNDARY, FLAT, TIMED]) await deploy(sut.server, xml);
    ana = await sut.signIn('ana', { roles: ['agent'], groups: ['first-line'] });
    ben = await sut.signIn('ben', { roles: ['agent'], groups: ['second-line'] });
    eva = await sut.signIn('eva', { roles: ['agent'], groups: ['experts'] });
    gil = await sut.signIn('gil', { roles: ['agent'], groups: ['golden-desk'] });
  });

  afterAll(async () => {
    await sut?.close();
  });

  const startCase = async (key: string, variables: Record<string, unknown> = {}) => {
    const instance = (await ana.post(`/api/processes/${key}/instances`).send({ variables }).expect(201)).body as { id: string };
    const tasks = (await request(sut.server).get('/api/tasks').query({ instanceId: instance.id, status: 'open' }).expect(200)).body as TaskBody[];
    return { instanceId: instance.id, task: tasks[0] };
  };
  const queue = async (agent: Agent) => ((await agent.get('/api/tasks').query({ view: 'queue' }).expect(200)).body as TaskBody[]).map(({ id }) => id);

  it('lists the reason codes agents choose from', async () => {
    // when
    const reasons = (await ana.get('/api/escalation-reasons').expect(200)).body;
    // then
    expect(reasons).toEqual(['needs-expertise', 'customer-request', 'policy-limit', 'missing-information', 'technical-fault', 'other']);
  });

  it('says where an escalation will go before it happens, and shows the last escalation on the task in lists and on its own', async () => {
    // given a first-line triage, and a configured task whose target an expression decides
    const { task } = await startCase('tiered');
    const { task: configured } = await startCase('configured', { customerTier: 'gold' });
    // then the triage names the second line as its target; the configured one names none (decided when escalated)
    expect((await ana.get(`/api/tasks/${task.id}`).expect(200)).body).toEqual(
      expect.objectContaining({ escalationTarget: { groups: ['second-line'], laneName: 'Second line' }, escalation: null }),
    );
    expect((await ana.get(`/api/tasks/${configured.id}`).expect(200)).body).toEqual(expect.objectContaining({ escalatable: true, escalationTarget: null }));

    // when ana escalates the triage with a comment
    await ana.post(`/api/tasks/${task.id}/escalate`).send({ reasonCode: 'needs-expertise', comment: 'warranty dispute' }).expect(200);

    // then the second line sees where it came from and why, in its queue and on the task
    const escalation = { reasonCode: 'needs-expertise', comment: 'warranty dispute', by: 'ana', at: expect.any(String), fromLaneId: 'Lane_FirstLine', fromLaneName: 'First line' };
    const listed = ((await ben.get('/api/tasks').query({ view: 'queue' }).expect(200)).body as Array<TaskBody & { escalation: unknown }>).find(({ id }) => id === task.id);
    expect(listed?.escalation).toEqual(escalation);
    expect((await ben.get(`/api/tasks/${task.id}`).expect(200)).body).toEqual(
      expect.objectContaining({ escalation, escalationTarget: { groups: ['experts'], laneName: 'Expert group' } }),
    );
  });

  it('moves the due date to the new tier’s SLA when a task is escalated, and the history says so', async () => {
    // given a first-line triage due in an hour
    const { task } = await startCase('timed');
    const before = (await ana.get(`/api/tasks/${task.id}`).expect(200)).body as { dueAt: string };
    sut.clock.advance(20 * MINUTE);
    const escalatedAt = sut.clock.now().getTime();
    // when ana escalates it to the second line, whose tasks are due within 8 hours
    await ana.post(`/api/tasks/${task.id}/escalate`).send({ reasonCode: 'needs-expertise' }).expect(200);
    // then the task is due 8 hours after the escalation
    const after = (await ben.get(`/api/tasks/${task.id}`).expect(200)).body as { dueAt: string };
    expect(after.dueAt).toBe(new Date(escalatedAt + 8 * 60 * MINUTE).toISOString());
    // and the escalated step records the move
    const history = (await ben.get(`/api/tasks/${task.id}/history`).expect(200)).body as Array<{ type: string; detail: Record<string, unknown> | null }>;
    expect(history.find(({ type }) => type === 'escalated')?.detail?.due).toEqual({ from: before.dueAt, to: after.dueAt });
  });

  it('sends a first-line task to the second line’s queue, and on to the experts: the same task, re-queued, with the hand-off in the ledger', async () => {
    // given ana works on a triage
    const { task } = await startCase('tiered');
    expect(task.escalatable).toBe(true);
    await ana.post(`/api/tasks/${task.id}/claim`).send({ start: true }).expect(200);
    sut.clock.advance(4 * MINUTE);

    // when she escalates it for lack of expertise
    const escalated = (await ana.post(`/api/tasks/${task.id}/escalate`).send({ reasonCode: 'needs-expertise', comment: 'warranty dispute' }).expect(200)).body as TaskBody;

    // then it waits in the second line's queue, and no longer in hers
    expect(escalated).toEqual(expect.objectContaining({ id: task.id, state: 'ready', assignee: null, candidateGroups: ['second-line'], laneId: 'Lane_SecondLine' }));
    expect(await queue(ben)).toContain(task.id);
    expect(await queue(ana)).not.toContain(task.id);
    expect((await ana.get(`/api/tasks/${task.id}`)).status).toBe(403);

    // and when ben picks it up and escalates it too, the experts get it
    sut.clock.advance(10 * MINUTE);
    await ben.post(`/api/tasks/${task.id}/claim`).send({ start: true }).expect(200);
    const toExperts = (await ben.post(`/api/tasks/${task.id}/escalate`).send({ reasonCode: 'policy-limit' }).expect(200)).body as TaskBody;
    expect(toExperts).toEqual(expect.objectContaining({ candidateGroups: ['experts'], laneId: 'Lane_Experts', escalatable: false }));

    // and the ledger tells the story: worked, escalated, re-queued, claimed by the next tier
    const history = (await eva.get(`/api/tasks/${task.id}/history`).expect(200)).body as Array<{
      activityInstanceId: string;
      type: string;
      actor: string | null;
      laneId: string | null;
      laneName: string | null;
      detail: Record<string, unknown> | null;
    }>;
    const own = history.filter((step) => step.activityInstanceId === task.id);
    expect(own.map(({ type, actor, laneId }) => `${type}:${actor ?? '-'}:${laneId}`)).toEqual([
      'ready:-:Lane_FirstLine',
      'claimed:ana:Lane_FirstLine',
      'started:ana:Lane_FirstLine',
      'escalated:ana:Lane_FirstLine',
      'unclaimed:ana:Lane_FirstLine',
      'claimed:ben:Lane_SecondLine',
      'started:ben:Lane_SecondLine',
      'escalated:ben:Lane_SecondLine',
      'unclaimed:ben:Lane_SecondLine',
    ]);
    expect(own[3].detail).toEqual({
      reasonCode: 'needs-expertise',
      comment: 'warranty dispute',
      target: { kind: 'group', groups: ['second-line'], via: 'lane', laneId: 'Lane_SecondLine' },
    });
    expect(own[5].laneName).toBe('Second line');

    // and the experts cannot escalate further: no lane with people is left
    await eva.post(`/api/tasks/${task.id}/claim`).send({}).expect(200);
    const noFurther = await eva.post(`/api/tasks/${task.id}/escalate`).send({ reasonCode: 'other' });
    expect({ status: noFurther.status, code: noFurther.body.code, elementId: noFurther.body.details?.elementId }).toEqual({
      status: 409,
      code: 'TASK_NOT_ESCALATABLE',
      elementId: 'triage',
    });
  });

  it('sends a task to the group its tandem:escalateTo names, by customer tier', async () => {
    // given a gold customer's and a standard customer's case
    const gold = await startCase('configured', { customerTier: 'gold' });
    const standard = await startCase('configured', { customerTier: 'standard' });
    // when ana escalates both on the customer's request
    await ana.post(`/api/tasks/${gold.task.id}/escalate`).send({ reasonCode: 'customer-request' }).expect(200);
    await ana.post(`/api/tasks/${standard.task.id}/escalate`).send({ reasonCode: 'customer-request' }).expect(200);
    // then the golden desk has the gold one, the second line the other
    expect(await queue(gil)).toEqual([gold.task.id]);
    expect(await queue(ben)).toContain(standard.task.id);
    expect(await queue(ben)).not.toContain(gold.task.id);
  });

  it('throws the reason code at the task’s escalation boundary event, which interrupts it', async () => {
    // given a refund ana holds
    const { instanceId, task } = await startCase('with-approval');
    await ana.post(`/api/tasks/${task.id}/claim`).send({}).expect(200);
    // when she escalates it as above her limit
    const escalated = (await ana.post(`/api/tasks/${task.id}/escalate`).send({ reasonCode: 'policy-limit' }).expect(200)).body as TaskBody;
    // then the refund is canceled and the second line approves instead
    expect(escalated).toEqual(expect.objectContaining({ status: 'canceled' }));
    const open = (await request(sut.server).get('/api/tasks').query({ instanceId, status: 'open' }).expect(200)).body as TaskBody[];
    expect(open.map(({ elementId }) => elementId)).toEqual(['approve']);
    expect(await queue(ben)).toContain(open[0].id);
  });

  it('refuses an unknown reason code naming it, a task nobody can take over, and another user’s task, changing nothing', async () => {
    // given a task of a flat model, and a tiered triage ana holds
    const flat = await startCase('flat');
    const tiered = await startCase('tiered');
    await ana.post(`/api/tasks/${tiered.task.id}/claim`).send({}).expect(200);
    // when
    const unknownReason = await ana.post(`/api/tasks/${tiered.task.id}/escalate`).send({ reasonCode: 'bored' });
    const noReason = await ana.post(`/api/tasks/${tiered.task.id}/escalate`).send({});
    const nowhere = await ana.post(`/api/tasks/${flat.task.id}/escalate`).send({ reasonCode: 'other' });
    const anton = await sut.signIn('anton', { roles: ['agent'], groups: ['first-line'] });
    const othersTask = await anton.post(`/api/tasks/${tiered.task.id}/escalate`).send({ reasonCode: 'other' });
    // then
    expect({ status: unknownReason.status, code: unknownReason.body.code, field: unknownReason.body.details?.field }).toEqual({
      status: 400,
      code: 'ESCALATION_REASON_UNKNOWN',
      field: 'reasonCode',
    });
    expect(unknownReason.body.message).toContain('bored');
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain('reasonCode');
    expect({ status: nowhere.status, code: nowhere.body.code }).toEqual({ status: 409, code: 'TASK_NOT_ESCALATABLE' });
    expect(nowhere.body.message).toContain('Only step');
    expect(flat.task.escalatable).toBe(false);
    expect({ status: othersTask.status, code: othersTask.body.code }).toEqual({ status: 403, code: 'TASK_CLAIMED_BY_OTHER' });
    expect((await ana.get(`/api/tasks/${tiered.task.id}`).expect(200)).body).toEqual(expect.objectContaining({ assignee: 'ana', candidateGroups: ['first-line'] }));
  });
});
