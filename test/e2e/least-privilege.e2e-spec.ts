import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request, { type Agent, type Response } from 'supertest';
import { createTestApp, deploy, type TestApp } from './support/test-app.js';

/** Two first-line steps, then a second-line one; each task carries a form, so its read shows the case's variables. */
const FORM = JSON.stringify({ components: [{ type: 'textfield', key: 'note' }] });
const userTask = (id: string, groups: string, incoming: string, outgoing: string) =>
  `<bpmn:userTask id="${id}" tandem:candidateGroups="${groups}"><bpmn:extensionElements><tandem:form>${FORM}</tandem:form></bpmn:extensionElements><bpmn:incoming>${incoming}</bpmn:incoming><bpmn:outgoing>${outgoing}</bpmn:outgoing></bpmn:userTask>`;
const CASE = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0"
  id="definitions" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="privileged-case" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    ${userTask('take-call', 'first-line', 'f1', 'f2')}
    ${userTask('call-back', 'first-line', 'f2', 'f3')}
    ${userTask('resolve', 'second-line', 'f3', 'f4')}
    <bpmn:endEvent id="end"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="take-call" />
    <bpmn:sequenceFlow id="f2" sourceRef="take-call" targetRef="call-back" />
    <bpmn:sequenceFlow id="f3" sourceRef="call-back" targetRef="resolve" />
    <bpmn:sequenceFlow id="f4" sourceRef="resolve" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

interface TaskBody {
  id: string;
  elementId: string;
  assignee: string | null;
  owner: string | null;
  state: string;
  status: string;
}

const outcome = (response: Response): string => `${response.status} ${response.body.code ?? ''}`.trim();

/** Attacks on the least-privilege rules (README "Who may do what", docs/hardening.md "Least privilege"), each refused and changing nothing. */
describe('least privilege', () => {
  let sut: TestApp;
  let ana: Agent;
  let anton: Agent;
  let carl: Agent;
  let eva: Agent;
  let sue: Agent;
  let alex: Agent;
  let dina: Agent;

  beforeAll(async () => {
    sut = await createTestApp();
    await deploy(sut.server, CASE);
    ana = await sut.signIn('ana', { roles: ['agent'], groups: ['first-line'] });
    anton = await sut.signIn('anton', { roles: ['agent'], groups: ['first-line'] });
    carl = await sut.signIn('carl', { roles: ['agent'], groups: ['second-line'] });
    eva = await sut.signIn('eva', { roles: ['agent'], groups: ['experts'] });
    sue = await sut.signIn('sue', { roles: ['agent'], groups: ['first-line', 'supervisors'] });
    // alex is in the first line's group but holds only the analyst role; olga is a first-line agent an admin disabled
    alex = await sut.signIn('alex', { roles: ['analyst'], groups: ['first-line'] });
    dina = await sut.signIn('dina', { roles: ['designer'] });
    await sut.signIn('olga', { roles: ['agent'], groups: ['first-line'] });
    await request(sut.server)
      .patch(`/api/users/${await userId('olga')}`)
      .send({ disabled: true })
      .expect(200);
  });

  afterAll(async () => {
    await sut?.close();
  });

  const userId = async (username: string): Promise<string> => {
    const users = (await request(sut.server).get('/api/users').expect(200)).body as Array<{ id: string; username: string }>;
    return users.find((user) => user.username === username)!.id;
  };

  /** A new case, and its open (first-line) task. */
  const newCase = async (): Promise<{ instanceId: string; task: TaskBody }> => {
    const instance = (
      await request(sut.server)
        .post('/api/processes/privileged-case/instances')
        .send({ variables: { customerIban: 'DE89 3704 0044 0532 0130 00' } })
        .expect(201)
    ).body as { id: string };
    return { instanceId: instance.id, task: await openTask(instance.id) };
  };
  const openTask = async (instanceId: string): Promise<TaskBody> => {
    const tasks = (await request(sut.server).get('/api/tasks').query({ instanceId, status: 'open' }).expect(200)).body as TaskBody[];
    expect(tasks).toHaveLength(1);
    return tasks[0];
  };
  const taskAsAdmin = async (id: string): Promise<TaskBody> => (await request(sut.server).get(`/api/tasks/${id}`).expect(200)).body as TaskBody;

  describe('delegate and assign go only to candidates', () => {
    it.each([
      ['alex', 'notAgent', 'has neither the agent nor the admin role'],
      ['eva', 'notCandidate', 'is no candidate: the task is offered to groups first-line'],
      ['olga', 'disabled', 'is disabled'],
      ['nobody', 'unknown', 'is no user'],
    ])('refuses ana delegating her task to %s (%s) with 400 ASSIGNEE_NOT_CANDIDATE, and the task stays hers', async (to, reason, why) => {
      // given ana holds a first-line task
      const { task } = await newCase();
      await ana.post(`/api/tasks/${task.id}/claim`).send({}).expect(200);
      // when she delegates it
      const response = await ana.post(`/api/tasks/${task.id}/delegate`).send({ to });
      // then it is refused, naming the user, the task and why
      expect(outcome(response)).toBe('400 ASSIGNEE_NOT_CANDIDATE');
      expect(response.body.details).toEqual({ field: 'to', username: to, taskId: task.id, reason });
      expect(response.body.message).toContain(`'${to}' ${why}`);
      expect(response.body.message).toContain(task.id);
      // and nothing moved: ana still holds it, and can work it
      expect(await taskAsAdmin(task.id)).toEqual(expect.objectContaining({ assignee: 'ana', owner: null, state: 'claimed' }));
      await ana.post(`/api/tasks/${task.id}/start`).expect(200);
    });

    it('keeps the non-candidate eva out: she can neither read the form with the case variables nor complete the task', async () => {
      // given ana tried to hand her task to eva
      const { task } = await newCase();
      await ana.post(`/api/tasks/${task.id}/claim`).send({}).expect(200);
      await ana.post(`/api/tasks/${task.id}/delegate`).send({ to: 'eva' }).expect(400);
      // when eva reads its form and completes it with variables of her choosing
      const form = await eva.get(`/api/tasks/${task.id}/form`);
      const completed = await eva.post(`/api/tasks/${task.id}/complete`).send({ variables: { refund: 10_000 } });
      // then both are refused and the task is still open with ana
      expect([outcome(form), outcome(completed)]).toEqual(['403 TASK_NOT_CANDIDATE', '403 TASK_NOT_CANDIDATE']);
      expect(JSON.stringify(form.body)).not.toContain('DE89');
      expect(await taskAsAdmin(task.id)).toEqual(expect.objectContaining({ status: 'open', assignee: 'ana' }));
    });

    it('delegates to a candidate: anton works it and hands it back (the allowed path)', async () => {
      const { task } = await newCase();
      await ana.post(`/api/tasks/${task.id}/claim`).send({}).expect(200);
      const delegated = await ana.post(`/api/tasks/${task.id}/delegate`).send({ to: 'anton' });
      expect(delegated.status).toBe(200);
      expect(delegated.body).toEqual(expect.objectContaining({ assignee: 'anton', owner: 'ana' }));
      await anton
        .post(`/api/tasks/${task.id}/complete`)
        .send({ variables: { note: 'checked' } })
        .expect(200);
      expect(await taskAsAdmin(task.id)).toEqual(expect.objectContaining({ assignee: 'ana', owner: null }));
    });

    it.each([
      ['eva', 'notCandidate'],
      ['alex', 'notAgent'],
      ['olga', 'disabled'],
      ['nobody', 'unknown'],
    ])('refuses the supervisor assigning a first-line task to %s (%s), and changes nothing', async (assignee, reason) => {
      // given an unclaimed first-line task
      const { task } = await newCase();
      // when sue (a first-line supervisor) assigns it
      const response = await sue.post(`/api/tasks/${task.id}/assign`).send({ assignee });
      // then
      expect(outcome(response)).toBe('400 ASSIGNEE_NOT_CANDIDATE');
      expect(response.body.details).toEqual({ field: 'assignee', username: assignee, taskId: task.id, reason });
      expect(await taskAsAdmin(task.id)).toEqual(expect.objectContaining({ assignee: null, state: 'ready' }));
    });
  });

  describe("an agent's read access to a case ends with their task", () => {
    /** Every read of a case an agent can reach through a task id or a case id. */
    const reads = (agent: Agent, taskId: string, instanceId: string) => ({
      task: agent.get(`/api/tasks/${taskId}`),
      form: agent.get(`/api/tasks/${taskId}/form`),
      history: agent.get(`/api/tasks/${taskId}/history`),
      comments: agent.get(`/api/tasks/${taskId}/comments`),
      comment: agent.post(`/api/tasks/${taskId}/comments`).send({ text: 'still here' }),
      caseTasks: agent.get('/api/tasks').query({ instanceId }),
    });
    const outcomes = async (calls: Record<string, PromiseLike<Response>>): Promise<Record<string, string>> =>
      Object.fromEntries(await Promise.all(Object.entries(calls).map(async ([name, call]) => [name, outcome(await call)] as const)));
    const all = (answer: string) => ({ task: answer, form: answer, history: answer, comments: answer, comment: answer, caseTasks: answer });
    const allowed = { task: '200', form: '200', history: '200', comments: '200', comment: '201', caseTasks: '200' };

    it('keeps it while another open task of the case is offered to them, and ends it when none is', async () => {
      // given ana completed the first step; the second is offered to the first line too
      const { instanceId, task: first } = await newCase();
      await ana.post(`/api/tasks/${first.id}/claim`).send({}).expect(200);
      await ana
        .post(`/api/tasks/${first.id}/complete`)
        .send({ variables: { note: 'called' } })
        .expect(200);
      // then she still reads the case through her ended task
      expect(await outcomes(reads(ana, first.id, instanceId))).toEqual(allowed);

      // when anton completes the second step and the case moves on to the second line
      const second = await openTask(instanceId);
      await anton.post(`/api/tasks/${second.id}/claim`).send({}).expect(200);
      await anton
        .post(`/api/tasks/${second.id}/complete`)
        .send({ variables: { note: 'called back' } })
        .expect(200);
      const third = await openTask(instanceId);
      expect(third.elementId).toBe('resolve');

      // then neither reads the live case any more, through either ended task
      expect(await outcomes(reads(ana, first.id, instanceId))).toEqual(all('403 CASE_ACCESS_ENDED'));
      expect(await outcomes(reads(anton, second.id, instanceId))).toEqual(all('403 CASE_ACCESS_ENDED'));
      // though the case's open tasks offered to her she may still list: there are none
      expect((await ana.get('/api/tasks').query({ instanceId, status: 'open' }).expect(200)).body).toEqual([]);
      const refused = await ana.get(`/api/tasks/${first.id}/form`);
      expect(refused.body.message).toContain(instanceId);
      expect(JSON.stringify(refused.body)).not.toContain('DE89');
      // while carl, who holds the open task, reads it, and an admin reads everything
      expect(await outcomes(reads(carl, third.id, instanceId))).toEqual(allowed);
      expect((await request(sut.server).get(`/api/tasks/${first.id}/history`)).status).toBe(200);
      // and carl still cannot read the first line's ended task: it was never offered to him
      expect(outcome(await carl.get(`/api/tasks/${first.id}/form`))).toBe('403 TASK_NOT_CANDIDATE');
    });

    it('gives the case back when a new open task of it is offered to them', async () => {
      // given ana's part ended: she completed both first-line steps
      const { instanceId, task: first } = await newCase();
      await ana.post(`/api/tasks/${first.id}/claim`).send({}).expect(200);
      await ana.post(`/api/tasks/${first.id}/complete`).send({}).expect(200);
      const second = await openTask(instanceId);
      await ana.post(`/api/tasks/${second.id}/claim`).send({}).expect(200);
      await ana.post(`/api/tasks/${second.id}/complete`).send({}).expect(200);
      expect(outcome(await ana.get(`/api/tasks/${first.id}/history`))).toBe('403 CASE_ACCESS_ENDED');
      // when an admin puts her in the second line, to which the case's open task is offered
      const id = await userId('ana');
      await request(sut.server)
        .patch(`/api/users/${id}`)
        .send({ groups: ['first-line', 'second-line'] })
        .expect(200);
      // then she reads the case again
      expect(outcome(await ana.get(`/api/tasks/${first.id}/history`))).toBe('200');
      await request(sut.server)
        .patch(`/api/users/${id}`)
        .send({ groups: ['first-line'] })
        .expect(200);
    });
  });

  describe('roles for KPI targets, simulations, migrate-running and forms', () => {
    it.each([
      ['agent ana', 'PUT', '/api/analytics/kpi-targets/privileged-case', { fcr: { target: 1 } }],
      ['designer dina', 'PUT', '/api/analytics/kpi-targets/privileged-case', { fcr: { target: 1 } }],
      ['agent ana', 'POST', '/api/simulations/predictions', {}],
      ['designer dina', 'POST', '/api/simulations/calibration', {}],
      ['analyst alex', 'POST', '/api/experiments/00000000-0000-4000-8000-000000000000/migrate-running', { dryRun: false }],
      ['analyst alex', 'GET', '/api/forms', undefined],
      ['agent ana', 'GET', '/api/forms', undefined],
    ])('refuses %s %s %s with 403 ACCESS_DENIED naming the roles it needs', async (who, method, path, body) => {
      // when
      const client = { 'agent ana': ana, 'designer dina': dina, 'analyst alex': alex }[who]!;
      const response = await (method === 'GET' ? client.get(path) : method === 'PUT' ? client.put(path).send(body) : client.post(path).send(body));
      // then
      expect(outcome(response)).toBe('403 ACCESS_DENIED');
      expect(response.body.message).toContain('needs the role');
    });

    it('stores nothing for the refused KPI writes, and refuses an analyst an empty or unknown-key body', async () => {
      // given the targets of a deployed process
      await deploy(sut.server, await readFile('processes/customer-service/as-is.bpmn', 'utf8'));
      const before = (await alex.get('/api/analytics/kpi-targets/customer-service').expect(200)).body;
      // when an agent writes, and the analyst sends {} and a KPI nobody knows
      const byAgent = await ana.put('/api/analytics/kpi-targets/customer-service').send({ fcr: { target: 0 } });
      const empty = await alex.put('/api/analytics/kpi-targets/customer-service').send({});
      const unknown = await alex.put('/api/analytics/kpi-targets/customer-service').send({ anything: { target: 1 } });
      // then
      expect([outcome(byAgent), outcome(empty), outcome(unknown)]).toEqual(['403 ACCESS_DENIED', '400 KPI_TARGETS_INVALID', '400 KPI_TARGETS_INVALID']);
      expect([empty.body.details.field, unknown.body.details.field]).toEqual(['body', 'anything']);
      expect((await alex.get('/api/analytics/kpi-targets/customer-service').expect(200)).body).toEqual(before);
    });

    it('lets a designer read the deployed forms, which an analyst may not', async () => {
      expect(outcome(await dina.get('/api/forms'))).toBe('200');
    });
  });
});
