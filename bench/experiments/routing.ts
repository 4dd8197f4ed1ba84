/**
 * The cost of routing through an experiment (issue 7 point 2: "no more than a few milliseconds per
 * start"): a real engine process on a real PostgreSQL, cases started over HTTP one after another
 * on two keys with the same two versions, one key with a running 50/50 experiment and one
 * without. Rounds alternate between the keys so drift (cache warm-up, autovacuum) hits both alike.
 * A key without an experiment pays one lookup too: its cost is timed on its own, straight on pg.
 *
 *   npm run build && node dist/bench/experiments/routing.js   # BENCH_STARTS per key (default 1000), BENCH_ROUNDS (default 10)
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { upperNearestRankQuantile } from '#core';
import { startBenchDatabase } from '../support/bench-database.js';
import { deployXml, startEngineProcess, type EngineProcess } from '../support/engine-process.js';

const STARTS = Number(process.env.BENCH_STARTS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const WARM_UP = 50;

/** Two versions of the same shape (a user task): the routed and the plain start do the same engine work. */
const processXml = (key: string, version: number) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d-${key}-${version}" targetNamespace="https://tandem.dev/bench">
  <bpmn:process id="${key}" name="Routed service v${version}" isExecutable="true">
    <bpmn:startEvent id="received"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="handle" name="Handle the case (v${version})"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="done"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="received" targetRef="handle" />
    <bpmn:sequenceFlow id="f2" sourceRef="handle" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>`;

async function call(engine: EngineProcess, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${engine.baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...engine.authHeaders },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function startExperiment(engine: EngineProcess, key: string, baseline: string, candidate: string): Promise<void> {
  const created = await call(engine, 'POST', '/experiments', {
    processKey: key,
    seed: 20261123,
    arms: [
      { id: 'as-is', role: 'baseline', processVersionId: baseline, weight: 50 },
      { id: 'to-be', role: 'candidate', processVersionId: candidate, weight: 50 },
    ],
    primaryMetric: 'leadTime',
    plan: { alpha: 0.05, power: 0.8, mde: 0.1, logSd: 0.6 },
  });
  if (created.status !== 201) throw new Error(`experiment not created: ${created.status} ${JSON.stringify(created.json)}`);
  const started = await call(engine, 'POST', `/experiments/${String(created.json.id)}/start`, {});
  if (started.status !== 200) throw new Error(`experiment not started: ${started.status} ${JSON.stringify(started.json)}`);
}

/** Milliseconds of each start, one after another (latency, not throughput). */
async function timeStarts(engine: EngineProcess, key: string, count: number, routed: boolean): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const begin = performance.now();
    const answer = await call(engine, 'POST', `/processes/${key}/instances`, { businessKey: `customer-${i % 500}` });
    times.push(performance.now() - begin);
    if (answer.status !== 201) throw new Error(`start failed: ${answer.status} ${JSON.stringify(answer.json)}`);
    if (routed !== (answer.json.assignment !== undefined)) throw new Error(`start on ${key} ${routed ? 'lacks' : 'has'} an assignment`);
  }
  return times;
}

/** The router's lookup for a key without an experiment, as the engine runs it (a prepared statement). */
async function timeLookup(databaseUrl: string, key: string, count: number): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const query = {
      name: 'routing-lookup',
      text: `SELECT * FROM experiment WHERE process_key = $1 AND state IN ('running', 'paused', 'promoted') ORDER BY state = 'promoted', stopped_at DESC NULLS LAST LIMIT 1`,
      values: [key],
    };
    for (let i = 0; i < WARM_UP; i++) await client.query(query);
    const begin = performance.now();
    for (let i = 0; i < count; i++) await client.query(query);
    return (performance.now() - begin) / count;
  } finally {
    await client.end();
  }
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

async function main(): Promise<void> {
  const database = await startBenchDatabase(['routing']);
  const engine = await startEngineProcess({ databaseUrl: database.url('routing'), stderr: 'inherit' });
  try {
    const [plain, routed] = ['plain-service', 'routed-service'];
    for (const version of [1, 2]) await deployXml(engine, processXml(plain, version));
    const baseline = await deployXml(engine, processXml(routed, 1));
    const candidate = await deployXml(engine, processXml(routed, 2));
    await startExperiment(engine, routed, baseline.id, candidate.id);

    await timeStarts(engine, plain, WARM_UP, false);
    await timeStarts(engine, routed, WARM_UP, true);
    const without: number[] = [];
    const withExperiment: number[] = [];
    const perRound = Math.ceil(STARTS / ROUNDS);
    for (let round = 0; round < ROUNDS; round++) {
      without.push(...(await timeStarts(engine, plain, perRound, false)));
      withExperiment.push(...(await timeStarts(engine, routed, perRound, true)));
    }

    const summary = (name: string, times: number[]) => {
      const sorted = [...times].sort((a, b) => a - b);
      return {
        name,
        starts: times.length,
        'mean ms': mean(times).toFixed(3),
        'median ms': upperNearestRankQuantile(sorted, 0.5).toFixed(3),
        'p90 ms': upperNearestRankQuantile(sorted, 0.9).toFixed(3),
        'p99 ms': upperNearestRankQuantile(sorted, 0.99).toFixed(3),
      };
    };
    console.table([summary('no experiment', without), summary('running experiment', withExperiment)]);
    const sortedWithout = [...without].sort((a, b) => a - b);
    const sortedWith = [...withExperiment].sort((a, b) => a - b);
    console.log(
      `routing overhead per start: mean ${(mean(withExperiment) - mean(without)).toFixed(3)} ms, median ${(upperNearestRankQuantile(sortedWith, 0.5) - upperNearestRankQuantile(sortedWithout, 0.5)).toFixed(3)} ms`,
    );
    console.log(`experiment lookup on a key without one (the cost every start now pays): ${(await timeLookup(database.url('routing'), plain, STARTS)).toFixed(3)} ms`);
  } finally {
    await engine.stop();
    await database.stop();
  }
}

await main();
