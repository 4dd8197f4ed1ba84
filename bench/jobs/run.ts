/**
 * Job runner benchmark (issue 3): how fast due timers fire with one and with two engine processes
 * on one durable PostgreSQL, and how long an engine killed with SIGKILL needs to resume.
 *
 * Per round: an engine starts BENCH_TIMERS cases whose timer falls due at one instant, then is
 * killed (SIGKILL); after the instant has passed, N fresh engine processes start on the same
 * database and fire the whole wave. Printed: time from spawn to healthy, to the first fired timer,
 * and timers fired per second over the wave.
 *
 *   npm run bench:jobs            # BENCH_TIMERS (default 2000), BENCH_LEAD_S (default 40)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { startBenchDatabase } from '../support/bench-database.js';
import { projectRoot, sleep, startEngineProcess, type EngineProcess } from '../support/engine-process.js';

const TIMERS = Number(process.env.BENCH_TIMERS ?? 2000);
const LEAD_MS = Number(process.env.BENCH_LEAD_S ?? 40) * 1000;
const CLIENTS = 16;
const ENGINE_ENV = { TANDEM_JOB_POLL_MS: '100' };
const bpmn = readFileSync(join(projectRoot(), 'bench/jobs/timer-wave.bpmn'), 'utf8');

interface Round {
  engines: number;
  startsPerSecond: number;
  toHealthyMs: number;
  toFirstFiredMs: number;
  firedPerSecond: number;
}

async function main() {
  const db = await startBenchDatabase(['one', 'two']);
  try {
    const rounds = [await round(db.url('one'), 1), await round(db.url('two'), 2)];
    console.log(`\nTandem job runner: ${TIMERS} timers due at one instant, durable commits, engines killed (SIGKILL) before the wave`);
    console.table(
      rounds.map((r) => ({
        engines: r.engines,
        'starts/s': +r.startsPerSecond.toFixed(1),
        'restart to healthy ms': Math.round(r.toHealthyMs),
        'restart to first timer ms': Math.round(r.toFirstFiredMs),
        'timers fired/s': +r.firedPerSecond.toFixed(1),
      })),
    );
  } finally {
    await db.stop();
  }
}

async function round(databaseUrl: string, engines: number): Promise<Round> {
  const loader = await startEngineProcess({ databaseUrl, env: ENGINE_ENV });
  const dueAt = Date.now() + LEAD_MS;
  const began = performance.now();
  await startCases(loader, new Date(dueAt).toISOString());
  const startsPerSecond = TIMERS / ((performance.now() - began) / 1000);
  if (Date.now() >= dueAt) throw new Error(`starting took longer than BENCH_LEAD_S; raise it`);
  await loader.kill();
  await sleep(dueAt - Date.now() + 500);

  const database = new pg.Client({ connectionString: databaseUrl });
  await database.connect();
  try {
    const completed = async () => Number((await database.query(`SELECT count(*) AS n FROM instance WHERE status = 'completed'`)).rows[0].n);
    const spawnedAt = performance.now();
    const starting = Array.from({ length: engines }, () => startEngineProcess({ databaseUrl, env: ENGINE_ENV }));
    const firstHealthy = Promise.race(starting).then(() => performance.now());
    const running = await Promise.all(starting);
    try {
      let firstFiredAt: number | undefined;
      for (;;) {
        const fired = await completed();
        if (fired > 0 && firstFiredAt === undefined) firstFiredAt = performance.now();
        if (fired >= TIMERS) break;
        await sleep(20);
      }
      const doneAt = performance.now();
      const duplicates = await database.query(`SELECT activity_instance_id FROM step_event GROUP BY activity_instance_id, type HAVING count(*) > 1 LIMIT 1`);
      if (duplicates.rowCount) throw new Error('a step event was written twice');
      return {
        engines,
        startsPerSecond,
        toHealthyMs: (await firstHealthy) - spawnedAt,
        toFirstFiredMs: firstFiredAt! - spawnedAt,
        firedPerSecond: TIMERS / ((doneAt - firstFiredAt!) / 1000),
      };
    } finally {
      await Promise.all(running.map((engine) => engine.stop()));
    }
  } finally {
    await database.end();
  }
}

async function startCases(engine: EngineProcess, dueAt: string) {
  const deployed = await fetch(`${engine.baseUrl}/deployments`, { method: 'POST', headers: { 'content-type': 'application/xml', ...engine.authHeaders }, body: bpmn });
  if (deployed.status !== 201) throw new Error(`deploy failed: ${deployed.status} ${await deployed.text()}`);
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < TIMERS) {
        next++;
        const response = await fetch(`${engine.baseUrl}/processes/timer-wave/instances`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...engine.authHeaders },
          body: JSON.stringify({ businessKey: `case-${next}`, variables: { dueAt } }),
        });
        if (response.status !== 201) throw new Error(`start failed: ${response.status} ${await response.text()}`);
      }
    }),
  );
}

await main();
