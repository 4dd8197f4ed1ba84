import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PersistenceScenario } from '../../../../test/e2e/support/persistence-scenario.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('JobRepository', () => {
  let scenario: PersistenceScenario;

  beforeAll(async () => {
    scenario = await PersistenceScenario.open();
  });

  afterAll(async () => {
    await scenario?.close();
  });

  const claim = (owner: string, limit = 100, leaseMs = 30_000) => scenario.jobs.claimDue({ owner, now: scenario.clock.now(), limit, leaseMs });

  /** Removes every job, so the claims of the next test see only its own. */
  const drain = async () => {
    scenario.clock.advance(1000 * HOUR);
    for (const job of await claim('drain', 10_000)) await scenario.jobs.discard(job.id, 'drain');
  };

  it('claims only due jobs, and gives engine processes claiming at once disjoint jobs', async () => {
    // given eight instances whose one-hour review timers fall due, and one started later
    const due = await Promise.all(Array.from({ length: 8 }, () => scenario.start()));
    scenario.clock.advance(30 * MINUTE);
    const notDue = await scenario.start();
    scenario.clock.advance(30 * MINUTE);
    // when three engine processes claim three each at the same moment
    const claimed = await Promise.all(['engine-a', 'engine-b', 'engine-c'].map((owner) => claim(owner, 3)));
    // then every due timer was claimed once, and the one not yet due was not
    const ids = claimed.flat().map((job) => job.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(due.map((instance) => instance.state.timers[0].id).sort());
    expect(ids).not.toContain(notDue.state.timers[0].id);
    await drain();
  });

  it('keeps a claimed job from others until its lease runs out, so a crashed process loses nothing', async () => {
    // given a due job claimed by an engine process with a 30 s lease
    const started = await scenario.start();
    scenario.clock.advance(HOUR);
    const [job] = await claim('crashed');
    expect(job.id).toBe(started.state.timers[0].id);
    // when another process claims within the lease, and after it
    const during = await claim('survivor');
    scenario.clock.advance(30_000);
    const after = await claim('survivor');
    // then only the second claim gets the job
    expect(during).toEqual([]);
    expect(after.map((claimed) => claimed.id)).toEqual([job.id]);
    await drain();
  });

  it('lets only the owner release or discard a job', async () => {
    // given a claimed job
    await scenario.start();
    scenario.clock.advance(HOUR);
    const [job] = await claim('owner');
    // when another process tries to release it, nothing changes; when the owner releases it, it is claimable again
    await scenario.jobs.release(job.id, 'stranger');
    expect(await claim('other')).toEqual([]);
    await scenario.jobs.release(job.id, 'owner');
    const [again] = await claim('other');
    expect(again.id).toBe(job.id);
    // and a discard by a stranger leaves the row, by the owner removes it
    await scenario.jobs.discard(job.id, 'owner');
    expect(await scenario.count('job', 'id = $1', [job.id])).toBe(1);
    await scenario.jobs.discard(job.id, 'other');
    expect(await scenario.count('job', 'id = $1', [job.id])).toBe(0);
    await drain();
  });

  it('retries a failing job later, and parks it with an incident after the last attempt', async () => {
    // given a claimed job
    const started = await scenario.start();
    scenario.clock.advance(HOUR);
    const [job] = await claim('owner');
    // when its first attempt fails with a retry in ten seconds
    const now = scenario.clock.now();
    await scenario.jobs.recordFailure({ id: job.id, owner: 'owner', error: 'boom', retryAt: new Date(now.getTime() + 10_000), now, incidentId: randomUUID() });
    // then it is claimable again only after the ten seconds, with the attempt counted
    expect(await claim('owner')).toEqual([]);
    scenario.clock.advance(10_000);
    const [retried] = await claim('owner');
    expect(retried).toEqual(expect.objectContaining({ id: job.id, attempts: 1 }));
    // when the last attempt fails
    const incidentId = randomUUID();
    await scenario.jobs.recordFailure({ id: job.id, owner: 'owner', error: 'boom again', retryAt: null, now: scenario.clock.now(), incidentId });
    // then an incident names the job and it is never claimed again
    expect(await scenario.incidents.list({ instanceId: started.state.id })).toEqual([
      expect.objectContaining({ id: incidentId, jobId: job.id, elementId: 'review-overdue', message: 'boom again' }),
    ]);
    scenario.clock.advance(10_000 * HOUR);
    expect((await claim('owner')).map((claimed) => claimed.id)).not.toContain(job.id);
  });
});
