import { describe, expect, it } from '@jest/globals';
import { MAX_JOB_BACKOFF_MS, nextAttemptAt } from './job-backoff.js';

const now = new Date('2026-01-05T09:00:00.000Z');
const after = (date: Date | null) => (date === null ? null : date.getTime() - now.getTime());

describe('nextAttemptAt', () => {
  it('doubles the wait after every failure while attempts are left', () => {
    // given three attempts and a 10 s back-off
    const attempts = { maxAttempts: 3, backoffMs: 10_000 };
    // when the first and the second attempt fail
    const sut = [1, 2].map((failures) => after(nextAttemptAt({ ...attempts, failures }, now)));
    // then the job is tried again after 10 s, then after 20 s
    expect(sut).toEqual([10_000, 20_000]);
  });

  it('answers null when the last attempt failed, so the job is parked', () => {
    // when the third of three attempts fails
    const sut = nextAttemptAt({ failures: 3, maxAttempts: 3, backoffMs: 10_000 }, now);
    // then no retry is planned
    expect(sut).toBeNull();
  });

  it('never waits longer than the cap, however long the retry budget', () => {
    // given an operator allowed a hundred attempts
    const attempts = { maxAttempts: 100, backoffMs: 10_000 };
    // when the 99th fails
    const sut = after(nextAttemptAt({ ...attempts, failures: 99 }, now));
    // then the wait is the cap
    expect(sut).toBe(MAX_JOB_BACKOFF_MS);
  });
});
