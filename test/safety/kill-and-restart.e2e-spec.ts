import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep, startEngineProcess, type EngineProcess } from '../../bench/support/engine-process.js';
import { eventually } from '../e2e/support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../e2e/support/test-database.js';
import { duplicateStepEvents, instancesByStatus, withDatabase } from './support/database-checks.js';

const CASES = 200;
const WORKER = 'crm-worker';

/** The engine a client talks to right now: the first one, then the one started after the kill. */
interface Target {
  engine: EngineProcess;
}

const post = async (target: Target, path: string, body: unknown): Promise<{ status: number; body: unknown }> => {
  try {
    const response = await fetch(`${target.engine.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...target.engine.authHeaders },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  } catch {
    // the engine is down (killed, or not started yet): the caller tries again
    return { status: 0, body: undefined };
  }
};

/**
 * An engine process is killed with SIGKILL in the middle of a load of cases with external tasks
 * and timers. Another starts on the same database: every case continues to its end, none is lost
 * and no step event is written twice.
 */
describe('an engine killed in the middle of the work', () => {
  let database: TestDatabase;
  const engines: EngineProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await Promise.all(engines.map((engine) => engine.kill()));
    await database?.drop();
  });

  it('resumes every case on a new engine, losing nothing and recording nothing twice', async () => {
    // given an engine working 200 cases: a worker completes their lookups, then each waits a second on a timer
    const env = { TANDEM_JOB_POLL_MS: '50' };
    const target: Target = { engine: await startEngineProcess({ databaseUrl: database.url, env }) };
    engines.push(target.engine);
    const xml = await readFile(join(dirname(fileURLToPath(import.meta.url)), 'fixtures/lookup-then-wait.bpmn'), 'utf8');
    const deployed = await fetch(`${target.engine.baseUrl}/deployments`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml', ...target.engine.authHeaders },
      body: xml,
    });
    expect(deployed.status).toBe(201);
    for (let batch = 0; batch < CASES; batch += 20) {
      const started = await Promise.all(Array.from({ length: 20 }, (_, n) => post(target, '/processes/lookup-then-wait/instances', { businessKey: `case-${batch + n}` })));
      expect(started.every((answer) => answer.status === 201)).toBe(true);
    }
    let completedLookups = 0;
    let working = true;
    const worker = (async () => {
      const pending: string[] = [];
      while (working) {
        const locked = await post(target, '/external-tasks/fetch-and-lock', {
          workerId: WORKER,
          maxTasks: 10,
          topics: [{ name: 'crm-lookup', lockDurationMs: 5_000 }],
        });
        if (locked.status === 200) pending.push(...(locked.body as Array<{ id: string }>).map((task) => task.id));
        while (pending.length > 0) {
          const answer = await post(target, `/external-tasks/${pending[0]}/complete`, { workerId: WORKER, variables: { found: true } });
          // 0: the engine is down, keep the task and try again on the next one; 409: it was committed before the
          // answer got lost. A lock whose fetch answer got lost expires after 5 s and the task is fetched again.
          if (answer.status === 0) break;
          expect([200, 409]).toContain(answer.status);
          pending.shift();
          completedLookups++;
        }
        if (pending.length > 0 || locked.status !== 200 || (locked.body as unknown[]).length === 0) await sleep(20);
      }
    })();
    // when the engine is killed half-way through the lookups, and a new one starts on the same database
    await eventually(
      async () => completedLookups,
      (count) => count >= CASES / 2,
      60_000,
    );
    await target.engine.kill();
    target.engine = await startEngineProcess({ databaseUrl: database.url, env });
    engines.push(target.engine);
    // then every case reaches its end
    const statuses = await eventually(
      () => instancesByStatus(database.url),
      (counts) => counts.completed === CASES,
      120_000,
    );
    working = false;
    await worker;
    expect(statuses).toEqual({ completed: CASES });
    // and each case did each step exactly once
    expect(await duplicateStepEvents(database.url)).toBe(0);
    const perElement = await withDatabase(database.url, async (client) => {
      const { rows } = await client.query<{ element_id: string; n: string }>(
        `SELECT element_id, count(*) AS n FROM step_event WHERE type = 'completed' GROUP BY element_id ORDER BY element_id`,
      );
      return Object.fromEntries(rows.map((row) => [row.element_id, Number(row.n)]));
    });
    expect(perElement).toEqual({ done: CASES, lookup: CASES, pause: CASES, requested: CASES });
  }, 240_000);
});
