import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, deploy, fixture, type TestApp } from './support/test-app.js';

interface Instance {
  id: string;
  status: string;
  activeElementIds: string[];
}

const MINUTE = 60_000;

describe('compensation and ad-hoc sub-processes over HTTP', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
    await deploy(sut.server, await fixture('device-replacement.bpmn'));
  });

  afterAll(async () => {
    await sut?.close();
  });

  const http = () => request(sut.server);
  const get = async (id: string): Promise<Instance> => (await http().get(`/api/instances/${id}`)).body as Instance;
  const openTasks = async (instanceId: string) => (await http().get('/api/tasks').query({ instanceId, status: 'open' })).body as Array<{ id: string; elementId: string }>;

  const completeTask = async (instanceId: string, elementId: string, variables: object = {}) => {
    const task = (await openTasks(instanceId)).find((candidate) => candidate.elementId === elementId);
    expect(task).toBeDefined();
    expect((await http().post(`/api/tasks/${task!.id}/complete`).send({ userId: 'bo', variables })).status).toBe(200);
  };

  /** Fetches the instance's external task of a topic and completes it. */
  const work = async (instanceId: string, topic: string, variables: object = {}) => {
    const fetched = await http()
      .post('/api/external-tasks/fetch-and-lock')
      .send({ workerId: `${topic}-worker`, maxTasks: 50, topics: [{ name: topic, lockDurationMs: MINUTE }] })
      .expect(200);
    const task = (fetched.body as Array<{ id: string; instanceId: string }>).find((candidate) => candidate.instanceId === instanceId);
    expect(task).toBeDefined();
    expect(
      (
        await http()
          .post(`/api/external-tasks/${task!.id}/complete`)
          .send({ workerId: `${topic}-worker`, variables })
      ).status,
    ).toBe(200);
  };

  const startCase = async (variables: object): Promise<Instance> => {
    const instance = (await http().post('/api/processes/device-replacement/instances').send({ variables }).expect(201)).body as Instance;
    await completeTask(instance.id, 'reserve-device');
    return instance;
  };

  it('a declined payment releases the reserved device through its compensation handler, an external task, and the case ends', async () => {
    // given
    const instance = await startCase({ channels: ['call'] });

    // when the payment is declined
    await work(instance.id, 'payments', { declined: true });

    // then the reservation is released by a worker, after which the case ends
    expect((await get(instance.id)).activeElementIds.sort()).toEqual(['on-declined', 'release-device', 'roll-back']);
    await work(instance.id, 'stock-releases');
    expect(await get(instance.id)).toEqual(expect.objectContaining({ status: 'completed', activeElementIds: [] }));
    const steps = (await http().get(`/api/instances/${instance.id}/steps`)).body as Array<{ elementId: string; completedAt: string | null }>;
    expect(steps.filter(({ elementId }) => ['reservation-compensation', 'release-device', 'roll-back'].includes(elementId)).map(({ elementId }) => elementId)).toEqual([
      'roll-back',
      'reservation-compensation',
      'release-device',
    ]);
  });

  it('a paid case contacts the customer on the chosen channels; reaching them on one cancels the other task', async () => {
    // given
    const instance = await startCase({ channels: ['call', 'email'] });

    // when
    await work(instance.id, 'payments', { declined: false });
    const contacting = await openTasks(instance.id);
    await completeTask(instance.id, 'email', { reached: true });

    // then
    expect(contacting.map(({ elementId }) => elementId).sort()).toEqual(['call', 'email']);
    expect(await openTasks(instance.id)).toEqual([]);
    expect(await get(instance.id)).toEqual(expect.objectContaining({ status: 'completed' }));
  });
});
