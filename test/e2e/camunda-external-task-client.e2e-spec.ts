import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BasicAuthInterceptor, Client, Variables } from 'camunda-external-task-client-js';
import request from 'supertest';
import { createTestApp, deploy, eventually, fixture, TEST_PASSWORD, TEST_START, type TestApp } from './support/test-app.js';

interface Step {
  elementId: string;
  actor: string | null;
  startedAt: string | null;
  completedAt: string | null;
  canceledAt: string | null;
}

interface Instance {
  id: string;
  status: string;
  activeElementIds: string[];
  variables: Record<string, unknown>;
}

const WORKER_ID = 'camunda-js-worker';

/**
 * The unmodified camunda-external-task-client-js against Tandem's /engine-rest, over a real port:
 * a Camunda 7 worker moved here as it is. Cases are started with Camunda's start call, HTTP Basic
 * with an agent's password; the worker authenticates with an API key as its Basic password.
 */
describe('camunda-external-task-client-js against /engine-rest', () => {
  let sut: TestApp;
  let client: Client;
  let baseUrl: string;
  /** What the worker saw of the tasks it handled, by business key. */
  const seen = new Map<string, { variables: Record<string, unknown>; lockAfterExtend?: string }>();
  /** Business keys whose first attempt has failed. */
  const failedOnce = new Set<string>();

  beforeAll(async () => {
    sut = await createTestApp();
    await deploy(sut.server, await fixture('camunda-payment.bpmn'));
    await sut.signIn('cam-agent', { roles: ['agent'] });
    const key = (await request(sut.server).post('/api/api-keys').send({ name: 'camunda-worker' }).expect(201)).body.key as string;
    await new Promise<void>((resolve) => sut.anonymousServer.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(sut.anonymousServer.address() as AddressInfo).port}/engine-rest`;
    client = new Client({
      baseUrl,
      workerId: WORKER_ID,
      interceptors: new BasicAuthInterceptor({ username: 'camunda-worker', password: key }),
      asyncResponseTimeout: 2000,
      interval: 20,
      lockDuration: 30_000,
      autoPoll: false,
    });
    client.subscribe('charge-card', async ({ task, taskService }) => {
      const businessKey = task.businessKey as string;
      seen.set(businessKey, { variables: task.variables.getAll() });
      if (businessKey.startsWith('declined')) {
        await taskService.handleBpmnError(task, 'CARD_DECLINED', 'issuer said no', new Variables().set('declineReason', 'expired'));
        return;
      }
      if (businessKey.startsWith('flaky') && !failedOnce.has(businessKey)) {
        failedOnce.add(businessKey);
        await taskService.handleFailure(task, { errorMessage: 'card gateway timed out', errorDetails: 'HTTP 504 from the gateway', retries: 2, retryTimeout: 0 });
        return;
      }
      if (businessKey.startsWith('slow')) {
        await taskService.extendLock(task, 120_000);
        const lock = await request(sut.server).get(`/engine-rest/external-task/${task.id}`).expect(200);
        seen.set(businessKey, { variables: task.variables.getAll(), lockAfterExtend: lock.body.lockExpirationTime });
      }
      const variables = new Variables()
        .set('charged', true)
        .set('amountCents', 4250)
        .setTyped('receipt', { type: 'json', value: { number: 'R-7', lines: [1, 2] }, valueInfo: {} })
        .setTyped('chargedAt', { type: 'date', value: new Date('2026-01-05T09:30:00.000Z'), valueInfo: {} });
      await taskService.complete(task, variables);
    });
    client.start();
  });

  afterAll(async () => {
    client?.stop();
    await sut?.close();
  });

  /** A case started as a Camunda 7 portal starts one: HTTP Basic with the agent's own password. */
  const startCase = async (businessKey: string): Promise<string> => {
    const started = await request(sut.anonymousServer)
      .post('/engine-rest/process-definition/key/camunda-payment/start')
      .auth('cam-agent', TEST_PASSWORD)
      .send({ businessKey, variables: { amount: { value: 42.5, type: 'Double' }, customer: { value: 'C-1', type: 'String' } } });
    expect(started.status).toBe(200);
    return started.body.id as string;
  };

  const instance = (id: string) =>
    request(sut.server)
      .get(`/api/instances/${id}`)
      .then((response) => response.body as Instance);
  const steps = (id: string) =>
    request(sut.server)
      .get(`/api/instances/${id}/steps`)
      .then((response) => response.body as Step[]);
  const movedOn = (id: string) =>
    eventually(
      () => instance(id),
      (current) => !current.activeElementIds.includes('charge'),
    );

  it('completes a task with typed variables: the case moves on with them, the worker saw the typed start variables', async () => {
    // given a case waiting at the charge
    const id = await startCase('paid-1');
    // when the worker completes it
    const after = await movedOn(id);
    // then the case is at the receipt with the worker's variables as plain JSON
    expect(after.activeElementIds).toEqual(['send-receipt']);
    expect(after.variables).toEqual({
      amount: 42.5,
      customer: 'C-1',
      charged: true,
      amountCents: 4250,
      receipt: { number: 'R-7', lines: [1, 2] },
      chargedAt: '2026-01-05T09:30:00.000Z',
    });
    expect(seen.get('paid-1')?.variables).toEqual({ amount: 42.5, customer: 'C-1' });
    // and the step ledger has the worker's step, started at the lock and completed
    expect((await steps(id)).filter((step) => step.elementId === 'charge')).toEqual([
      expect.objectContaining({ actor: WORKER_ID, startedAt: expect.any(String), completedAt: expect.any(String), canceledAt: null }),
    ]);
  });

  it('reports a failure with retries: the task is handed out again and completed on the second attempt', async () => {
    // given a case whose first attempt fails
    const id = await startCase('flaky-1');
    // when the worker fails it once (2 retries left, no timeout) and completes it next
    const after = await movedOn(id);
    // then the case moved on, and the task recorded the failure before
    expect(failedOnce.has('flaky-1')).toBe(true);
    expect(after.activeElementIds).toEqual(['send-receipt']);
    const [charge] = (await steps(id)).filter((step) => step.elementId === 'charge');
    expect(charge).toEqual(expect.objectContaining({ actor: WORKER_ID, completedAt: expect.any(String) }));
  });

  it('throws a BPMN error the boundary event catches: the charge is canceled, the case asks for another card', async () => {
    // given
    const id = await startCase('declined-1');
    // when the worker throws CARD_DECLINED
    const after = await movedOn(id);
    // then the boundary event took it, with the variables the worker sent
    expect(after.activeElementIds).toEqual(['ask-other-card']);
    expect(after.variables).toEqual(expect.objectContaining({ declineReason: 'expired' }));
    expect((await steps(id)).filter((step) => step.elementId === 'charge')).toEqual([
      expect.objectContaining({ actor: WORKER_ID, startedAt: expect.any(String), completedAt: null, canceledAt: expect.any(String) }),
    ]);
  });

  it('extends a lock: the task is the worker’s for the new duration from now, then completed', async () => {
    // given
    const id = await startCase('slow-1');
    // when the worker extends its lock by 2 minutes before completing
    const after = await movedOn(id);
    // then the lock ran to the engine's now + 2 minutes (the test clock stands still), and the case moved on
    expect(seen.get('slow-1')?.lockAfterExtend).toBe(new Date(TEST_START.getTime() + 120_000).toISOString().replace('Z', '+0000'));
    expect(after.activeElementIds).toEqual(['send-receipt']);
  });
});
