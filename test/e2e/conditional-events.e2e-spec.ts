import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, deploy, fixture, type TestApp } from './support/test-app.js';

interface Instance {
  id: string;
  activeElementIds: string[];
}

describe('conditional events over HTTP', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
    await deploy(sut.server, await fixture('claim-limits.bpmn'));
  });

  afterAll(async () => {
    await sut?.close();
  });

  const http = () => request(sut.server);
  const get = async (id: string): Promise<Instance> => (await http().get(`/api/instances/${id}`)).body as Instance;
  const openTasks = async (instanceId: string) =>
    ((await http().get('/api/tasks').query({ instanceId, status: 'open' })).body as Array<{ id: string; elementId: string }>).map(({ elementId }) => elementId).sort();

  it("fires a conditional boundary event when a completed task's variables make its condition true, canceling the agent's task", async () => {
    // given a claim of 300
    const claim = (
      await http()
        .post('/api/processes/claim-limits/instances')
        .send({ variables: { amount: 300, risk: 0.1 } })
        .expect(201)
    ).body as Instance;
    expect(claim.activeElementIds.sort()).toEqual(['handle', 'update']);

    // when the customer updates the amount to 4000
    const [update] = (await http().get('/api/tasks').query({ instanceId: claim.id, status: 'open' })).body.filter((task: { elementId: string }) => task.elementId === 'update');
    expect(
      (
        await http()
          .post(`/api/tasks/${update.id}/complete`)
          .send({ userId: 'cy', variables: { amount: 4000 } })
      ).status,
    ).toBe(200);

    // then the agent's task is canceled and a manager reviews the claim
    expect((await get(claim.id)).activeElementIds).toEqual(['manager-review']);
    expect(await openTasks(claim.id)).toEqual(['manager-review']);
  });

  it('starts a non-interrupting conditional event sub-process when an operator sets a variable that makes it true', async () => {
    // given
    const claim = (
      await http()
        .post('/api/processes/claim-limits/instances')
        .send({ variables: { amount: 300, risk: 0.1 } })
        .expect(201)
    ).body as Instance;

    // when an operator raises the risk score
    const response = await http()
      .put(`/api/instances/${claim.id}/variables`)
      .send({ variables: { risk: 0.95 }, reason: 'fraud model update' });

    // then a fraud review starts beside the claim's work
    expect(response.status).toBe(200);
    expect((response.body as Instance).activeElementIds.sort()).toEqual(['fraud-check', 'fraud-review', 'handle', 'update']);
    expect(await openTasks(claim.id)).toEqual(['fraud-review', 'handle', 'update']);
  });
});
