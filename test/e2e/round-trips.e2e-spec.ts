import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import request, { type Response } from 'supertest';
import { projectRoot } from '../../bench/support/engine-process.js';
import { parseMetrics, sumOf } from '../../bench/support/prometheus-text.js';
import { createTestApp, deploy, type TestApp } from './support/test-app.js';

/** The routes the engine counts statements under (`tandem_db_statements_total`). */
const ROUTES = {
  me: 'GET /api/auth/me',
  claim: 'POST /api/tasks/:id/claim',
  complete: 'POST /api/tasks/:id/complete',
  completeExternal: 'POST /api/external-tasks/:id/complete',
  fetchAndLock: 'POST /api/external-tasks/fetch-and-lock',
  start: 'POST /api/processes/:key/instances',
} as const;

/**
 * A regression guard for issue 19 ("Hot path", point 4): the SQL statements (round trips) one call
 * sends through the pool on a warm engine, counted by the engine itself, over real HTTP on the real
 * PostgreSQL. A count, not a time. The target: at most 2 for claim, complete and
 * complete-external (read + commit) and none for authentication: all there, claim, complete and
 * complete-external at 2 and authentication at 0; a start sends 2 (its route and its commit); fetch-and-lock sends one statement plus one commit
 * per task it locks. Lower these numbers when a change saves a
 * round trip; a rise is a regression unless the issue says otherwise.
 */
describe('round trips per call on a warm engine', () => {
  let sut: TestApp;
  let agent: Awaited<ReturnType<TestApp['signIn']>>;
  let workerKey: string;

  beforeAll(async () => {
    sut = await createTestApp();
    await deploy(sut.server, await readFile(join(projectRoot(), 'bench/throughput/service-request.bpmn'), 'utf8'));
    agent = await sut.signIn('round-trip-agent', { roles: ['agent'], groups: ['first-line'] });
    workerKey = ((await request(sut.server).post('/api/api-keys').send({ name: 'round-trip-worker' })).body as { key: string }).key;
  });

  afterAll(async () => {
    await sut?.close();
  });

  const statements = async (route: string): Promise<number> =>
    sumOf(parseMetrics((await request(sut.anonymousServer).get('/metrics')).text), 'tandem_db_statements_total', { route });

  /** The statements the call sent, counted under its route; the call must succeed. */
  const counted = async (route: string, send: () => Promise<Response>): Promise<number> => {
    const before = await statements(route);
    const response = await send();
    expect(response.status).toBeLessThan(300);
    return (await statements(route)) - before;
  };

  const openTask = async (instanceId: string): Promise<string> => {
    const tasks = (await agent.get('/api/tasks').query({ instanceId, status: 'open' })).body as Array<{ id: string }>;
    expect(tasks).toHaveLength(1);
    return tasks[0]!.id;
  };

  /** One bench case (triage, the CRM look-up by a worker, resolve), counting the statements of each call. */
  const runCase = async (customer: string) => {
    let started: Response | undefined;
    const start = await counted(
      ROUTES.start,
      async () => (started = await agent.post('/api/processes/bench-service-request/instances').send({ businessKey: customer, variables: { category: 'inquiry', amount: 10 } })),
    );
    expect(started!.status).toBe(201);
    const instanceId = (started!.body as { id: string }).id;
    const work = async () => {
      const task = await openTask(instanceId);
      return {
        claim: await counted(ROUTES.claim, () => agent.post(`/api/tasks/${task}/claim`).send({ start: true })),
        complete: await counted(ROUTES.complete, () => agent.post(`/api/tasks/${task}/complete`).send({ variables: { note: 'done' } })),
      };
    };
    const triage = await work();
    let locked: Response | undefined;
    const fetchAndLock = await counted(
      ROUTES.fetchAndLock,
      async () =>
        (locked = await request(sut.anonymousServer)
          .post('/api/external-tasks/fetch-and-lock')
          .set('X-API-Key', workerKey)
          .send({ workerId: 'w1', maxTasks: 1, topics: [{ name: 'crm-lookup', lockDurationMs: 30_000 }] })),
    );
    const [external] = locked!.body as Array<{ id: string }>;
    const completeExternal = await counted(ROUTES.completeExternal, () =>
      request(sut.anonymousServer)
        .post(`/api/external-tasks/${external!.id}/complete`)
        .set('X-API-Key', workerKey)
        .send({ workerId: 'w1', variables: { customerFound: true } }),
    );
    const resolve = await work();
    const me = await counted(ROUTES.me, () => agent.get('/api/auth/me'));
    return { start, triage, fetchAndLock, completeExternal, resolve, me };
  };

  it('starts, claims, completes and locks one external task with 2 statements each, and authenticates with none', async () => {
    // given a warm engine: one case through already (statements prepared, caches filled)
    await runCase('warm-up');
    // when a second case goes through, then each call sends as many statements as it must
    expect(await runCase('counted')).toEqual({
      // the route (the key's experiment and newest version in one read) and the commit
      start: 2,
      triage: { claim: 2, complete: 2 },
      // the lock statement (which also reads the instance) and the lock's commit
      fetchAndLock: 2,
      completeExternal: 2,
      resolve: { claim: 2, complete: 2 },
      me: 0,
    });
  });
});
