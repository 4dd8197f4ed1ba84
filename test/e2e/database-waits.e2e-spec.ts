import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { DEFAULT_DATABASE_TIMEOUTS } from '#persistence';
import { JobRunner } from '../../apps/engine/src/jobs/job-runner.service.js';
import { HOUR } from './support/test-clock.js';
import { createTestApp, deploy, type TestApp } from './support/test-app.js';

/** start -> one hour -> end */
const WAIT_AN_HOUR = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  id="d" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="wait-an-hour" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:intermediateCatchEvent id="hour">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="hour" />
    <bpmn:sequenceFlow id="f2" sourceRef="hour" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

/**
 * Lock waits are bounded (here 300 ms): a request stuck behind a lock held by another session
 * answers 503 with Retry-After, and a timer cut the same way is tried again without losing an
 * attempt. The outages themselves (frozen, stopped server) are in test/safety/database-faults.
 */
describe('a database wait past its bound', () => {
  let sut: TestApp;
  let outside: pg.Client;

  beforeAll(async () => {
    // one attempt per job: an attempt counted for the lock would park the timer with an incident at once
    sut = await createTestApp({ jobPollMs: HOUR, jobRetries: 1, databaseTimeouts: { ...DEFAULT_DATABASE_TIMEOUTS, lockTimeoutMs: 300 } });
    await deploy(sut.server, WAIT_AN_HOUR);
    outside = new pg.Client({ connectionString: sut.database.url });
    await outside.connect();
  });

  afterAll(async () => {
    await outside?.end();
    await sut?.close();
  });

  /** Runs `work` while a session outside the engine holds the case's row locked. */
  const whileLocked = async <T>(instanceId: string, work: () => Promise<T>): Promise<T> => {
    await outside.query('BEGIN');
    try {
      await outside.query('SELECT 1 FROM instance WHERE id = $1 FOR UPDATE', [instanceId]);
      return await work();
    } finally {
      await outside.query('ROLLBACK');
    }
  };

  const start = async () => (await request(sut.server).post('/api/processes/wait-an-hour/instances').send({}).expect(201)).body as { id: string };
  const view = async (id: string) => (await request(sut.server).get(`/api/instances/${id}`).expect(200)).body as { status: string; incidents: unknown[] };

  it('answers a command stuck behind a lock with 503 DATABASE_UNAVAILABLE and Retry-After, and does it once the lock is gone', async () => {
    // given a case whose row another session holds locked
    const { id } = await start();
    // when it is canceled meanwhile
    const answer = await whileLocked(id, () => request(sut.server).post(`/api/instances/${id}/cancel`).send({}));
    // then the answer is 503 with a retry delay, and the case is untouched
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('5');
    expect(answer.body).toEqual(expect.objectContaining({ code: 'DATABASE_UNAVAILABLE' }));
    expect((await view(id)).status).toBe('active');
    // and the same command, once the lock is gone, is done
    await request(sut.server).post(`/api/instances/${id}/cancel`).send({}).expect(200);
  });

  it('tries a timer cut by a lock wait again, without counting an attempt or raising an incident', async () => {
    // given a case whose hour has passed, and its row locked by another session
    const { id } = await start();
    sut.clock.advance(HOUR);
    const runner = sut.app.get(JobRunner);
    // when the job runner fires the timer meanwhile (it is claimed, and the commit waits past its bound)
    expect(await whileLocked(id, () => runner.runDueJobs())).toBe(1);
    // then no incident is raised, the timer stays due, and once the lock is gone it fires
    expect((await view(id)).incidents).toEqual([]);
    expect(await runner.runDueJobs()).toBe(1);
    expect(await view(id)).toEqual(expect.objectContaining({ status: 'completed', incidents: [] }));
  });
});
