import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startInstance } from '#engine';
import { PersistenceScenario, REVIEW_AND_CHECK } from '../../../../test/e2e/support/persistence-scenario.js';
import { JOB_ERRORS } from './job-errors.js';

const HOUR = 60 * 60_000;

/** Process-level timer start events: jobs of a process version, with no instance until they fire. */
describe('JobRepository and start timers', () => {
  let scenario: PersistenceScenario;

  beforeAll(async () => {
    scenario = await PersistenceScenario.open();
  });

  afterAll(async () => {
    await scenario?.close();
  });

  const inAnHour = (hours = 1) => new Date(scenario.clock.now().getTime() + hours * HOUR).toISOString();
  const replace = (processVersionId: string, timers: Array<{ id: string; dueAt: string; repeat?: { interval: string; remaining?: number } }>) =>
    scenario.jobs.replaceStartTimers({
      processKey: 'review-and-check',
      processVersionId,
      timers: timers.map((timer) => ({ ...timer, elementId: 'start' })),
      now: scenario.clock.now(),
    });
  /** Another version of the key (the same graph, other XML). */
  const deployVersion = async (label: string) => {
    const [deployed] = await scenario.versions.deploy({
      xml: `${REVIEW_AND_CHECK}<!-- ${label} -->`,
      graphs: [{ id: randomUUID(), graph: scenario.version.graph }],
      deployedAt: scenario.clock.now(),
    });
    return deployed.id;
  };
  const claim = (owner: string) => scenario.jobs.claimDue({ owner, now: scenario.clock.now(), limit: 100, leaseMs: 30_000 });

  it("schedules the newest version's start timers once, replacing the older version's", async () => {
    // given version 1, never scheduled
    const first = scenario.version.id;
    expect(await scenario.jobs.findUnscheduledLatestVersionIds()).toEqual([first]);
    // when it is scheduled twice
    const scheduled = [await replace(first, [{ id: randomUUID(), dueAt: inAnHour() }]), await replace(first, [{ id: randomUUID(), dueAt: inAnHour() }])];
    // then only the first time counted
    expect(scheduled).toEqual([true, false]);
    expect(await scenario.jobs.findUnscheduledLatestVersionIds()).toEqual([]);
    // when version 2 is deployed, version 1 cannot be scheduled any more, and version 2's timers replace its
    const second = await deployVersion('v2');
    expect(await scenario.jobs.findUnscheduledLatestVersionIds()).toEqual([second]);
    expect(await replace(first, [{ id: randomUUID(), dueAt: inAnHour() }])).toBe(false);
    const timerId = randomUUID();
    expect(await replace(second, [{ id: timerId, dueAt: inAnHour(2), repeat: { interval: 'PT1H', remaining: 1 } }])).toBe(true);
    // then only version 2's timer is due, as a start timer of that version
    scenario.clock.advance(3 * HOUR);
    expect(await claim('engine-a')).toEqual([
      expect.objectContaining({ id: timerId, type: 'timerStart', processVersionId: second, elementId: 'start', repeat: { interval: 'PT1H', remaining: 1 } }),
    ]);
  });

  it('commits a timer-started instance with the next occurrence, only while the job is held', async () => {
    // given a start timer claimed by engine-a
    const version = await deployVersion('v3');
    const jobId = randomUUID();
    await replace(version, [{ id: jobId, dueAt: scenario.clock.now().toISOString(), repeat: { interval: 'PT1H' } }]);
    expect((await claim('engine-a')).map((job) => job.id)).toEqual([jobId]);
    const result = startInstance(scenario.version.graph, { type: 'start', instanceId: randomUUID(), processVersionId: version }, scenario.ports);
    const next = { id: randomUUID(), dueAt: inAnHour(), repeat: { interval: 'PT1H' } };
    // when another engine process tries to commit the start
    const stranger = scenario.instances.commit(result, null, { startTimer: { id: jobId, owner: 'engine-b', next } });
    // then it is refused and nothing is written
    await expect(stranger).rejects.toEqual(expect.objectContaining({ code: JOB_ERRORS.jobNotHeld }));
    expect(await scenario.count('instance', 'id = $1', [result.state.id])).toBe(0);
    expect(await scenario.count('job', 'id = $1', [next.id])).toBe(0);
    // when the holder commits it
    const revision = await scenario.instances.commit(result, null, { startTimer: { id: jobId, owner: 'engine-a', next } });
    // then the instance exists, the fired occurrence is gone and the next one waits
    expect(revision).toBe(1);
    expect(await scenario.count('instance', 'id = $1', [result.state.id])).toBe(1);
    expect(await scenario.count('job', 'id = $1', [jobId])).toBe(0);
    expect(await scenario.count('job', `id = $1 AND type = 'timerStart' AND process_version_id = $2 AND element_id = 'start'`, [next.id, version])).toBe(1);
  });

  it("resolves a replaced start timer's incident", async () => {
    // given a start timer parked with an incident (no instance)
    const version = await deployVersion('v4');
    const jobId = randomUUID();
    await replace(version, [{ id: jobId, dueAt: scenario.clock.now().toISOString() }]);
    const [job] = (await claim('engine-a')).filter((claimed) => claimed.id === jobId);
    const incidentId = randomUUID();
    await scenario.jobs.recordFailure({ id: job.id, owner: 'engine-a', error: 'boom', retryAt: null, now: scenario.clock.now(), incidentId });
    expect(await scenario.incidents.findById(incidentId)).toEqual(
      expect.objectContaining({ instanceId: null, processKey: 'review-and-check', processVersionId: version, jobId, resolvedAt: null }),
    );
    // when a newer version replaces the start timers
    scenario.clock.advance(HOUR);
    await replace(await deployVersion('v5'), []);
    // then the incident is resolved, and the parked job is gone
    expect((await scenario.incidents.findById(incidentId))?.resolvedAt).toEqual(scenario.clock.now());
    expect(await scenario.count('job', 'id = $1', [jobId])).toBe(0);
  });
});
