import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, deploy, fixture, type TestApp } from './support/test-app.js';

interface InstanceBody {
  id: string;
  status: string;
  activeElementIds: string[];
  variables: Record<string, unknown>;
}

/**
 * Signals broadcast over HTTP, or thrown by a process, reach every waiting signal catch and
 * boundary event and start every process with a signal start event of that name.
 */
describe('POST /api/signals', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
    for (const name of ['signal-catch', 'signal-start', 'signal-throw']) await deploy(sut.server, await fixture(`${name}.bpmn`));
  });

  afterAll(async () => {
    await sut?.close();
  });

  const http = () => request(sut.server);
  const broadcast = (body: Record<string, unknown>) => http().post('/api/signals').send(body);
  const start = async (key: string, variables: Record<string, unknown> = {}) =>
    (await http().post(`/api/processes/${key}/instances`).send({ variables }).expect(201)).body as InstanceBody;
  const instance = async (id: string) => (await http().get(`/api/instances/${id}`).expect(200)).body as InstanceBody;
  const instancesOf = async (processKey: string) => (await http().get('/api/instances').query({ processKey, limit: 100 }).expect(200)).body as Array<{ id: string }>;
  const openTasks = async (instanceId: string) => (await http().get('/api/tasks').query({ instanceId, status: 'open' })).body as Array<{ id: string; elementId: string }>;

  it('reaches every waiting catch event and starts the process with that signal start event', async () => {
    // given two cases wait for the outage to be resolved
    const first = await start('outage-wait');
    const second = await start('outage-wait');
    // when the signal is broadcast with a variable
    const response = await broadcast({ name: 'outage-resolved', variables: { resolvedAt: 'noon' } });
    // then both cases received it and one outage review started
    expect(response.status).toBe(200);
    expect(response.body.receivedBy.sort()).toEqual([first.id, second.id].sort());
    expect(response.body.started).toHaveLength(1);
    expect(response.body).toEqual(expect.objectContaining({ name: 'outage-resolved', triggered: 3, failed: [] }));
    for (const id of [first.id, second.id]) {
      const after = await instance(id);
      expect(after.activeElementIds).toEqual(['notify-customer']);
      expect(after.variables).toEqual({ resolvedAt: 'noon' });
    }
    const review = await instance(response.body.started[0]);
    expect(review.activeElementIds).toEqual(['review-outage']);
    expect(review.variables).toEqual({ resolvedAt: 'noon' });
  });

  it('fires an interrupting signal boundary event on every task it is attached to', async () => {
    // given two tickets are being worked
    const first = await start('ticket-work');
    const second = await start('ticket-work');
    const [firstTask] = await openTasks(first.id);
    // when the system goes down
    const response = await broadcast({ name: 'system-outage' });
    // then both tickets' work was canceled and they are parked
    expect(response.body).toEqual(expect.objectContaining({ triggered: 2, started: [] }));
    expect(response.body.receivedBy.sort()).toEqual([first.id, second.id].sort());
    expect((await openTasks(first.id)).map((task) => task.elementId)).toEqual(['park-ticket']);
    expect((await openTasks(second.id)).map((task) => task.elementId)).toEqual(['park-ticket']);
    expect((await http().get(`/api/tasks/${firstTask.id}`)).body.status).toBe('canceled');
    // and a second outage finds nothing waiting any more
    expect((await broadcast({ name: 'system-outage' })).body.triggered).toBe(0);
  });

  it('starts an instance at the signal start event when no case waits', async () => {
    // given no case waits for the signal
    const before = (await instancesOf('outage-review')).length;
    // when it is broadcast
    const response = await broadcast({ name: 'outage-resolved' });
    // then only a new review started
    expect(response.body).toEqual(expect.objectContaining({ triggered: 1, receivedBy: [] }));
    expect(await instancesOf('outage-review')).toHaveLength(before + 1);
    expect((await instance(response.body.started[0])).activeElementIds).toEqual(['review-outage']);
  });

  it('broadcasts a signal thrown by a process, after the command that threw it', async () => {
    // given a case waits for the outage to be resolved, and operations work on the fix
    const waiting = await start('outage-wait');
    const fix = await start('outage-fix', { fixedBy: 'ops-anna' });
    const reviewsBefore = (await instancesOf('outage-review')).length;
    const [fixTask] = await openTasks(fix.id);
    // when the fix is completed and the process throws the signal
    const completed = await http().post(`/api/tasks/${fixTask.id}/complete`).send({ userId: 'ops-anna' }).expect(200);
    // then the fix case ended, the waiting case received the signal with the throw event's variables
    expect(completed.body.status).toBe('completed');
    const after = await instance(waiting.id);
    expect(after.activeElementIds).toEqual(['notify-customer']);
    expect(after.variables).toEqual({ resolvedBy: 'ops-anna' });
    // and a review was started by it
    expect(await instancesOf('outage-review')).toHaveLength(reviewsBefore + 1);
  });

  it('answers 200 with nothing triggered for a signal nobody waits for', async () => {
    const response = await broadcast({ name: 'nobody-listens' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ name: 'nobody-listens', triggered: 0, receivedBy: [], started: [], failed: [] });
  });

  it('answers 400 naming the missing name', async () => {
    const response = await broadcast({ variables: {} });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.message).toContain('name');
  });

  it('answers 400 naming variables that are not an object', async () => {
    const response = await broadcast({ name: 'outage-resolved', variables: 'all clear' });
    expect(response.status).toBe(400);
    expect(response.body.message).toContain('variables');
  });
});
