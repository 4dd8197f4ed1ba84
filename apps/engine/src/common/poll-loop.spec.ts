import { describe, expect, it } from '@jest/globals';
import type { Logger } from '@nestjs/common';
import { PollLoop } from './poll-loop.js';

/** Keeps what the loop logs, by level. */
const recordingLogger = () => {
  const lines: string[] = [];
  const logger = {
    log: (message: string) => void lines.push(`log: ${message}`),
    warn: (message: string) => void lines.push(`warn: ${message}`),
    error: (message: string) => void lines.push(`error: ${message}`),
  } as unknown as Logger;
  return { lines, logger };
};

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('PollLoop', () => {
  it('says once that the database is unavailable and once that it is back, and logs every other failure', async () => {
    // given runs that fail three times on a refused connection, succeed, then fail on a bug
    const outcomes: Array<() => Promise<void>> = [
      () => Promise.reject(refused()),
      () => Promise.reject(refused()),
      () => Promise.reject(refused()),
      () => Promise.resolve(),
      () => Promise.reject(new TypeError('x is undefined')),
    ];
    let runs = 0;
    let finished: () => void;
    const allRun = new Promise<void>((done) => (finished = done));
    const { lines, logger } = recordingLogger();
    const sut = new PollLoop(
      async () => {
        const outcome = outcomes[runs++];
        if (runs === outcomes.length) finished();
        if (outcome !== undefined) await outcome();
      },
      1,
      logger,
      'Job poll',
    );
    // when the loop runs them all
    sut.start();
    await allRun;
    await sut.stop();
    // then the outage is one warning, the recovery one line, and the bug an error
    expect(lines).toEqual([
      'warn: Job poll paused: the database is unavailable (connect ECONNREFUSED 127.0.0.1:5432); trying again every 1 ms',
      'log: Job poll resumed: the database answers again',
      'error: Job poll failed: x is undefined',
    ]);
  });
});
