import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Server } from 'node:http';
import request from 'supertest';
import { ExternalTaskRepository } from '#persistence';
import { ExternalTaskAvailability } from '../../apps/engine/src/external-tasks/external-task-availability.js';
import { MINUTE } from './support/test-clock.js';
import { createTestApp, deploy, eventually, type TestApp } from './support/test-app.js';

/** The built-in HTTP JSON connector's own long poll, waiting in every engine process (docs/camunda-8-connectors.md). */
const BUILT_IN_POLLS = 1;

/** start -> lookup (external task, topic "lookup") -> end */
const LOOKUP = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0"
  id="d" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="lookup" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="look-up-customer" tandem:topic="lookup" tandem:retries="3">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="look-up-customer" />
    <bpmn:sequenceFlow id="f2" sourceRef="look-up-customer" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

interface LockedTask {
  id: string;
  instanceId: string;
  topic: string;
}

const fetchBody = (workerId: string, asyncResponseTimeoutMs?: number, topic = 'lookup') => ({
  workerId,
  maxTasks: 10,
  topics: [{ name: topic, lockDurationMs: 5 * MINUTE }],
  ...(asyncResponseTimeoutMs !== undefined && { asyncResponseTimeoutMs }),
});

/** Sends a fetch-and-lock now and resolves with its answer (supertest only sends once awaited). */
const longPoll = (server: Server, workerId: string, asyncResponseTimeoutMs: number, topic?: string) =>
  request(server)
    .post('/api/external-tasks/fetch-and-lock')
    .send(fetchBody(workerId, asyncResponseTimeoutMs, topic))
    .then((response) => response);

const startLookup = async (server: Server) => (await request(server).post('/api/processes/lookup/instances').send({}).expect(201)).body as { id: string };

/**
 * Long polling: a fetch that finds nothing waits for a task of its topics (announced in-process and
 * through PostgreSQL LISTEN/NOTIFY) or for its timeout, without querying in between.
 */
describe('long polling on fetch-and-lock', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
    await deploy(sut.server, LOOKUP);
  });

  afterAll(async () => {
    await sut?.close();
  });

  /** Resolves once `count` long polls wait on the app. */
  const waitingPolls = (app: TestApp, count: number) =>
    eventually(
      async () => app.app.get(ExternalTaskAvailability).waiting,
      (waiting) => waiting === count + BUILT_IN_POLLS,
    );

  it('answers a waiting worker as soon as a task of its topic is created', async () => {
    // given a worker waits for lookups, with nothing to fetch
    const poll = longPoll(sut.server, 'worker-a', 30_000);
    await waitingPolls(sut, 1);
    // when a case creates a lookup
    const instance = await startLookup(sut.server);
    // then the waiting worker gets it, locked
    const response = await poll;
    expect(response.status).toBe(200);
    expect((response.body as LockedTask[]).map((task) => task.instanceId)).toEqual([instance.id]);
    expect(response.body[0]).toEqual(expect.objectContaining({ topic: 'lookup', workerId: 'worker-a' }));
  });

  it('answers with an empty list when the timeout passes and nothing arrived', async () => {
    // when a worker waits half a second for a topic nobody creates tasks of
    const response = await longPoll(sut.server, 'worker-a', 500, 'nothing-here');
    // then it gets an empty answer
    expect(response.status).toBe(200);
    expect(response.body).toEqual([]);
  });

  it('queries the database once before waiting and once when the time is up, not in between', async () => {
    // given the repository's fetch is counted (it still runs)
    const fetches = jest.spyOn(sut.app.get(ExternalTaskRepository), 'fetchAndLock');
    try {
      // when a worker waits a second and a half for a topic nobody creates tasks of
      const response = await longPoll(sut.server, 'idle-worker', 1500, 'nothing-here');
      // then the wait cost exactly two fetches
      expect(response.body).toEqual([]);
      expect(fetches).toHaveBeenCalledTimes(2);
    } finally {
      fetches.mockRestore();
    }
  });

  it('wakes only workers of the created topic', async () => {
    // given two workers wait, one for lookups and one for another topic
    const lookups = longPoll(sut.server, 'worker-lookup', 30_000);
    const others = longPoll(sut.server, 'worker-other', 3000, 'other-topic');
    await waitingPolls(sut, 2);
    // when a lookup is created
    const instance = await startLookup(sut.server);
    // then the lookup worker gets it and the other one times out empty
    expect(((await lookups).body as LockedTask[]).map((task) => task.instanceId)).toEqual([instance.id]);
    expect((await others).body).toEqual([]);
  });

  it('answers at once, without waiting, when a task is fetchable already', async () => {
    // given a lookup waits for a worker
    const instance = await startLookup(sut.server);
    // when a worker polls with a long timeout
    const response = await longPoll(sut.server, 'worker-b', 60_000);
    // then it gets the task
    expect((response.body as LockedTask[]).map((task) => task.instanceId)).toEqual([instance.id]);
  });

  it('wakes a waiting worker when a failed task may be fetched again at once', async () => {
    // given worker-a holds a lookup and worker-b waits for lookups
    const instance = await startLookup(sut.server);
    const [task] = (await longPoll(sut.server, 'worker-a', 0)).body as LockedTask[];
    expect(task.instanceId).toBe(instance.id);
    const poll = longPoll(sut.server, 'worker-b', 30_000);
    await waitingPolls(sut, 1);
    // when worker-a reports a failure without a retry timeout
    await request(sut.server).post(`/api/external-tasks/${task.id}/failure`).send({ workerId: 'worker-a', errorMessage: 'CRM busy' }).expect(200);
    // then worker-b gets the task
    expect(((await poll).body as LockedTask[]).map((locked) => locked.id)).toEqual([task.id]);
  });

  it('stops waiting for a worker that hung up, and locks nothing for it', async () => {
    // given a worker waits for lookups and then hangs up
    const abandoned = request(sut.server).post('/api/external-tasks/fetch-and-lock').timeout(300).send(fetchBody('worker-gone', 30_000));
    await expect(abandoned).rejects.toThrow();
    await waitingPolls(sut, 0);
    // when a lookup is created
    const instance = await startLookup(sut.server);
    // then another worker can fetch it at once
    const response = await longPoll(sut.server, 'worker-c', 0);
    expect((response.body as LockedTask[]).map((task) => task.instanceId)).toEqual([instance.id]);
  });

  it('answers 400 naming asyncResponseTimeoutMs when it is out of range or not a whole number', async () => {
    // when a fetch asks to wait longer than a minute, less than nothing, or half a millisecond
    const answers = await Promise.all(
      [60_001, -1, 0.5, 'soon'].map((asyncResponseTimeoutMs) =>
        request(sut.server)
          .post('/api/external-tasks/fetch-and-lock')
          .send({ ...fetchBody('w'), asyncResponseTimeoutMs }),
      ),
    );
    // then each is refused, naming the field
    for (const response of answers) {
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.message).toContain('asyncResponseTimeoutMs');
    }
  });
});

describe('long polling across engine processes and shutdown', () => {
  it('wakes a worker waiting on one engine process when another process creates the task', async () => {
    // given two engine processes on one database, a worker waiting on the first
    const first = await createTestApp();
    const second = await createTestApp({}, { database: first.database });
    try {
      await deploy(first.server, LOOKUP);
      const poll = longPoll(first.server, 'worker-a', 30_000);
      await eventually(
        async () => first.app.get(ExternalTaskAvailability).waiting,
        (waiting) => waiting === 1 + BUILT_IN_POLLS,
      );
      // when a case on the second process creates a lookup
      const instance = await startLookup(second.server);
      // then the worker on the first process gets it
      expect(((await poll).body as LockedTask[]).map((task) => task.instanceId)).toEqual([instance.id]);
    } finally {
      await second.close();
      await first.close();
    }
  });

  it('answers pending polls when the app closes, instead of keeping it open for their timeout', async () => {
    // given a worker waits up to a minute
    const app = await createTestApp();
    const poll = longPoll(app.server, 'worker-a', 60_000);
    await eventually(
      async () => app.app.get(ExternalTaskAvailability).waiting,
      (waiting) => waiting === 1 + BUILT_IN_POLLS,
    );
    // when the app closes
    await app.close();
    // then the worker got an empty answer (a poll kept open would hold the close past this test's timeout)
    const response = await poll;
    expect(response.status).toBe(200);
    expect(response.body).toEqual([]);
  }, 20_000);
});
