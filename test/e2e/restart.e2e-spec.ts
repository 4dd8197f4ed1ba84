import { afterEach, describe, expect, it } from '@jest/globals';
import type { Server } from 'node:http';
import request from 'supertest';
import { JobRunner } from '../../apps/engine/src/jobs/job-runner.service.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { createTestApp, deploy, eventually, fixture, TEST_START, type TestApp } from './support/test-app.js';
import { MINUTE } from './support/test-clock.js';

interface InstanceBody {
  id: string;
  revision: number;
  activeElementIds: string[];
}

const instance = async (server: Server, id: string) => (await request(server).get(`/api/instances/${id}`).expect(200)).body as InstanceBody;
const stepsOf = async (server: Server, id: string) =>
  (await request(server).get(`/api/instances/${id}/steps`).expect(200)).body as Array<{ elementId: string; claimedAt: string | null }>;
const startCallback = async (server: Server) =>
  (await request(server).post('/api/processes/callback/instances').send({ businessKey: 'customer-7' }).expect(201)).body as InstanceBody;

/**
 * State lives in PostgreSQL only: an engine stopped and started again (or a second replica on the
 * same database) picks up where the first left off, and a due timer fires exactly once.
 */
describe('engine restarts and replicas on one database', () => {
  let database: TestDatabase;
  const apps: TestApp[] = [];
  const open = async (startAt: Date) => {
    const app = await createTestApp({}, { database, startAt });
    apps.push(app);
    return app;
  };

  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    await database?.drop();
  });

  it('keeps a case, its claim and its pending timer across a restart, and fires the timer once', async () => {
    // given an engine with a callback case whose task is claimed, and whose reminder is due in 30 minutes
    database = await createTestDatabase();
    const first = await open(TEST_START);
    await deploy(first.server, await fixture('callback.bpmn'));
    const started = await startCallback(first.server);
    const [task] = (await request(first.server).get('/api/tasks').query({ instanceId: started.id }).expect(200)).body as Array<{ id: string }>;
    await request(first.server).post(`/api/tasks/${task.id}/claim`).send({ userId: 'ana' }).expect(200);
    const before = await instance(first.server, started.id);
    // when the engine stops and a new one starts on the same database after the reminder fell due
    await first.close();
    const second = await open(new Date(TEST_START.getTime() + 31 * MINUTE));
    await second.app.get(JobRunner).runDueJobs();
    const after = await eventually(
      () => instance(second.server, started.id),
      (body) => body.activeElementIds.includes('remind-agent'),
    );
    // then the case, its claim and its history are all there, and the reminder fired
    expect(after.activeElementIds.sort()).toEqual(['call-customer', 'remind-agent']);
    expect(after.revision).toBe(before.revision + 1);
    const steps = await stepsOf(second.server, started.id);
    expect(steps.find((step) => step.elementId === 'call-customer')?.claimedAt).toBe(TEST_START.toISOString());
    // and after yet another restart, with the runner polling again, it never fires a second time
    await second.close();
    const third = await open(new Date(TEST_START.getTime() + 40 * MINUTE));
    await third.app.get(JobRunner).runDueJobs();
    expect((await stepsOf(third.server, started.id)).filter((step) => step.elementId === 'call-reminder')).toHaveLength(1);
  });

  it('fires each due timer once when two engine replicas poll the same database together', async () => {
    // given two engines on one database and five waiting callbacks
    database = await createTestDatabase();
    const one = await open(TEST_START);
    const two = await open(TEST_START);
    await deploy(one.server, await fixture('callback.bpmn'));
    const cases = await Promise.all([1, 2, 3, 4, 5].map((n) => startCallback(n % 2 === 0 ? one.server : two.server)));
    // when their reminders fall due and both replicas claim due jobs at the same moment, repeatedly
    one.clock.advance(30 * MINUTE);
    two.clock.advance(30 * MINUTE);
    const runners = [one, two].map((app) => app.app.get(JobRunner));
    await Promise.all([...runners, ...runners].map((runner) => runner.runDueJobs()));
    // then every case has exactly one reminder, whichever replica fired it
    for (const started of cases) {
      const view = await eventually(
        () => instance(one.server, started.id),
        (body) => body.activeElementIds.includes('remind-agent'),
      );
      expect(view.activeElementIds.filter((elementId) => elementId === 'remind-agent')).toHaveLength(1);
      expect((await stepsOf(two.server, started.id)).filter((step) => step.elementId === 'call-reminder')).toHaveLength(1);
    }
  });
});
