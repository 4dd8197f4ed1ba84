import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request, { type Agent } from 'supertest';
import { createTestApp, deploy, TEST_ADMIN, type TestApp } from './support/test-app.js';

/** Four tasks at once, each offered another way: to a group, to a named user, assigned, and to another group. */
const OFFERS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0"
  id="definitions" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="offers" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f0</bpmn:outgoing></bpmn:startEvent>
    <bpmn:parallelGateway id="split"><bpmn:incoming>f0</bpmn:incoming><bpmn:outgoing>f1</bpmn:outgoing><bpmn:outgoing>f2</bpmn:outgoing><bpmn:outgoing>f3</bpmn:outgoing><bpmn:outgoing>f4</bpmn:outgoing></bpmn:parallelGateway>
    <bpmn:userTask id="to-first-line" tandem:candidateGroups="first-line"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>g1</bpmn:outgoing></bpmn:userTask>
    <bpmn:userTask id="to-carl" tandem:candidateUsers="carl"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>g2</bpmn:outgoing></bpmn:userTask>
    <bpmn:userTask id="assigned-to-dave" tandem:assignee="dave"><bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>g3</bpmn:outgoing></bpmn:userTask>
    <bpmn:userTask id="to-experts" tandem:candidateGroups="experts"><bpmn:incoming>f4</bpmn:incoming><bpmn:outgoing>g4</bpmn:outgoing></bpmn:userTask>
    <bpmn:parallelGateway id="join"><bpmn:incoming>g1</bpmn:incoming><bpmn:incoming>g2</bpmn:incoming><bpmn:incoming>g3</bpmn:incoming><bpmn:incoming>g4</bpmn:incoming><bpmn:outgoing>f5</bpmn:outgoing></bpmn:parallelGateway>
    <bpmn:endEvent id="end"><bpmn:incoming>f5</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="split" />
    <bpmn:sequenceFlow id="f1" sourceRef="split" targetRef="to-first-line" />
    <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="to-carl" />
    <bpmn:sequenceFlow id="f3" sourceRef="split" targetRef="assigned-to-dave" />
    <bpmn:sequenceFlow id="f4" sourceRef="split" targetRef="to-experts" />
    <bpmn:sequenceFlow id="g1" sourceRef="to-first-line" targetRef="join" />
    <bpmn:sequenceFlow id="g2" sourceRef="to-carl" targetRef="join" />
    <bpmn:sequenceFlow id="g3" sourceRef="assigned-to-dave" targetRef="join" />
    <bpmn:sequenceFlow id="g4" sourceRef="to-experts" targetRef="join" />
    <bpmn:sequenceFlow id="f5" sourceRef="join" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

interface TaskBody {
  id: string;
  elementId: string;
  assignee: string | null;
  status: string;
}

/** What agents may see and do with tasks: only what is assigned or offered to them, checked on the server. */
describe('agents and the tasks offered to them', () => {
  let sut: TestApp;
  let ana: Agent;
  let anton: Agent;
  let carl: Agent;
  let dave: Agent;
  let eva: Agent;

  beforeAll(async () => {
    sut = await createTestApp();
    await deploy(sut.server, OFFERS);
    ana = await sut.signIn('ana', { roles: ['agent'], groups: ['first-line'] });
    anton = await sut.signIn('anton', { roles: ['agent'], groups: ['first-line'] });
    carl = await sut.signIn('carl', { roles: ['agent'], groups: ['second-line'] });
    dave = await sut.signIn('dave', { roles: ['agent'] });
    eva = await sut.signIn('eva', { roles: ['agent'], groups: ['experts'] });
  });

  afterAll(async () => {
    await sut?.close();
  });

  const admin = () => request(sut.server);

  /** A new case, started by an agent, with its four tasks by element id. */
  const startCase = async () => {
    const instance = (await ana.post('/api/processes/offers/instances').send({}).expect(201)).body as { id: string };
    const tasks = (await admin().get('/api/tasks').query({ instanceId: instance.id }).expect(200)).body as TaskBody[];
    return { instanceId: instance.id, task: Object.fromEntries(tasks.map((task) => [task.elementId, task])) as Record<string, TaskBody> };
  };

  const visible = async (agent: ReturnType<typeof request>, query: Record<string, string>) => {
    const response = await agent.get('/api/tasks').query(query).expect(200);
    return { elementIds: (response.body as TaskBody[]).map((task) => task.elementId).sort(), total: response.headers['x-total-count'] };
  };

  it('lists each agent only the tasks offered to their group, to them by name, or assigned to them; an admin all', async () => {
    // given a case with its four tasks
    const { instanceId } = await startCase();
    // when each lists the open tasks of the case
    // then each sees their own, and the total counts only those
    expect(await visible(ana, { instanceId })).toEqual({ elementIds: ['to-first-line'], total: '1' });
    expect(await visible(carl, { instanceId })).toEqual({ elementIds: ['to-carl'], total: '1' });
    expect(await visible(dave, { instanceId })).toEqual({ elementIds: ['assigned-to-dave'], total: '1' });
    expect(await visible(eva, { instanceId })).toEqual({ elementIds: ['to-experts'], total: '1' });
    expect((await visible(admin(), { instanceId })).elementIds).toEqual(['assigned-to-dave', 'to-carl', 'to-experts', 'to-first-line']);
    // and asking for another group's queue shows an agent nothing of it
    expect(await visible(ana, { instanceId, candidateGroup: 'experts' })).toEqual({ elementIds: [], total: '0' });
  });

  it('refuses to show, claim or complete a task not offered to the agent, and changes nothing', async () => {
    // given a case
    const { instanceId, task } = await startCase();
    const experts = task['to-experts'];
    // when ana (first line) reads, claims and completes the experts' task
    const read = await ana.get(`/api/tasks/${experts.id}`);
    const claim = await ana.post(`/api/tasks/${experts.id}/claim`);
    const complete = await ana.post(`/api/tasks/${experts.id}/complete`).send({ variables: { hacked: true } });
    // then each is 403, naming the reason
    for (const response of [read, claim, complete]) expect({ status: response.status, code: response.body.code }).toEqual({ status: 403, code: 'TASK_NOT_CANDIDATE' });
    // and the task is as it was, the instance has no such variable
    expect((await admin().get(`/api/tasks/${experts.id}`).expect(200)).body).toEqual(expect.objectContaining({ status: 'open', assignee: null }));
    expect((await admin().get(`/api/instances/${instanceId}`).expect(200)).body.variables).toEqual({});
    // while the experts' own agent may read it
    await eva.get(`/api/tasks/${experts.id}`).expect(200);
  });

  it('lets a candidate claim and complete as themselves; another candidate meets 409 on claim and 403 on complete', async () => {
    // given a case
    const { instanceId, task } = await startCase();
    const firstLine = task['to-first-line'];
    // when ana claims the first line's task, and anton of the same group then claims and completes it
    const claimed = await ana.post(`/api/tasks/${firstLine.id}/claim`).send({ userId: 'anton' });
    const secondClaim = await anton.post(`/api/tasks/${firstLine.id}/claim`);
    const otherCompletion = await anton.post(`/api/tasks/${firstLine.id}/complete`);
    // then the task is ana's (a userId in the body names nobody), anton is refused
    expect(claimed.status).toBe(200);
    expect(claimed.body.assignee).toBe('ana');
    expect({ status: secondClaim.status, code: secondClaim.body.code }).toEqual({ status: 409, code: 'TASK_ALREADY_CLAIMED' });
    expect({ status: otherCompletion.status, code: otherCompletion.body.code }).toEqual({ status: 403, code: 'TASK_CLAIMED_BY_OTHER' });
    // when ana completes it
    await ana
      .post(`/api/tasks/${firstLine.id}/complete`)
      .send({ variables: { note: 'done' } })
      .expect(200);
    // then the ledger names ana for the claim and the completion
    const steps = (await admin().get(`/api/instances/${instanceId}/steps`).expect(200)).body as Array<{ elementId: string; actor: string | null }>;
    expect(steps.find((step) => step.elementId === 'to-first-line')?.actor).toBe('ana');
  });

  it('keeps a claimed task with its assignee after they leave the group, and applies the new groups at once', async () => {
    // given anton has claimed a first-line task
    const { task } = await startCase();
    const firstLine = task['to-first-line'];
    await anton.post(`/api/tasks/${firstLine.id}/claim`).expect(200);
    const other = (await startCase()).task['to-first-line'];
    // when an admin moves anton from the first line to the experts
    const users = (await admin().get('/api/users').query({ group: 'first-line' }).expect(200)).body as Array<{ id: string; username: string }>;
    const antonId = users.find((user) => user.username === 'anton')!.id;
    await admin()
      .patch(`/api/users/${antonId}`)
      .send({ groups: ['experts'] })
      .expect(200);
    // then his token, unchanged, no longer reaches the first line's other tasks, but still his claimed one
    expect((await anton.get(`/api/tasks/${other.id}`)).status).toBe(403);
    await anton.get(`/api/tasks/${firstLine.id}`).expect(200);
    await anton.post(`/api/tasks/${firstLine.id}/complete`).expect(200);
  });

  it('records the admin, not the userId of the body, when an admin works a task', async () => {
    // given a case
    const { task } = await startCase();
    // when the admin claims the experts' task naming eva in the body
    const claimed = await admin().post(`/api/tasks/${task['to-experts'].id}/claim`).send({ userId: 'eva' }).expect(200);
    // then the admin holds it
    expect(claimed.body.assignee).toBe(TEST_ADMIN.username);
  });
});
