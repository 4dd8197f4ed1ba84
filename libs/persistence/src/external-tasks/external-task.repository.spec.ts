import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PersistenceScenario } from '../../../../test/e2e/support/persistence-scenario.js';

const MINUTE = 60_000;

describe('ExternalTaskRepository', () => {
  let scenario: PersistenceScenario;

  beforeAll(async () => {
    scenario = await PersistenceScenario.open();
  });

  afterAll(async () => {
    await scenario?.close();
  });

  /** Instances waiting at the external task `check`; returns its activity instance ids. */
  const waitingChecks = async (count: number): Promise<string[]> =>
    Promise.all(
      Array.from({ length: count }, async () => {
        const started = await scenario.start();
        const after = await scenario.run(started, {
          type: 'completeTask',
          activityInstanceId: scenario.activity(started, 'review'),
        });
        return scenario.activity(after, 'check');
      }),
    );

  const fetch = (workerId: string, maxTasks: number, lockDurationMs = 5 * MINUTE) =>
    scenario.externalTasks.fetchAndLock({ workerId, maxTasks, topics: [{ name: 'check', lockDurationMs }], now: scenario.clock.now() });

  it('gives workers fetching at the same moment disjoint tasks, and never more than asked', async () => {
    // given six checks wait
    const waiting = await waitingChecks(6);
    // when four workers fetch two each at once
    const fetched = await Promise.all(['w1', 'w2', 'w3', 'w4'].map((worker) => fetch(worker, 2)));
    // then no task went to two workers, each got at most two, and all six were handed out
    const ids = fetched.flat().map((task) => task.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(fetched.every((tasks) => tasks.length <= 2)).toBe(true);
    expect(ids).toEqual(expect.arrayContaining(waiting));
    expect(fetched.flat().every((task) => task.lockExpiresAt!.getTime() === scenario.clock.now().getTime() + 5 * MINUTE)).toBe(true);
  });

  it('hands a task out again once its lock has expired, and not before', async () => {
    // given a worker locked a check for 5 minutes
    const [check] = await waitingChecks(1);
    await fetch('first', 100);
    // when another worker fetches 4 minutes later, and again 5 minutes later
    scenario.clock.advance(4 * MINUTE);
    const early = await fetch('second', 100);
    scenario.clock.advance(MINUTE);
    const late = await fetch('second', 100);
    // then only the second fetch gets it
    expect(early.map((task) => task.id)).not.toContain(check);
    expect(late.find((task) => task.id === check)).toEqual(expect.objectContaining({ workerId: 'second' }));
  });

  it('skips the tasks of a suspended instance without locking them, and hands them out once it is resumed', async () => {
    // given a check waits in an instance that is then suspended
    const [check] = await waitingChecks(1);
    const instanceId = (await scenario.externalTasks.findById(check))!.instanceId;
    const suspended = await scenario.run(await scenario.reload(instanceId), { type: 'suspendInstance' });
    // when a worker fetches
    const whileSuspended = await fetch('w1', 100);
    // then it is neither handed out nor locked
    expect(whileSuspended.map((task) => task.id)).not.toContain(check);
    expect(await scenario.externalTasks.findById(check)).toEqual(expect.objectContaining({ workerId: null, lockExpiresAt: null }));
    // when the instance is resumed, then the next fetch gets it at once
    await scenario.run(suspended, { type: 'resumeInstance' });
    expect((await fetch('w1', 100)).map((task) => task.id)).toContain(check);
  });

  it('releases a lock that was never handed out, for the worker that held it only', async () => {
    // given a worker locked a check
    const [check] = await waitingChecks(1);
    await fetch('holder', 100);
    // when another worker releases it, then the holder does
    await scenario.externalTasks.releaseLock(check, 'intruder');
    const afterForeign = await scenario.externalTasks.findById(check);
    await scenario.externalTasks.releaseLock(check, 'holder');
    // then only the holder's release frees it, and another worker gets it at once
    expect(afterForeign?.workerId).toBe('holder');
    expect((await fetch('next', 100)).find((task) => task.id === check)).toEqual(expect.objectContaining({ workerId: 'next' }));
  });

  it('records a failure only for the worker holding the lock, and raises an incident with the last retry', async () => {
    // given a worker holds a check with two retries
    const [check] = await waitingChecks(1);
    const [locked] = (await fetch('holder', 100)).filter((task) => task.id === check);
    expect(locked.retries).toBe(2);
    const failure = { id: check, errorMessage: 'down', retryTimeoutMs: 0, now: scenario.clock.now() };
    // when another worker reports a failure, then the holder does
    const foreign = await scenario.externalTasks.recordFailure({ ...failure, workerId: 'intruder', incidentId: randomUUID() });
    const first = await scenario.externalTasks.recordFailure({ ...failure, workerId: 'holder', incidentId: randomUUID() });
    // then the foreign report changes nothing, and the holder's leaves one retry and releases the lock
    expect(foreign).toBeNull();
    expect(first).toEqual({
      externalTask: expect.objectContaining({ retries: 1, workerId: null, errorMessage: 'down' }),
      incidentId: null,
    });

    // when it fails again after being fetched again
    await fetch('holder', 100);
    const incidentId = randomUUID();
    const last = await scenario.externalTasks.recordFailure({ ...failure, workerId: 'holder', incidentId });
    // then the retries are used up and the incident names the task
    expect(last).toEqual({ externalTask: expect.objectContaining({ retries: 0 }), incidentId });
    const incidents = await scenario.incidents.list({ instanceId: last!.externalTask.instanceId });
    expect(incidents).toEqual([expect.objectContaining({ id: incidentId, externalTaskId: check, elementId: 'check', message: 'down' })]);
    // and it is no longer fetchable
    scenario.clock.advance(60 * MINUTE);
    expect((await fetch('holder', 100)).map((task) => task.id)).not.toContain(check);
  });
});
