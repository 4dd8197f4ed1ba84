import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DEFAULT_APP_CONFIG } from '../../apps/engine/src/common/config.js';
import { DemoSeeder, type DemoOutcome } from '../../apps/engine/src/demo/demo-seeder.js';
import { DEMO_PASSWORD } from '../../apps/engine/src/users/demo-identity.js';
import { createTestApp, logIn, type TestApp } from './support/test-app.js';

const PROCESSES = join(import.meta.dirname, '../../processes');
const quiet = { log: () => undefined, error: () => undefined, warn: () => undefined };

/** `npm run demo`'s seeding on a short history: two weeks of the as-is process, the last ten days piloting the to-be. */
describe('the demo seeding', () => {
  let sut: TestApp;
  let outcome: DemoOutcome;

  beforeAll(async () => {
    sut = await createTestApp({ auth: { ...DEFAULT_APP_CONFIG.auth, demoUsers: true, initialAdmin: { username: 'test-admin', password: 'test-admin-password' } } });
    // given a fresh database, when the demo seeds it
    outcome = await new DemoSeeder(sut.app, quiet).seed({ processesDir: PROCESSES, historyDays: 16, pilotDays: 10, perDay: 22, liveCases: 3, now: sut.clock.now() });
  }, 90_000);

  afterAll(async () => {
    await sut.close();
  });

  it('writes the as-is history as simulated cases the analytics report on', async () => {
    expect(outcome).toMatchObject({ seeded: true, liveCases: 3 });
    expect(outcome.historyCases).toBeGreaterThan(50);
    const cases = await request(sut.server).get('/api/analytics/cases').query({ processKey: 'customer-service' }).expect(200);
    expect(cases.body.sampleSize.cases).toBe(outcome.historyCases + outcome.pilotCases);
    expect(cases.body.simulatedCases).toBe(outcome.historyCases + outcome.pilotCases);
    const activities = await request(sut.server).get('/api/analytics/activities').query({ processKey: 'customer-service' }).expect(200);
    expect(activities.body.activities.find((row: { elementId: string }) => row.elementId === 'Task_FirstLineDiagnosis').count).toBeGreaterThan(50);
  });

  it('stores the simulated agents as disabled users of their teams', async () => {
    const { body } = await request(sut.server).get('/api/users').expect(200);
    const agent = (body as Array<{ username: string; disabled: boolean; groups: string[] }>).find(({ username }) => username === 'sim-agent-1');
    expect(agent).toMatchObject({ disabled: true, groups: ['first-line'] });
  });

  it('leaves a running experiment with simulated cases in both arms and a verdict', async () => {
    const { body } = await request(sut.server).get(`/api/experiments/${outcome.experimentId}/analysis`).expect(200);
    expect(body.state).toBe('running');
    const finished = Object.fromEntries(body.arms.map((arm: { armId: string; finished: number }) => [arm.armId, arm.finished]));
    expect(finished['as-is']).toBeGreaterThan(60);
    expect(finished['to-be']).toBeGreaterThan(60);
    expect(['SHIP', 'KEEP_BASELINE', 'CONTINUE', 'INCONCLUSIVE']).toContain(body.verdict);
    expect(body.simulatedCases).toBe(finished['as-is'] + finished['to-be']);
    const versions = body.arms.map((arm: { processVersionId: string }) => arm.processVersionId);
    const head = await request(sut.server).get('/api/analytics/cases').query({ processVersionId: versions[1] }).expect(200);
    expect(head.body.simulatedCases).toBe(finished['to-be']);
  });

  it('marks a simulated case as simulated and a live one as live', async () => {
    const { body: assignments } = await request(sut.server).get(`/api/experiments/${outcome.experimentId}/assignments`).query({ limit: 1 }).expect(200);
    const simulated = await request(sut.server).get(`/api/instances/${assignments[0].instanceId}`).expect(200);
    expect(simulated.body.origin).toBe('simulated');
    expect(simulated.body.status).toBe('completed');
    const listed = await request(sut.server).get('/api/instances').query({ processKey: 'customer-service', status: 'completed', limit: 5 }).expect(200);
    expect(listed.body.length).toBeGreaterThan(0);
    expect(listed.body.every((instance: { origin: string }) => instance.origin === 'simulated')).toBe(true);
    const log = await request(sut.server).get('/api/analytics/event-log').query({ format: 'csv', processVersionId: simulated.body.processVersionId }).expect(200);
    const [header, firstRow] = (log.text as string).split('\n');
    expect(header.split(',')[6]).toBe('origin');
    expect(firstRow.split(',')[6]).toBe('simulated');
  });

  it('leaves live cases waiting for ana, ben and eva', async () => {
    const queueOf = async (username: string) => {
      const token = await logIn(sut.anonymousServer, username, DEMO_PASSWORD);
      const { body } = await request(sut.anonymousServer).get('/api/tasks').query({ view: 'queue' }).set('Authorization', `Bearer ${token}`).expect(200);
      return body as Array<{ instanceId: string }>;
    };
    const [ana, ben, eva] = [await queueOf('ana'), await queueOf('ben'), await queueOf('eva')];
    expect(ana.length).toBeGreaterThanOrEqual(1);
    expect(ben.length).toBeGreaterThanOrEqual(1);
    expect(eva.length).toBeGreaterThanOrEqual(1);
    const live = await request(sut.server).get(`/api/instances/${ana[0].instanceId}`).expect(200);
    expect(live.body.origin).toBe('live');
  });

  it('seeds once: a second run on the same database writes nothing', async () => {
    const again = await new DemoSeeder(sut.app, quiet).seed({ processesDir: PROCESSES, historyDays: 16, pilotDays: 10, now: sut.clock.now() });
    expect(again).toMatchObject({ seeded: false, experimentId: outcome.experimentId, historyCases: 0 });
  });
});
