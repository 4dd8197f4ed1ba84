import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request, { type Agent } from 'supertest';
import { createTestApp, deploy, type TestApp } from './support/test-app.js';
import { MINUTE } from './support/test-clock.js';

const REQUEST = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0"
  id="definitions" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="callback-request" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="call-back" name="Call the customer back" tandem:candidateGroups="first-line"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call-back" />
    <bpmn:sequenceFlow id="f2" sourceRef="call-back" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

interface TaskBody {
  id: string;
  state: string;
  assignee: string | null;
  owner: string | null;
  startedAt: string | null;
  claimedAt: string | null;
}

interface HistoryStep {
  activityInstanceId: string;
  elementId: string;
  elementName: string | null;
  type: string;
  at: string;
  actor: string | null;
  detail: Record<string, unknown> | null;
}

/** Claim, start, pause, hand-offs and their errors, through HTTP, with the ledger they leave. */
describe('working a task: claim, start, pause, unclaim, assign, delegate', () => {
  let sut: TestApp;
  let ana: Agent;
  let anton: Agent;
  let ben: Agent;
  let carl: Agent;

  beforeAll(async () => {
    sut = await createTestApp();
    await deploy(sut.server, REQUEST);
    ana = await sut.signIn('ana', { roles: ['agent'], groups: ['first-line'] });
    anton = await sut.signIn('anton', { roles: ['agent'], groups: ['first-line'] });
    ben = await sut.signIn('ben', { roles: ['agent'], groups: ['second-line', 'supervisors'] });
    carl = await sut.signIn('carl', { roles: ['agent'], groups: ['second-line'] });
  });

  afterAll(async () => {
    await sut?.close();
  });

  /** A new case's call-back task. */
  const newTask = async (): Promise<TaskBody> => {
    const instance = (await ana.post('/api/processes/callback-request/instances').send({}).expect(201)).body as { id: string };
    const [task] = (await request(sut.server).get('/api/tasks').query({ instanceId: instance.id }).expect(200)).body as TaskBody[];
    return task;
  };
  /** The task's steps; by default as an admin, since an agent's read of a case ends with their task. */
  const history = async (id: string, agent: Pick<Agent, 'get'> = request(sut.server)) =>
    ((await agent.get(`/api/tasks/${id}/history`).expect(200)).body as HistoryStep[]).filter((step) => step.activityInstanceId === id);

  it('shows the case variables a list asks for beside each task, and refuses a column that is no variable name', async () => {
    // given a case with a customer and a channel, and one without them
    const withVariables = (
      await ana
        .post('/api/processes/callback-request/instances')
        .send({ variables: { customer: 'C-1041', channel: 'chat' } })
        .expect(201)
    ).body as { id: string };
    // when ana lists her queue with those columns
    const listed = (await ana.get('/api/tasks').query({ view: 'queue', columns: 'customer,channel,region' }).expect(200)).body as Array<
      TaskBody & { instanceId: string; columns?: Record<string, unknown> }
    >;
    // then each task carries the asked variables, null where the case has none
    expect(listed.find(({ instanceId }) => instanceId === withVariables.id)?.columns).toEqual({ customer: 'C-1041', channel: 'chat', region: null });
    expect(listed.every(({ columns }) => columns !== undefined && Object.keys(columns).length === 3)).toBe(true);
    // and a list that asks for none carries none
    expect((await ana.get('/api/tasks').query({ view: 'queue' }).expect(200)).body[0]).not.toHaveProperty('columns');
    // when a column is no variable name, or there are too many
    const bad = await ana.get('/api/tasks').query({ columns: 'customer,drop table' });
    const many = await ana.get('/api/tasks').query({ columns: 'a,b,c,d,e,f' });
    // then each is a 400 naming the field
    for (const response of [bad, many]) {
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).toContain('columns');
    }
  });

  it('separates queue, claimed-but-idle and working time in the ledger, to the minute', async () => {
    // given a task ready now
    const task = await newTask();
    // when ana claims it after 5 minutes, starts 3 minutes later, pauses after 10, starts again 7 later and completes after 4
    sut.clock.advance(5 * MINUTE);
    const claimed = (await ana.post(`/api/tasks/${task.id}/claim`).send({}).expect(200)).body as TaskBody;
    sut.clock.advance(3 * MINUTE);
    const started = (await ana.post(`/api/tasks/${task.id}/start`).expect(200)).body as TaskBody;
    sut.clock.advance(10 * MINUTE);
    const paused = (await ana.post(`/api/tasks/${task.id}/pause`).expect(200)).body as TaskBody;
    sut.clock.advance(7 * MINUTE);
    await ana.post(`/api/tasks/${task.id}/start`).expect(200);
    sut.clock.advance(4 * MINUTE);
    await ana
      .post(`/api/tasks/${task.id}/complete`)
      .send({ variables: { reached: true } })
      .expect(200);

    // then the task showed each state on the way
    expect([claimed.state, started.state, paused.state]).toEqual(['claimed', 'started', 'paused']);
    expect(claimed.startedAt).toBeNull();
    // and the ledger holds each change, from which the intervals are exactly what happened
    const steps = await history(task.id);
    expect(steps.map(({ type, actor }) => `${type}:${actor ?? '-'}`)).toEqual(['ready:-', 'claimed:ana', 'started:ana', 'paused:ana', 'started:ana', 'completed:ana']);
    expect(steps[0].elementName).toBe('Call the customer back');
    const at = steps.map((step) => Date.parse(step.at));
    const minutes = (from: number, to: number) => (at[to] - at[from]) / MINUTE;
    expect({ queue: minutes(0, 1), claimedIdle: minutes(1, 2) + minutes(3, 4), working: minutes(2, 3) + minutes(4, 5) }).toEqual({
      queue: 5,
      claimedIdle: 10,
      working: 14,
    });
  });

  it('claims and starts in one go with { start: true }, and records start at completion for work never started', async () => {
    // given two tasks
    const pickedUp = await newTask();
    const onlyClaimed = await newTask();
    // when ana picks up the first, claims the second, and completes both two minutes later
    const body = (await ana.post(`/api/tasks/${pickedUp.id}/claim`).send({ start: true }).expect(200)).body as TaskBody;
    await ana.post(`/api/tasks/${onlyClaimed.id}/claim`).send({}).expect(200);
    sut.clock.advance(2 * MINUTE);
    await ana.post(`/api/tasks/${pickedUp.id}/complete`).send({}).expect(200);
    await ana.post(`/api/tasks/${onlyClaimed.id}/complete`).send({}).expect(200);
    // then the picked-up one worked two minutes, the other none: its start is recorded when it completed
    expect(body).toEqual(expect.objectContaining({ state: 'started', assignee: 'ana' }));
    const types = async (id: string) => (await history(id)).map(({ type, at }) => `${type}@${at.slice(11, 16)}`);
    expect((await types(pickedUp.id)).slice(1)).toEqual([
      `claimed@${body.claimedAt!.slice(11, 16)}`,
      `started@${body.claimedAt!.slice(11, 16)}`,
      expect.stringMatching(/^completed@/),
    ]);
    const never = await history(onlyClaimed.id);
    expect(never.map(({ type }) => type)).toEqual(['ready', 'claimed', 'started', 'completed']);
    expect(never[2].at).toBe(never[3].at);
  });

  it('gives an unclaimed task back to the queue, pausing started work first, so another agent can claim it', async () => {
    // given ana works on a task
    const task = await newTask();
    await ana.post(`/api/tasks/${task.id}/claim`).send({ start: true }).expect(200);
    // when she unclaims it and anton claims it
    const unclaimed = (await ana.post(`/api/tasks/${task.id}/unclaim`).expect(200)).body as TaskBody;
    await anton.post(`/api/tasks/${task.id}/claim`).send({}).expect(200);
    // then
    expect(unclaimed).toEqual(expect.objectContaining({ state: 'ready', assignee: null, claimedAt: null }));
    expect((await history(task.id)).map(({ type, actor }) => `${type}:${actor ?? '-'}`)).toEqual([
      'ready:-',
      'claimed:ana',
      'started:ana',
      'paused:ana',
      'unclaimed:ana',
      'claimed:anton',
    ]);
  });

  it('lets a supervisor assign a task to a candidate, recorded as unclaimed and claimed by the supervisor', async () => {
    // given ana holds a task; sue supervises the first line, ben supervises but is no candidate for it
    const task = await newTask();
    await ana.post(`/api/tasks/${task.id}/claim`).send({}).expect(200);
    const sue = await sut.signIn('sue', { roles: ['agent'], groups: ['first-line', 'supervisors'] });
    // when ben tries to assign it, and sue assigns it to anton
    const outsider = await ben.post(`/api/tasks/${task.id}/assign`).send({ assignee: 'anton' });
    const assigned = (await sue.post(`/api/tasks/${task.id}/assign`).send({ assignee: 'anton' }).expect(200)).body as TaskBody;
    // then anton holds it, and the ledger says who moved it
    expect({ status: outsider.status, code: outsider.body.code }).toEqual({ status: 403, code: 'TASK_NOT_CANDIDATE' });
    expect(assigned).toEqual(expect.objectContaining({ state: 'claimed', assignee: 'anton' }));
    const steps = await history(task.id, anton);
    expect(steps.slice(1).map(({ type, actor, detail }) => ({ type, actor, detail }))).toEqual([
      { type: 'claimed', actor: 'ana', detail: null },
      { type: 'unclaimed', actor: 'ana', detail: { by: 'sue' } },
      { type: 'claimed', actor: 'anton', detail: { by: 'sue' } },
    ]);
  });

  it('lets the assignee hand their task on, but not to someone who is no candidate, and not a bystander', async () => {
    // given anton holds a task
    const task = await newTask();
    await anton.post(`/api/tasks/${task.id}/claim`).send({}).expect(200);
    // when ana (same group, not holding it) assigns it, anton gives it to carl (second line), then to ana
    const bystander = await ana.post(`/api/tasks/${task.id}/assign`).send({ assignee: 'ana' });
    const notCandidate = await anton.post(`/api/tasks/${task.id}/assign`).send({ assignee: 'carl' });
    const missingField = await anton.post(`/api/tasks/${task.id}/assign`).send({});
    const handedOn = await anton.post(`/api/tasks/${task.id}/assign`).send({ assignee: 'ana' });
    // then
    expect({ status: bystander.status, code: bystander.body.code }).toEqual({ status: 403, code: 'TASK_ASSIGN_DENIED' });
    expect({ status: notCandidate.status, code: notCandidate.body.code, field: notCandidate.body.details?.field }).toEqual({
      status: 400,
      code: 'ASSIGNEE_NOT_CANDIDATE',
      field: 'assignee',
    });
    expect(missingField.status).toBe(400);
    expect(JSON.stringify(missingField.body)).toContain('assignee');
    expect(handedOn.status).toBe(200);
    expect(handedOn.body.assignee).toBe('ana');
  });

  it('delegates a task: the delegate works it and completes it back to the owner, who completes it with both variables', async () => {
    // given ana holds a task
    const task = await newTask();
    await ana.post(`/api/tasks/${task.id}/claim`).send({ start: true }).expect(200);
    // when she delegates it to anton (a first-line candidate too), he completes it, and she completes it
    const delegated = (await ana.post(`/api/tasks/${task.id}/delegate`).send({ to: 'anton' }).expect(200)).body as TaskBody;
    const antonSees = await anton.get(`/api/tasks/${task.id}`);
    const handedBack = await anton.post(`/api/tasks/${task.id}/complete`).send({ variables: { diagnosis: 'router' } });
    const back = (await ana.get(`/api/tasks/${task.id}`).expect(200)).body as TaskBody;
    const done = await ana.post(`/api/tasks/${task.id}/complete`).send({ variables: { reached: true } });
    // then
    expect(delegated).toEqual(expect.objectContaining({ assignee: 'anton', owner: 'ana', state: 'claimed' }));
    expect(antonSees.status).toBe(200);
    expect(handedBack.status).toBe(200);
    expect(back).toEqual(expect.objectContaining({ assignee: 'ana', owner: null, state: 'claimed' }));
    expect(done.body).toEqual(expect.objectContaining({ status: 'completed', variables: { diagnosis: 'router', reached: true } }));
  });

  it('answers each wrong move with its code: 409 claimed by someone else, 403 working another user’s task, 409 naming the state', async () => {
    // given ana has claimed a task
    const task = await newTask();
    await ana.post(`/api/tasks/${task.id}/claim`).send({}).expect(200);
    // when anton claims, starts, pauses and completes it, and ana pauses it without having started
    const moves = {
      claim: await anton.post(`/api/tasks/${task.id}/claim`).send({}),
      start: await anton.post(`/api/tasks/${task.id}/start`),
      pause: await anton.post(`/api/tasks/${task.id}/pause`),
      complete: await anton.post(`/api/tasks/${task.id}/complete`).send({}),
      pauseUnstarted: await ana.post(`/api/tasks/${task.id}/pause`),
      notCandidate: await carl.post(`/api/tasks/${task.id}/claim`).send({}),
      badStart: await ana.post(`/api/tasks/${task.id}/claim`).send({ start: 'yes' }),
    };
    // then
    const outcome = Object.fromEntries(Object.entries(moves).map(([name, response]) => [name, `${response.status} ${response.body.code ?? ''}`.trim()]));
    expect(outcome).toEqual({
      claim: '409 TASK_ALREADY_CLAIMED',
      start: '403 TASK_CLAIMED_BY_OTHER',
      pause: '403 TASK_CLAIMED_BY_OTHER',
      complete: '403 TASK_CLAIMED_BY_OTHER',
      pauseUnstarted: '409 TASK_WRONG_STATE',
      notCandidate: '403 TASK_NOT_CANDIDATE',
      badStart: expect.stringMatching(/^400/),
    });
    expect(moves.pauseUnstarted.body.details).toEqual(expect.objectContaining({ state: 'claimed' }));
    expect(JSON.stringify(moves.badStart.body)).toContain('start');
    // and nothing changed: ana still holds it, unstarted
    expect((await ana.get(`/api/tasks/${task.id}`).expect(200)).body).toEqual(expect.objectContaining({ assignee: 'ana', state: 'claimed' }));
  });

  it('keeps comments beside a task, oldest first, for its candidates', async () => {
    // given a task
    const task = await newTask();
    // when ana and anton comment on it, and carl (not a candidate) tries to read them
    await ana.post(`/api/tasks/${task.id}/comments`).send({ text: 'Customer asked for a call after 5 pm' }).expect(201);
    sut.clock.advance(MINUTE);
    await anton.post(`/api/tasks/${task.id}/comments`).send({ text: 'Noted' }).expect(201);
    const empty = await ana.post(`/api/tasks/${task.id}/comments`).send({ text: '' });
    const foreign = await carl.get(`/api/tasks/${task.id}/comments`);
    // then
    const comments = (await ana.get(`/api/tasks/${task.id}/comments`).expect(200)).body as Array<{ author: string; text: string }>;
    expect(comments.map(({ author, text }) => `${author}: ${text}`)).toEqual(['ana: Customer asked for a call after 5 pm', 'anton: Noted']);
    expect(empty.status).toBe(400);
    expect(foreign.status).toBe(403);
  });
});
