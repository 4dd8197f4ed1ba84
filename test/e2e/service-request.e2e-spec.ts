import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request, { type Agent } from 'supertest';
import { MINUTE } from './support/test-clock.js';
import { createTestApp, deploy, fixture, type TestApp } from './support/test-app.js';

interface Step {
  activityInstanceId: string;
  elementId: string;
  elementType: string;
  name: string | null;
  laneId: string | null;
  readyAt: string | null;
  claimedAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  canceledAt: string | null;
  actor: string | null;
  previousActivityInstanceId: string | null;
}

describe('a service request, end to end over HTTP', () => {
  let sut: TestApp;
  // Agents of the tiers the model offers its tasks to; the steps record them as actors.
  let anna: Agent;
  let ben: Agent;
  let carl: Agent;

  beforeAll(async () => {
    sut = await createTestApp();
    await deploy(sut.server, await fixture('service-request.bpmn'));
    anna = await sut.signIn('anna', { roles: ['agent'], groups: ['first-line'] });
    carl = await sut.signIn('carl', { roles: ['agent'], groups: ['first-line'] });
    ben = await sut.signIn('ben', { roles: ['agent'], groups: ['second-line'] });
  });

  afterAll(async () => {
    await sut?.close();
  });

  const http = () => request(sut.server);

  const start = async (body: object) => {
    const response = await http().post('/api/processes/service-request/instances').send(body);
    expect(response.status).toBe(201);
    return response.body as { id: string; status: string; activities: Array<{ id: string; elementId: string }> };
  };

  const openTask = async (instanceId: string) => {
    const response = await http().get('/api/tasks').query({ instanceId, status: 'open' });
    expect(response.body).toHaveLength(1);
    return response.body[0] as { id: string; elementId: string; candidateGroups: string[]; laneId: string };
  };

  const steps = async (instanceId: string) => (await http().get(`/api/instances/${instanceId}/steps`)).body as Step[];

  it('runs a case through both human steps and the worker step, and records every step', async () => {
    // given a warranty request arrives
    const instance = await start({ businessKey: 'ticket-4711', variables: { category: 'warranty', customer: 'C-17' } });
    expect(instance.status).toBe('active');

    // when the first line finds it in their queue, claims it after 5 minutes and records it 10 minutes later
    sut.clock.advance(5 * MINUTE);
    const queue = await http().get('/api/tasks').query({ candidateGroup: 'first-line', status: 'open' });
    const record = queue.body.find((task: { instanceId: string }) => task.instanceId === instance.id);
    expect(record).toEqual(expect.objectContaining({ elementId: 'record-request', laneId: 'first-line', formKey: 'record-request' }));
    const claimed = await anna.post(`/api/tasks/${record.id}/claim`).send({ start: true });
    expect(claimed.status).toBe(200);
    expect(claimed.body).toEqual(expect.objectContaining({ assignee: 'anna', claimedAt: sut.clock.now().toISOString() }));
    sut.clock.advance(10 * MINUTE);
    const recorded = await anna.post(`/api/tasks/${record.id}/complete`).send({ variables: { product: 'kettle' } });
    expect(recorded.status).toBe(200);
    expect(recorded.body.activeElementIds).toEqual(['check-entitlement']);

    // and a worker fetches the entitlement check 1 minute later, and completes it 2 minutes after that
    sut.clock.advance(MINUTE);
    const fetched = await http()
      .post('/api/external-tasks/fetch-and-lock')
      .send({ workerId: 'entitlement-worker', maxTasks: 5, topics: [{ name: 'entitlement', lockDurationMs: 10 * MINUTE }] });
    expect(fetched.status).toBe(200);
    const check = fetched.body.find((task: { instanceId: string }) => task.instanceId === instance.id);
    expect(check).toEqual(
      expect.objectContaining({
        topic: 'entitlement',
        workerId: 'entitlement-worker',
        businessKey: 'ticket-4711',
        variables: { category: 'warranty', customer: 'C-17', product: 'kettle' },
      }),
    );
    sut.clock.advance(2 * MINUTE);
    const checked = await http()
      .post(`/api/external-tasks/${check.id}/complete`)
      .send({ workerId: 'entitlement-worker', variables: { entitled: true } });
    expect(checked.status).toBe(200);

    // and the second line resolves it
    const resolve = await openTask(instance.id);
    expect(resolve).toEqual(expect.objectContaining({ elementId: 'resolve-request', candidateGroups: ['second-line', 'experts'] }));
    sut.clock.advance(30 * MINUTE);
    await ben.post(`/api/tasks/${resolve.id}/claim`).send({ start: true }).expect(200);
    sut.clock.advance(15 * MINUTE);
    const resolved = await ben.post(`/api/tasks/${resolve.id}/complete`).send({ variables: { solution: 'replaced' } });

    // then the instance has ended with every variable
    expect(resolved.status).toBe(200);
    expect(resolved.body).toEqual(expect.objectContaining({ status: 'completed', activeElementIds: [], endedAt: sut.clock.now().toISOString() }));
    const ended = await http().get(`/api/instances/${instance.id}`);
    expect(ended.body).toEqual(
      expect.objectContaining({
        status: 'completed',
        businessKey: 'ticket-4711',
        version: 1,
        variables: { category: 'warranty', customer: 'C-17', product: 'kettle', entitled: true, solution: 'replaced' },
        incidents: [],
      }),
    );

    // and the step ledger holds every element once, in order, each timed consistently
    const ledger = await steps(instance.id);
    expect(ledger.map((step) => step.elementId)).toEqual(['received', 'record-request', 'needs-check', 'check-entitlement', 'resolve-request', 'resolved']);
    for (const step of ledger) {
      expect(step.readyAt).not.toBeNull();
      expect(step.completedAt).not.toBeNull();
      expect(step.canceledAt).toBeNull();
      const started = step.startedAt ?? step.readyAt!;
      expect(Date.parse(step.readyAt!)).toBeLessThanOrEqual(Date.parse(started));
      expect(Date.parse(started)).toBeLessThanOrEqual(Date.parse(step.completedAt!));
    }
    // and each step points at the one the token came from
    ledger.slice(1).forEach((step, index) => expect(step.previousActivityInstanceId).toBe(ledger[index].activityInstanceId));

    // and the waiting and working times of the human and worker steps are what happened
    const byElement = Object.fromEntries(ledger.map((step) => [step.elementId, step]));
    const minutes = (from: string | null, to: string | null) => (Date.parse(to!) - Date.parse(from!)) / MINUTE;
    const recordStep = byElement['record-request'];
    expect(recordStep).toEqual(expect.objectContaining({ elementType: 'userTask', name: 'Record request', laneId: 'first-line', actor: 'anna' }));
    expect(minutes(recordStep.readyAt, recordStep.claimedAt)).toBe(5);
    expect(minutes(recordStep.startedAt, recordStep.completedAt)).toBe(10);
    const checkStep = byElement['check-entitlement'];
    expect(checkStep).toEqual(expect.objectContaining({ elementType: 'serviceTask', laneId: 'systems', actor: 'entitlement-worker' }));
    expect(minutes(checkStep.readyAt, checkStep.startedAt)).toBe(1);
    expect(minutes(checkStep.startedAt, checkStep.completedAt)).toBe(2);
    const resolveStep = byElement['resolve-request'];
    expect(resolveStep).toEqual(expect.objectContaining({ laneId: 'second-line', actor: 'ben' }));
    expect(minutes(resolveStep.readyAt, resolveStep.claimedAt)).toBe(30);
    expect(minutes(resolveStep.startedAt, resolveStep.completedAt)).toBe(15);

    // and the finished case is listed among the completed ones of its key
    const completed = await http().get('/api/instances').query({ processKey: 'service-request', status: 'completed' });
    expect(completed.body.map((summary: { id: string }) => summary.id)).toContain(instance.id);
    expect(Number(completed.headers['x-total-count'])).toBeGreaterThanOrEqual(1);
  });

  it('takes the default flow past the worker step when no condition matches', async () => {
    // given a request that is not about warranty
    const instance = await start({ variables: { category: 'question' } });
    // when the first line completes the recording without claiming it first
    const record = await openTask(instance.id);
    const recorded = await http().post(`/api/tasks/${record.id}/complete`).send({ userId: 'anna' });
    // then the case goes straight to the resolution
    expect(recorded.status).toBe(200);
    expect(recorded.body.activeElementIds).toEqual(['resolve-request']);
    const ledger = await steps(instance.id);
    expect(ledger.map((step) => step.elementId)).not.toContain('check-entitlement');
  });

  it('answers 404 for a process key that was never deployed', async () => {
    // when a case is started on an unknown key
    const response = await http().post('/api/processes/no-such-process/instances').send({});
    // then it is a 404 naming the key
    expect(response.status).toBe(404);
    expect(response.body).toEqual(expect.objectContaining({ code: 'PROCESS_NOT_FOUND', details: { key: 'no-such-process' } }));
  });

  it('answers 400 naming the field when variables are not an object, or a field is unknown', async () => {
    // when variables are a list, a string, and when an unknown field is sent
    const list = await http()
      .post('/api/processes/service-request/instances')
      .send({ variables: [1, 2] });
    const text = await http().post('/api/processes/service-request/instances').send({ variables: 'category=warranty' });
    const unknown = await http().post('/api/processes/service-request/instances').send({ variabels: {} });
    // then each is a validation error naming the field, and no case was started
    for (const response of [list, text]) {
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.message).toContain('variables');
    }
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('variabels');
  });

  it('answers 409 to a second completion of a task and records no second completion', async () => {
    // given a task that has been completed
    const instance = await start({ variables: { category: 'question' } });
    const record = await openTask(instance.id);
    await http().post(`/api/tasks/${record.id}/complete`).send({ userId: 'anna' }).expect(200);
    const before = await steps(instance.id);
    // when it is completed again
    const again = await http().post(`/api/tasks/${record.id}/complete`).send({ userId: 'anna' });
    // then it is a conflict and the ledger is unchanged
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ACTIVITY_NOT_ACTIVE');
    expect(await steps(instance.id)).toEqual(before);
    const task = await http().get(`/api/tasks/${record.id}`);
    expect(task.body.status).toBe('completed');
  });

  it('lets exactly one of many simultaneous completions win', async () => {
    // given an open task
    const instance = await start({ variables: { category: 'question' } });
    const record = await openTask(instance.id);
    // when ten clients complete it at the same moment
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, client) =>
        http()
          .post(`/api/tasks/${record.id}/complete`)
          .send({ variables: { by: `client-${client}` } }),
      ),
    );
    // then one succeeds, the others get a conflict, and the task completed once
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(9);
    const completions = (await steps(instance.id)).filter((step) => step.elementId === 'record-request');
    expect(completions).toHaveLength(1);
    const view = await http().get(`/api/instances/${instance.id}`);
    expect(view.body.revision).toBe(2);
  });

  it('answers 409 when a task claimed by one user is claimed by another, and 403 when the other completes it', async () => {
    // given anna has claimed the task
    const instance = await start({ variables: { category: 'question' } });
    const record = await openTask(instance.id);
    await anna.post(`/api/tasks/${record.id}/claim`).expect(200);
    // when carl, of the same group, claims it, and completes it
    const claim = await carl.post(`/api/tasks/${record.id}/claim`);
    const complete = await carl.post(`/api/tasks/${record.id}/complete`);
    // then both are refused and anna still holds it
    expect(claim.status).toBe(409);
    expect(claim.body.code).toBe('TASK_ALREADY_CLAIMED');
    expect(complete.status).toBe(403);
    expect(complete.body.code).toBe('TASK_CLAIMED_BY_OTHER');
    expect((await http().get(`/api/tasks/${record.id}`)).body).toEqual(expect.objectContaining({ assignee: 'anna', status: 'open' }));
  });

  it('answers 400 naming a malformed field, and 404 for an unknown task', async () => {
    // when a claim names its user as a number, and an unknown task is completed
    const malformed = await http().post('/api/tasks/00000000-0000-4000-8000-000000000000/claim').send({ userId: 42 });
    const unknown = await http().post('/api/tasks/00000000-0000-4000-8000-000000000000/complete').send({});
    // then the first names the field, the second is not found
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toContain('userId');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('TASK_NOT_FOUND');
  });

  it('refuses an external-task completion from a worker without the lock, and after the lock expired', async () => {
    // given a worker has locked the entitlement check for 5 minutes
    const instance = await start({ variables: { category: 'warranty' } });
    const record = await openTask(instance.id);
    await http().post(`/api/tasks/${record.id}/complete`).send({ userId: 'anna' }).expect(200);
    const fetched = await http()
      .post('/api/external-tasks/fetch-and-lock')
      .send({ workerId: 'worker-a', maxTasks: 10, topics: [{ name: 'entitlement', lockDurationMs: 5 * MINUTE }] });
    const check = fetched.body.find((task: { instanceId: string }) => task.instanceId === instance.id);
    // when another worker completes it
    const wrongWorker = await http().post(`/api/external-tasks/${check.id}/complete`).send({ workerId: 'worker-b' });
    // then that is a conflict
    expect(wrongWorker.status).toBe(409);
    expect(wrongWorker.body.code).toBe('EXTERNAL_TASK_NOT_LOCKED');

    // when the lock expires, the task is fetchable by another worker and the first one's completion is refused
    sut.clock.advance(6 * MINUTE);
    const late = await http().post(`/api/external-tasks/${check.id}/complete`).send({ workerId: 'worker-a' });
    expect(late.status).toBe(409);
    const refetched = await http()
      .post('/api/external-tasks/fetch-and-lock')
      .send({ workerId: 'worker-b', maxTasks: 10, topics: [{ name: 'entitlement', lockDurationMs: 5 * MINUTE }] });
    expect(refetched.body.map((task: { id: string }) => task.id)).toContain(check.id);
    await http().post(`/api/external-tasks/${check.id}/complete`).send({ workerId: 'worker-b' }).expect(200);

    // then the ledger shows the work as started by the first lock, completed by the second worker
    const checkStep = (await steps(instance.id)).find((step) => step.elementId === 'check-entitlement')!;
    expect(checkStep.actor).toBe('worker-b');
    expect(Date.parse(checkStep.completedAt!) - Date.parse(checkStep.startedAt!)).toBe(6 * MINUTE);
  });

  it('pages the instance list with the total in a header', async () => {
    // given at least three cases with one business key
    for (let index = 0; index < 3; index += 1) await start({ businessKey: 'paging', variables: { category: 'question' } });
    // when the first page of two is asked for
    const page = await http().get('/api/instances').query({ businessKey: 'paging', limit: 2, offset: 0 });
    // then two come back, and the header tells there are three
    expect(page.status).toBe(200);
    expect(page.body).toHaveLength(2);
    expect(page.headers['x-total-count']).toBe('3');
    const bad = await http().get('/api/instances').query({ limit: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('limit');
  });
});
