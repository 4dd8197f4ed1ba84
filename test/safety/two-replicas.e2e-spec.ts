import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createUser, deployXml, projectRoot, sleep, type EngineProcess } from '../../bench/support/engine-process.js';
import { startReplicas, type Replicas } from '../../bench/support/replicas.js';
import { eventually } from '../e2e/support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../e2e/support/test-database.js';
import { duplicateStepEvents, instancesByStatus, withDatabase } from './support/database-checks.js';

interface Answer<T> {
  status: number;
  body: T;
}

/** One HTTP call to one replica, as its admin unless a token is given. */
const call = async <T = unknown>(engine: EngineProcess, path: string, options: { body?: unknown; token?: string } = {}): Promise<Answer<T>> => {
  const response = await fetch(`${engine.baseUrl}${path}`, {
    method: options.body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(options.token === undefined ? engine.authHeaders : { authorization: `Bearer ${options.token}` }) },
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
};

const start = async (engine: EngineProcess, processKey: string, body: Record<string, unknown>): Promise<string> => {
  const answer = await call<{ id: string }>(engine, `/processes/${processKey}/instances`, { body });
  expect(answer.status).toBe(201);
  return answer.body.id;
};

/** Completed step events per element of one process key: how often each step happened. */
const completedSteps = (url: string, processKey: string): Promise<Record<string, number>> =>
  withDatabase(url, async (client) => {
    const { rows } = await client.query<{ element_id: string; n: string }>(
      `SELECT s.element_id, count(*) AS n FROM step_event s JOIN instance i ON i.id = s.instance_id
       WHERE i.process_key = $1 AND s.type = 'completed' GROUP BY s.element_id`,
      [processKey],
    );
    return Object.fromEntries(rows.map((row) => [row.element_id, Number(row.n)]));
  });

const fixture = (path: string) => readFile(path, 'utf8');
const safetyFixture = (name: string) => join(dirname(fileURLToPath(import.meta.url)), 'fixtures', name);

/**
 * Two real engine processes (the built app, `npm run build`) on one database, as behind a load
 * balancer: whichever replica a request reaches, the work is the same and happens once.
 */
describe('two engine replicas on one database', () => {
  let database: TestDatabase;
  let replicas: Replicas | undefined;
  let a: EngineProcess;
  let b: EngineProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    replicas = await startReplicas({
      count: 2,
      databaseUrl: database.url,
      env: { TANDEM_JOB_POLL_MS: '100', TANDEM_JOB_BATCH_SIZE: '20', TANDEM_GUARDRAIL_INTERVAL_SECONDS: '1' },
    });
    [a, b] = replicas.engines as [EngineProcess, EngineProcess];
    for (const path of [safetyFixture('reply-then-update.bpmn'), safetyFixture('lookup-then-wait.bpmn'), join(projectRoot(), 'bench/jobs/timer-wave.bpmn')]) {
      await deployXml(a, await fixture(path));
    }
  }, 120_000);

  afterAll(async () => {
    await replicas?.stop();
    await database?.drop();
  });

  it('reports both replicas ready: database reachable, migrations current', async () => {
    // when the balancer asks each replica, then both are ready
    for (const engine of [a, b]) {
      expect(await call(engine, '/health')).toEqual({ status: 200, body: { status: 'ok', database: 'up', pool: 'available', migrations: 'current' } });
    }
  });

  it('completes through replica B the cases started on replica A: tasks, messages and external tasks', async () => {
    // given an agent who signed in on A, and ten cases started on A
    await call(a, '/groups', { body: { id: 'first-line', name: 'First line', tier: 1 } });
    const agentToken = await createUser(a, { username: 'replica-agent', password: 'replica-agent-password', roles: ['agent'], groups: ['first-line'] });
    const tickets = Array.from({ length: 10 }, (_, n) => `T-${n}`);
    const ids = new Map<string, string>();
    for (const ticketId of tickets) ids.set(ticketId, await start(a, 'reply-then-update', { businessKey: ticketId, variables: { ticketId } }));
    // when the agent claims and completes each review on B, with the token A issued
    for (const [, instanceId] of ids) {
      const tasks = await call<Array<{ id: string }>>(b, `/tasks?instanceId=${instanceId}&status=open`, { token: agentToken });
      expect(tasks.body).toHaveLength(1);
      expect((await call(b, `/tasks/${tasks.body[0]!.id}/claim`, { token: agentToken, body: { start: true } })).status).toBe(200);
      expect((await call(b, `/tasks/${tasks.body[0]!.id}/complete`, { token: agentToken, body: { variables: { reviewed: true } } })).status).toBe(200);
    }
    // and the customers' replies are published to B
    for (const ticketId of tickets) {
      const published = await call<{ outcome: string; instanceId: string }>(b, '/messages', { body: { name: 'customer-reply', correlationKey: ticketId } });
      expect(published.body).toEqual(expect.objectContaining({ outcome: 'correlated', instanceId: ids.get(ticketId) }));
    }
    // and a worker on B fetches and completes the CRM updates
    const locked = await call<Array<{ id: string; instanceId: string }>>(b, '/external-tasks/fetch-and-lock', {
      body: { workerId: 'crm-worker', maxTasks: 20, topics: [{ name: 'crm-update', lockDurationMs: 60_000 }] },
    });
    expect(locked.body.map((task) => task.instanceId).sort()).toEqual([...ids.values()].sort());
    for (const task of locked.body) {
      expect((await call(b, `/external-tasks/${task.id}/complete`, { body: { workerId: 'crm-worker' } })).status).toBe(200);
    }
    // then every case has ended, A sees it so, and each step happened once
    expect(await instancesByStatus(database.url, 'reply-then-update')).toEqual({ completed: 10 });
    for (const [, instanceId] of ids) expect((await call<{ status: string }>(a, `/instances/${instanceId}`)).body.status).toBe('completed');
    expect(await completedSteps(database.url, 'reply-then-update')).toEqual({ opened: 10, review: 10, 'wait-reply': 10, 'update-crm': 10, closed: 10 });
  });

  it('fires each timer scheduled through A exactly once across both replicas', async () => {
    // given 200 cases started on A whose timers fall due together in two seconds
    const dueAt = new Date(Date.now() + 2_000).toISOString();
    for (let batch = 0; batch < 200; batch += 20) {
      await Promise.all(Array.from({ length: 20 }, (_, n) => start(a, 'timer-wave', { businessKey: `wave-${batch + n}`, variables: { dueAt } })));
    }
    // when both replicas poll for due jobs, then every case completes
    const statuses = await eventually(
      () => instancesByStatus(database.url, 'timer-wave'),
      (counts) => counts.completed === 200,
      60_000,
    );
    expect(statuses).toEqual({ completed: 200 });
    // and each timer fired once: one completed step per case, none twice, no job left behind
    expect((await completedSteps(database.url, 'timer-wave'))['wait-until-due']).toBe(200);
    expect(await duplicateStepEvents(database.url)).toBe(0);
    expect(await withDatabase(database.url, async (client) => Number((await client.query(`SELECT count(*) AS n FROM job`)).rows[0].n))).toBe(0);
  }, 90_000);

  it('locks each external task for one worker only when workers fetch through both replicas, and takes its completion through the other', async () => {
    // given 60 cases started on A, each with a CRM lookup for a worker
    for (let batch = 0; batch < 60; batch += 20) {
      await Promise.all(Array.from({ length: 20 }, (_, n) => start(a, 'lookup-then-wait', { businessKey: `lookup-${batch + n}` })));
    }
    // when a worker on A and a worker on B fetch at the same time until no lookup is left
    const lockedBy = new Map<string, EngineProcess>();
    const twice: string[] = [];
    const fetchUntilEmpty = async (engine: EngineProcess, workerId: string) => {
      for (;;) {
        const locked = await call<Array<{ id: string }>>(engine, '/external-tasks/fetch-and-lock', {
          body: { workerId, maxTasks: 3, topics: [{ name: 'crm-lookup', lockDurationMs: 120_000 }] },
        });
        expect(locked.status).toBe(200);
        if (locked.body.length === 0) return;
        for (const task of locked.body) {
          if (lockedBy.has(task.id)) twice.push(task.id);
          lockedBy.set(task.id, engine);
        }
      }
    };
    await Promise.all([fetchUntilEmpty(a, 'worker-on-a'), fetchUntilEmpty(b, 'worker-on-b')]);
    // then every lookup was locked, none by both
    expect(twice).toEqual([]);
    expect(lockedBy.size).toBe(60);
    // and each worker completes its lookups through the other replica
    for (const [taskId, fetchedOn] of lockedBy) {
      const [other, workerId] = fetchedOn === a ? [b, 'worker-on-a'] : [a, 'worker-on-b'];
      expect((await call(other, `/external-tasks/${taskId}/complete`, { body: { workerId, variables: { found: true } } })).status).toBe(200);
    }
    const statuses = await eventually(
      () => instancesByStatus(database.url, 'lookup-then-wait'),
      (counts) => counts.completed === 60,
      30_000,
    );
    expect(statuses).toEqual({ completed: 60 });
    expect(await completedSteps(database.url, 'lookup-then-wait')).toEqual({ requested: 60, lookup: 60, pause: 60, done: 60 });
  }, 90_000);

  it('wakes a worker long-polling on B when a case started on A creates its task (LISTEN/NOTIFY)', async () => {
    // given a worker waiting on B for CRM lookups while there are none
    const waiting = call<Array<{ instanceId: string }>>(b, '/external-tasks/fetch-and-lock', {
      body: { workerId: 'patient-worker', maxTasks: 1, asyncResponseTimeoutMs: 60_000, topics: [{ name: 'crm-lookup', lockDurationMs: 60_000 }] },
    });
    // (so that the wait has begun; were the task there first, the fetch would take it without any notification)
    await sleep(1_000);
    // when a case started on A creates a lookup
    const instanceId = await start(a, 'lookup-then-wait', { businessKey: 'long-poll' });
    // then B's waiting worker gets it: B heard of a commit made by A
    const answer = await waiting;
    expect(answer.status).toBe(200);
    expect(answer.body.map((locked) => locked.instanceId)).toEqual([instanceId]);
  }, 90_000);

  it("checks an experiment's guardrails once per interval across both replicas, and pauses a breaching candidate once", async () => {
    // given an experiment whose candidate takes a second where the baseline takes none, guarded at 10 % longer lead time
    const versionXml = (version: number) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d-guarded-${version}" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="guarded" isExecutable="true">
    <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="work" name="Work (v${version})"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="e"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="work" />
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="e" />
  </bpmn:process>
</bpmn:definitions>`;
    const baseline = await deployXml(a, versionXml(1));
    const candidate = await deployXml(a, versionXml(2));
    const created = await call<{ id: string }>(a, '/experiments', {
      body: {
        processKey: 'guarded',
        seed: 11,
        arms: [
          { id: 'as-is', role: 'baseline', processVersionId: baseline.id, weight: 1 },
          { id: 'to-be', role: 'candidate', processVersionId: candidate.id, weight: 1 },
        ],
        guardrails: [{ id: 'slower', metric: 'leadTime', maxWorsening: 0.1 }],
        primaryMetric: 'leadTime',
        secondaryMetrics: [],
        plan: { alpha: 0.05, power: 0.8, mde: 0.2, logSd: 0.8 },
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await call(b, `/experiments/${id}/start`, { body: {} })).status).toBe(200);
    const began = Date.now();
    const cases = [];
    for (let n = 0; n < 40; n++) cases.push((await call<{ id: string; assignment: { armId: string } }>(n % 2 ? a : b, '/processes/guarded/instances', { body: {} })).body);
    const complete = async (engine: EngineProcess, instanceId: string) => {
      const [task] = (await call<Array<{ id: string }>>(engine, `/tasks?view=all&instanceId=${instanceId}&status=open`)).body;
      await call(engine, `/tasks/${task!.id}/claim`, { body: { start: true } });
      expect((await call(engine, `/tasks/${task!.id}/complete`, { body: {} })).status).toBe(200);
    };
    for (const c of cases.filter((c) => c.assignment.armId === 'as-is')) await complete(a, c.id);
    await sleep(1500);
    for (const c of cases.filter((c) => c.assignment.armId === 'to-be')) await complete(b, c.id);

    // when both replicas' monitors look at it for a while
    const paused = await eventually(
      async () => (await call<{ arms: Array<{ paused?: boolean }>; guardrailCheckRuns: number }>(a, `/experiments/${id}`)).body,
      (experiment) => experiment.arms[1]!.paused === true,
      30_000,
    );
    await sleep(3000);
    const seconds = (Date.now() - began) / 1000;
    const experiment = (await call<{ guardrailCheckRuns: number }>(b, `/experiments/${id}`)).body;

    // then a check ran about once a second in all, not once a second per replica, and the candidate was paused once
    expect(paused.arms[1]!.paused).toBe(true);
    expect(experiment.guardrailCheckRuns).toBeGreaterThan(1);
    expect(experiment.guardrailCheckRuns).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
    const events = (await call<Array<{ action: string }>>(b, `/experiments/${id}/events`)).body;
    expect(events.filter((event) => event.action === 'guardrailPause')).toHaveLength(1);
  }, 120_000);
});
