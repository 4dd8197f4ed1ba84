import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { MINUTE } from './support/test-clock.js';
import { createTestApp, deploy, fixture, type TestApp } from './support/test-app.js';

/** The service-request model's entitlement check allows 2 failures (`tandem:retries="2"`). */
describe('external task failures, retries and incidents', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
    await deploy(sut.server, await fixture('service-request.bpmn'));
  });

  afterAll(async () => {
    await sut?.close();
  });

  const http = () => request(sut.server);

  /** A warranty case whose first step is done, so the entitlement check waits for a worker. */
  const caseAtTheCheck = async () => {
    const instance = (
      await http()
        .post('/api/processes/service-request/instances')
        .send({ variables: { category: 'warranty' } })
        .expect(201)
    ).body;
    const [task] = (await http().get('/api/tasks').query({ instanceId: instance.id })).body;
    await http().post(`/api/tasks/${task.id}/complete`).send({ userId: 'anna' }).expect(200);
    return instance.id as string;
  };

  const fetchFor = async (instanceId: string, workerId = 'worker-a') => {
    const response = await http()
      .post('/api/external-tasks/fetch-and-lock')
      .send({ workerId, maxTasks: 50, topics: [{ name: 'entitlement', lockDurationMs: 10 * MINUTE }] });
    expect(response.status).toBe(200);
    return (response.body as Array<{ id: string; instanceId: string; retries: number }>).find((task) => task.instanceId === instanceId);
  };

  it('hands a failed task out again after the retry timeout, and raises an incident when retries run out', async () => {
    // given a worker holds the entitlement check
    const instanceId = await caseAtTheCheck();
    const locked = await fetchFor(instanceId);
    expect(locked?.retries).toBe(2);

    // when it fails with a retry timeout of 5 minutes
    const first = await http()
      .post(`/api/external-tasks/${locked!.id}/failure`)
      .send({ workerId: 'worker-a', errorMessage: 'CRM timed out', retryTimeoutMs: 5 * MINUTE });

    // then one retry is left, no incident yet, and the task is not fetchable before the timeout
    expect(first.status).toBe(200);
    expect(first.body).toEqual(expect.objectContaining({ retries: 1, errorMessage: 'CRM timed out', workerId: null, incidentId: null }));
    expect(await fetchFor(instanceId)).toBeUndefined();
    sut.clock.advance(5 * MINUTE);
    const again = await fetchFor(instanceId, 'worker-b');
    expect(again?.id).toBe(locked!.id);

    // when the second worker fails too
    const second = await http().post(`/api/external-tasks/${again!.id}/failure`).send({ workerId: 'worker-b', errorMessage: 'CRM still down' });

    // then the retries are used up and an incident is raised, shown on the instance and in the incident list
    expect(second.status).toBe(200);
    expect(second.body.retries).toBe(0);
    expect(second.body.incidentId).toEqual(expect.any(String));
    const instance = (await http().get(`/api/instances/${instanceId}`)).body;
    expect(instance.status).toBe('active');
    expect(instance.incidents).toEqual([
      expect.objectContaining({
        id: second.body.incidentId,
        externalTaskId: locked!.id,
        elementId: 'check-entitlement',
        message: 'CRM still down',
        resolvedAt: null,
      }),
    ]);
    const open = await http().get('/api/incidents').query({ open: true });
    expect(open.body.map((incident: { id: string }) => incident.id)).toContain(second.body.incidentId);
    // and nobody can fetch it any more, however long they wait
    sut.clock.advance(60 * MINUTE);
    expect(await fetchFor(instanceId)).toBeUndefined();
  });

  it('lets a worker set the retries left, and 0 raises the incident at once', async () => {
    // given a worker holds the check
    const instanceId = await caseAtTheCheck();
    const locked = await fetchFor(instanceId);
    // when it reports a failure that retrying cannot fix
    const response = await http().post(`/api/external-tasks/${locked!.id}/failure`).send({ workerId: 'worker-a', errorMessage: 'Customer unknown', retries: 0 });
    // then an incident is raised on the first failure
    expect(response.status).toBe(200);
    expect(response.body.incidentId).toEqual(expect.any(String));
    const incidents = await http().get('/api/incidents').query({ instanceId });
    expect(incidents.body).toHaveLength(1);
  });

  it('refuses a failure reported by a worker that does not hold the lock, and changes nothing', async () => {
    // given worker-a holds the check
    const instanceId = await caseAtTheCheck();
    const locked = await fetchFor(instanceId);
    // when worker-b reports a failure for it
    const response = await http().post(`/api/external-tasks/${locked!.id}/failure`).send({ workerId: 'worker-b', errorMessage: 'not mine' });
    // then it is a conflict, and worker-a can still complete the task
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('EXTERNAL_TASK_NOT_LOCKED');
    await http().post(`/api/external-tasks/${locked!.id}/complete`).send({ workerId: 'worker-a' }).expect(200);
  });

  it('answers 400 naming the field for an invalid fetch, and 404 for an unknown external task', async () => {
    // when a fetch has no topics, and an unknown task is completed
    const noTopics = await http().post('/api/external-tasks/fetch-and-lock').send({ workerId: 'w', maxTasks: 1, topics: [] });
    const badDuration = await http()
      .post('/api/external-tasks/fetch-and-lock')
      .send({ workerId: 'w', maxTasks: 1, topics: [{ name: 'entitlement', lockDurationMs: -1 }] });
    const unknown = await http().post('/api/external-tasks/00000000-0000-4000-8000-000000000000/complete').send({ workerId: 'w' });
    // then each answer names what is wrong
    expect(noTopics.status).toBe(400);
    expect(noTopics.body.message).toContain('topics');
    expect(badDuration.status).toBe(400);
    expect(badDuration.body.message).toContain('lockDurationMs');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('EXTERNAL_TASK_NOT_FOUND');
  });
});
