import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { projectRoot, startEngineProcess, type EngineProcess } from '../../bench/support/engine-process.js';
import { createTestApp, eventually } from '../e2e/support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../e2e/support/test-database.js';
import { duplicateStepEvents, instancesByStatus } from './support/database-checks.js';

const TIMERS = 1000;

/**
 * Two real engine processes (the built app, `npm run build`) poll one database when 1,000 timers
 * are due at the same instant: every timer fires exactly once.
 */
describe('a wave of due timers shared by two engine processes', () => {
  let database: TestDatabase;
  const engines: EngineProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await Promise.all(engines.map((engine) => engine.kill()));
    await database?.drop();
  });

  it('fires each of 1,000 timers due at once exactly once', async () => {
    // given 1,000 cases waiting for one instant that has already passed, started by an app whose clock stands still before it
    const dueAt = new Date(Date.now() + 1000);
    const loader = await createTestApp({}, { database, startAt: new Date(dueAt.getTime() - 60_000) });
    const xml = await readFile(join(projectRoot(), 'bench/jobs/timer-wave.bpmn'), 'utf8');
    await request(loader.server).post('/api/deployments').set('Content-Type', 'application/xml').send(xml).expect(201);
    for (let batch = 0; batch < TIMERS; batch += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, n) =>
          request(loader.server)
            .post('/api/processes/timer-wave/instances')
            .send({ businessKey: `case-${batch + n}`, variables: { dueAt: dueAt.toISOString() } })
            .expect(201),
        ),
      );
    }
    await loader.close();
    expect(await instancesByStatus(database.url)).toEqual({ active: TIMERS });
    // when two engine processes start on the database and poll for due jobs
    const env = { TANDEM_JOB_POLL_MS: '50', TANDEM_JOB_BATCH_SIZE: '25' };
    engines.push(...(await Promise.all([1, 2].map(() => startEngineProcess({ databaseUrl: database.url, env })))));
    // then every case completes, and no step was recorded twice
    const statuses = await eventually(
      () => instancesByStatus(database.url),
      (counts) => counts.completed === TIMERS,
      120_000,
    );
    expect(statuses).toEqual({ completed: TIMERS });
    expect(await duplicateStepEvents(database.url)).toBe(0);
  }, 180_000);
});
