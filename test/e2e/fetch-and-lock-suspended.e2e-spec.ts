import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { MINUTE } from './support/test-clock.js';
import { createTestApp, deploy, fixture, type TestApp } from './support/test-app.js';

describe('fetch-and-lock and suspended instances', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
    await deploy(sut.server, await fixture('card-payment.bpmn'));
  });

  afterAll(async () => {
    await sut?.close();
  });

  const http = () => request(sut.server);

  const fetchCharges = async () => {
    const response = await http()
      .post('/api/external-tasks/fetch-and-lock')
      .send({ workerId: 'card-worker', maxTasks: 50, topics: [{ name: 'card-charge', lockDurationMs: 10 * MINUTE }] })
      .expect(200);
    return response.body as Array<{ id: string; instanceId: string }>;
  };

  it('hands out nothing of a suspended instance, and its task at once after the resume, without waiting for a lock to expire', async () => {
    // given a payment waits at its charge, and an operator suspends it
    const instance = (await http().post('/api/processes/card-payment/instances').send({}).expect(201)).body as { id: string };
    expect((await http().post(`/api/instances/${instance.id}/suspend`).send({ reason: 'fraud check' })).status).toBe(200);

    // when a worker fetches, then it gets nothing of it
    expect((await fetchCharges()).filter(({ instanceId }) => instanceId === instance.id)).toEqual([]);

    // when the operator resumes it, then the very next fetch (same clock: no lock had to expire) hands the charge out
    expect((await http().post(`/api/instances/${instance.id}/resume`).send({})).status).toBe(200);
    expect((await fetchCharges()).filter(({ instanceId }) => instanceId === instance.id)).toHaveLength(1);
  });
});
