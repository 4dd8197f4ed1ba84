import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createUser, deployXml, startEngineProcess, type EngineProcess } from '../../bench/support/engine-process.js';
import { LoadDriver, type LoadResult } from '../../bench/support/load-driver.js';
import { createTestDatabase, type TestDatabase } from '../e2e/support/test-database.js';
import { instancesByStatus } from './support/database-checks.js';

/** An agent's task, then a system sync by an external worker. */
const MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0" id="d-load" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="load-desk" isExecutable="true">
    <bpmn:startEvent id="received"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="handle" tandem:candidateGroups="agents"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:serviceTask id="sync" tandem:topic="crm-sync"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:endEvent id="done"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="received" targetRef="handle" />
    <bpmn:sequenceFlow id="f2" sourceRef="handle" targetRef="sync" />
    <bpmn:sequenceFlow id="f3" sourceRef="sync" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>`;

/** The simulator's parameters driving a real engine process over HTTP (the built app, `npm run build`). */
describe('the load driver', () => {
  let database: TestDatabase;
  let engine: EngineProcess;
  let result: LoadResult;

  beforeAll(async () => {
    database = await createTestDatabase();
    engine = await startEngineProcess({ databaseUrl: database.url, env: { TANDEM_JOB_POLL_MS: '100' } });
    await deployXml(engine, MODEL);
    const admin = { 'content-type': 'application/json', ...engine.authHeaders };
    await fetch(`${engine.baseUrl}/groups`, { method: 'POST', headers: admin, body: JSON.stringify({ id: 'agents', name: 'agents' }) });
    const agents = [];
    for (const name of ['load-agent-1', 'load-agent-2']) {
      agents.push({ authorization: `Bearer ${await createUser(engine, { username: name, password: 'load-agent-password', roles: ['agent'], groups: ['agents'] })}` });
    }
    const key = (await (await fetch(`${engine.baseUrl}/api-keys`, { method: 'POST', headers: admin, body: JSON.stringify({ name: 'load-workers' }) })).json()) as { key: string };

    // when six seconds of real time stand for six virtual hours of 120 cases a day, worked 5 minutes each
    const driver = new LoadDriver({
      engines: [engine],
      processKey: 'load-desk',
      parameters: {
        seed: 5,
        start: '2026-03-02T08:00:00Z',
        horizon: { days: 1 },
        arrivals: { perDay: 120 },
        variables: { category: { kind: 'choice', weights: { inquiry: 3, complaint: 1 } } },
        pools: [{ id: 'agents', size: 2 }],
        durations: { handle: { kind: 'fixed', value: 5 }, sync: { kind: 'fixed', value: 1 } },
      },
      timeScale: 3600,
      agents: { agents },
      starter: agents[0]!,
      worker: { credentials: { 'x-api-key': key.key }, topics: ['crm-sync'] },
    });
    result = await driver.run(6_000);
  }, 120_000);

  afterAll(async () => {
    await engine?.stop();
    await database?.drop();
  });

  it("starts cases at the parameters' rate and works them through tasks and external tasks without an error", async () => {
    // then about 30 cases (120 a day over 6 virtual hours) started, with no failed call
    expect(result.started).toBeGreaterThan(12);
    expect(result.started).toBeLessThan(60);
    expect([...result.errors.entries()]).toEqual([]);
    for (const operation of ['start', 'listTasks', 'claim', 'complete', 'fetchAndLock', 'completeExternal'] as const) {
      expect(result.latencies.get(operation)?.length ?? 0).toBeGreaterThan(0);
    }
    // and most of them went all the way through the agents and the worker
    const byStatus = await instancesByStatus(database.url);
    expect(byStatus.completed ?? 0).toBeGreaterThan(result.started / 2);
  });
});
