import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execute, type EnginePorts } from '#engine';
import { InstanceRepository, openDataSource, ProcessVersionRepository } from '#persistence';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { CallActivityReconciler } from '../../apps/engine/src/call-activities/call-activity-reconciler.service.js';
import { MINUTE } from './support/test-clock.js';
import { createTestApp, deploy, fixture, type TestApp } from './support/test-app.js';

interface Instance {
  id: string;
  status: string;
  activeElementIds: string[];
  activities: Array<{ id: string; elementId: string }>;
  variables: Record<string, unknown>;
  parentInstanceId?: string;
  incidents?: Array<{ id: string; elementId: string; externalTaskId: string | null; message: string; resolvedAt: string | null }>;
}

/** The lease after which another engine process takes over work an engine process owed (DEFAULT_APP_CONFIG.jobLeaseMs). */
const LEASE_MS = 30_000;

describe('BPMN errors thrown by workers', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
    await deploy(sut.server, await fixture('card-payment.bpmn'));
  });

  afterAll(async () => {
    await sut?.close();
  });

  const http = () => request(sut.server);
  const get = async (id: string): Promise<Instance> => (await http().get(`/api/instances/${id}`)).body as Instance;

  /** A new payment, its charge locked by the worker: the instance id and the external task id. */
  const lockedCharge = async (workerId = 'card-worker') => {
    const instance = (
      await http()
        .post('/api/processes/card-payment/instances')
        .send({ variables: { amount: 40 } })
        .expect(201)
    ).body as Instance;
    const fetched = await http()
      .post('/api/external-tasks/fetch-and-lock')
      .send({ workerId, maxTasks: 50, topics: [{ name: 'card-charge', lockDurationMs: 10 * MINUTE }] })
      .expect(200);
    const task = (fetched.body as Array<{ id: string; instanceId: string }>).find(({ instanceId }) => instanceId === instance.id);
    expect(task).toBeDefined();
    return { instanceId: instance.id, taskId: task!.id };
  };

  const fetchAgain = async (instanceId: string) => {
    const fetched = await http()
      .post('/api/external-tasks/fetch-and-lock')
      .send({ workerId: 'other-worker', maxTasks: 50, topics: [{ name: 'card-charge', lockDurationMs: MINUTE }] })
      .expect(200);
    return (fetched.body as Array<{ id: string; instanceId: string }>).find((task) => task.instanceId === instanceId);
  };

  it('is caught by the error boundary event with its code: the task is canceled, the mapped variables arrive, the case moves on', async () => {
    // given
    const { instanceId, taskId } = await lockedCharge();

    // when the worker throws CARD_DECLINED with its reason
    const response = await http()
      .post(`/api/external-tasks/${taskId}/bpmn-error`)
      .send({ workerId: 'card-worker', errorCode: 'CARD_DECLINED', errorMessage: 'issuer said no', variables: { reason: 'expired', raw: 'code 54' } });

    // then the boundary event took it, mapping only the reason
    expect(response.status).toBe(200);
    expect(response.body).toEqual(expect.objectContaining({ outcome: 'caught', incidentId: null }));
    expect(response.body.instance).toEqual(expect.objectContaining({ id: instanceId, activeElementIds: ['ask-other-card'], variables: { amount: 40, declineReason: 'expired' } }));
    const steps = (await http().get(`/api/instances/${instanceId}/steps`)).body as Array<{
      elementId: string;
      startedAt: string | null;
      completedAt: string | null;
      canceledAt: string | null;
      actor: string | null;
    }>;
    expect(steps.filter(({ elementId }) => elementId === 'charge')).toEqual([
      expect.objectContaining({ actor: 'card-worker', startedAt: expect.any(String), completedAt: null, canceledAt: expect.any(String) }),
    ]);
    // and the task is gone for every worker
    expect(await fetchAgain(instanceId)).toBeUndefined();
    expect((await http().post(`/api/external-tasks/${taskId}/complete`).send({ workerId: 'card-worker' })).status).toBe(409);
  });

  it("raises an incident on the task when nothing catches the code, changes nothing else, and the incident's retry hands the task out again", async () => {
    // given
    const { instanceId, taskId } = await lockedCharge();

    // when the worker throws a code no catch names
    const response = await http().post(`/api/external-tasks/${taskId}/bpmn-error`).send({ workerId: 'card-worker', errorCode: 'FRAUD_SUSPECTED', errorMessage: 'velocity check' });

    // then an incident names the task and the error, and the instance still waits at the charge
    expect(response.status).toBe(200);
    expect(response.body).toEqual(
      expect.objectContaining({ outcome: 'incident', incidentId: expect.any(String), externalTask: expect.objectContaining({ id: taskId, retries: 0, workerId: null }) }),
    );
    const instance = await get(instanceId);
    expect(instance).toEqual(expect.objectContaining({ status: 'active', activeElementIds: ['charge'], variables: { amount: 40 } }));
    expect(instance.incidents).toEqual([
      expect.objectContaining({
        id: response.body.incidentId,
        elementId: 'charge',
        externalTaskId: taskId,
        resolvedAt: null,
        message: expect.stringMatching(/'FRAUD_SUSPECTED' thrown at 'charge' is not caught.*velocity check/),
      }),
    ]);
    expect(await fetchAgain(instanceId)).toBeUndefined();

    // when an operator retries the incident
    expect((await http().post(`/api/incidents/${response.body.incidentId}/retry`).send({ retries: 1 })).status).toBe(200);

    // then a worker gets the task again
    expect((await fetchAgain(instanceId))?.id).toBe(taskId);
  });

  it('answers 409 to a worker that does not hold the lock, 404 for an unknown task, 400 naming a bad field; nothing changes', async () => {
    // given
    const { instanceId, taskId } = await lockedCharge();
    const before = await get(instanceId);

    // when
    const notHolder = await http().post(`/api/external-tasks/${taskId}/bpmn-error`).send({ workerId: 'intruder', errorCode: 'CARD_DECLINED' });
    const unknown = await http().post(`/api/external-tasks/${randomUUID()}/bpmn-error`).send({ workerId: 'card-worker', errorCode: 'CARD_DECLINED' });
    const noCode = await http().post(`/api/external-tasks/${taskId}/bpmn-error`).send({ workerId: 'card-worker' });
    const badVariables = await http().post(`/api/external-tasks/${taskId}/bpmn-error`).send({ workerId: 'card-worker', errorCode: 'X', variables: 'reason' });

    // then
    expect(notHolder.status).toBe(409);
    expect(notHolder.body.code).toBe('EXTERNAL_TASK_NOT_LOCKED');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('EXTERNAL_TASK_NOT_FOUND');
    expect(noCode.status).toBe(400);
    expect(JSON.stringify(noCode.body)).toContain('errorCode');
    expect(badVariables.status).toBe(400);
    expect(JSON.stringify(badVariables.body)).toContain('variables');
    expect(await get(instanceId)).toEqual(before);
  });

  it('answers 409 once the lock has expired', async () => {
    // given
    const { taskId } = await lockedCharge();
    sut.clock.advance(11 * MINUTE);

    // when
    const response = await http().post(`/api/external-tasks/${taskId}/bpmn-error`).send({ workerId: 'card-worker', errorCode: 'CARD_DECLINED' });

    // then
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('EXTERNAL_TASK_NOT_LOCKED');
  });
});

describe('errors and escalations from a called instance', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
    await deploy(sut.server, await fixture('claim-assessment.bpmn'));
    await deploy(sut.server, await fixture('claim.bpmn'));
  });

  afterAll(async () => {
    await sut?.close();
  });

  const http = () => request(sut.server);
  const get = async (id: string): Promise<Instance> => (await http().get(`/api/instances/${id}`)).body as Instance;

  /** A new claim and the assessment it called. */
  const claim = async () => {
    const parent = (
      await http()
        .post('/api/processes/claim/instances')
        .send({ variables: { amount: 900 } })
        .expect(201)
    ).body as Instance;
    const listed = (await http().get('/api/instances').query({ processKey: 'claim-assessment' })).body as Array<{ id: string }>;
    const children = await Promise.all(listed.map(({ id }) => get(id)));
    const child = children.find(({ parentInstanceId }) => parentInstanceId === parent.id);
    expect(child).toBeDefined();
    return { parentId: parent.id, childId: child!.id };
  };

  const completeOpenTask = (instanceId: string, variables: object) =>
    http()
      .get('/api/tasks')
      .query({ instanceId, status: 'open' })
      .then(async ({ body }) => {
        expect(body).toHaveLength(1);
        return http().post(`/api/tasks/${body[0].id}/complete`).send({ userId: 'ann', variables });
      });

  it("an uncaught error end event in the child reaches the call activity's error boundary event; the child ends", async () => {
    // given
    const { parentId, childId } = await claim();

    // when the assessor rejects the claim
    expect((await completeOpenTask(childId, { verdict: 'reject' })).status).toBe(200);

    // then the child ended (canceled, no operator's doing), and the parent informs the customer
    const child = await get(childId);
    expect(child).toEqual(expect.objectContaining({ status: 'canceled', activeElementIds: [] }));
    expect((await http().get(`/api/instances/${childId}/audit`)).body).toEqual([]);
    const parent = await get(parentId);
    expect(parent.activeElementIds).toEqual(['inform-rejection']);
    expect(parent.incidents).toEqual([]);
  });

  it('an uncaught escalation in the child reaches the non-interrupting escalation boundary event; both go on', async () => {
    // given
    const { parentId, childId } = await claim();

    // when the assessor asks for an expert
    expect((await completeOpenTask(childId, { verdict: 'expert' })).status).toBe(200);

    // then the parent calls in an expert while the assessment goes on to its second review
    expect((await get(parentId)).activeElementIds.sort()).toEqual(['assess', 'call-expert']);
    expect((await get(childId)).activeElementIds).toEqual(['second-review']);

    // when the second review is done, then the call activity completes and the claim is paid
    expect((await completeOpenTask(childId, {})).status).toBe(200);
    expect((await get(parentId)).activeElementIds.sort()).toEqual(['call-expert', 'pay']);
  });

  it("refuses the child's command with 422 ERROR_NOT_CAUGHT when neither the child nor the parent catches the error; nothing changes", async () => {
    // given
    const { parentId, childId } = await claim();

    // when the assessor finds fraud, which nothing catches
    const response = await completeOpenTask(childId, { verdict: 'fraud' });

    // then
    expect(response.status).toBe(422);
    expect(response.body).toEqual(expect.objectContaining({ code: 'ERROR_NOT_CAUGHT', details: expect.objectContaining({ elementId: 'fraud-found', errorCode: 'FRAUD' }) }));
    expect((await get(childId)).activeElementIds).toEqual(['review']);
    expect((await get(parentId)).activeElementIds).toEqual(['assess']);
  });
});

describe("a called instance's error when the engine process dies before telling the parent", () => {
  let sut: TestApp;
  let dataSource: DataSource;
  let ports: EnginePorts;

  beforeAll(async () => {
    // Background polls only at start: the test runs each round of follow-ups itself, after moving the clock.
    sut = await createTestApp({ jobPollMs: 3_600_000 });
    await deploy(sut.server, await fixture('claim-assessment.bpmn'));
    await deploy(sut.server, await fixture('claim.bpmn'));
    dataSource = await openDataSource({ url: sut.database.url, poolSize: 2 });
    ports = { clock: sut.clock, ids: { next: () => randomUUID() } };
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await sut?.close();
  });

  const http = () => request(sut.server);
  const get = async (id: string): Promise<Instance> => (await http().get(`/api/instances/${id}`)).body as Instance;

  it('delivers the escalation the child committed once, then its end, each after the lease', async () => {
    // given a claim whose assessment escalates, then rejects, each committed by an engine process that died right after
    const parent = (await http().post('/api/processes/claim/instances').send({}).expect(201)).body as Instance;
    const listed = (await http().get('/api/instances').query({ processKey: 'claim-assessment' })).body as Array<{ id: string }>;
    const instances = new InstanceRepository(dataSource);
    const versions = new ProcessVersionRepository(dataSource);
    const assessment = (await versions.findRunnable((await versions.findLatestId('claim-assessment'))!))!;
    const childId = listed[0].id;
    const completeInChild = async (elementId: string, variables: Record<string, unknown>) => {
      const stored = (await instances.load(childId))!;
      const task = stored.state.activities.find((activity) => activity.elementId === elementId)!;
      await instances.commit(execute(assessment.graph, stored.state, { type: 'completeTask', activityInstanceId: task.id, variables }, ports), stored);
    };
    await completeInChild('review', { verdict: 'expert' });
    expect((await get(parent.id)).activeElementIds).toEqual(['assess']);

    // when the lease passes and a round of follow-ups runs
    const reconciler = sut.app.get(CallActivityReconciler);
    sut.clock.advance(LEASE_MS + 1);
    expect(await reconciler.runDue()).toBe(1);

    // then the parent got the escalation once
    expect((await get(parent.id)).activeElementIds.sort()).toEqual(['assess', 'call-expert']);

    // and given the second review is committed by a dying engine process too: the child ends normally
    await completeInChild('second-review', {});
    sut.clock.advance(LEASE_MS + 1);
    expect(await reconciler.runDue()).toBe(1);

    // then the escalation was not delivered again, and the parent moved on with the child's end
    expect((await get(parent.id)).activeElementIds.sort()).toEqual(['call-expert', 'pay']);
    sut.clock.advance(LEASE_MS + 1);
    expect(await reconciler.runDue()).toBe(0);
  });

  it('delivers a committed error to the call activity after the lease, and the child ends canceled', async () => {
    // given a claim whose assessment rejects it, committed by an engine process that died before telling the parent
    const parent = (await http().post('/api/processes/claim/instances').send({ businessKey: 'crash-error' }).expect(201)).body as Instance;
    const listed = (await http().get('/api/instances').query({ processKey: 'claim-assessment', businessKey: 'crash-error' })).body as Array<{ id: string }>;
    const instances = new InstanceRepository(dataSource);
    const versions = new ProcessVersionRepository(dataSource);
    const assessment = (await versions.findRunnable((await versions.findLatestId('claim-assessment'))!))!;
    const stored = (await instances.load(listed[0].id))!;
    const review = stored.state.activities.find(({ elementId }) => elementId === 'review')!;
    await instances.commit(execute(assessment.graph, stored.state, { type: 'completeTask', activityInstanceId: review.id, variables: { verdict: 'reject' } }, ports), stored);
    expect((await get(listed[0].id)).status).toBe('canceled');
    expect((await get(parent.id)).activeElementIds).toEqual(['assess']);

    // when the lease passes
    sut.clock.advance(LEASE_MS + 1);
    await sut.app.get(CallActivityReconciler).runDue();

    // then the parent's error boundary event took it
    expect((await get(parent.id)).activeElementIds).toEqual(['inform-rejection']);
  });
});
