/**
 * Throughput benchmark (issue 2): drives service-request cases through the real HTTP API against a
 * durable PostgreSQL, and measures that PostgreSQL's own ceiling for plain insert+update transactions
 * with the same pool size in the same run, so the ratio says how much of the database we use.
 *
 * The same run then times the in-memory peer `bpmn-engine` on the same model (bench/peers) and prints
 * Tandem's durable cases/s over the peer's in-memory cases/s (issue 19 point 2).
 *
 *   npm run bench:throughput            # defaults below; override with BENCH_* variables
 *   BENCH_RATE=150 npm run bench:throughput   # open loop: 150 calls/s arrive on a clock (issue 19 point 3)
 *   BENCH_STATEMENTS=1 npm run bench:throughput   # also the statements and tables that cost the database most
 *   BENCH_ENGINE_NODE_ARGS="--cpu-prof --cpu-prof-dir=.scratch/prof" npm run bench:throughput
 *   npm run bench:profile -- .scratch/prof/<file>.cpuprofile   # the engine's CPU by package and function
 *
 * Besides rates it prints CPU ms per call for the engine, the database and this driver: on a shared
 * 2-core machine throughput follows whatever else runs, CPU per call hardly does. A V8 profile taken
 * while the cores are saturated shows time descheduled as the native call that was running (often
 * `writev` on the database socket, where the woken backend preempts the engine), not CPU spent there.
 */
import pg from 'pg';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { upperNearestRankQuantile } from '#core';
import { startBenchDatabase } from '../support/bench-database.js';
import { send } from '../support/http-client.js';
import { createUser, projectRoot, sleep, startEngineProcess, type EngineProcess } from '../support/engine-process.js';
import { parseMetrics, sumOf } from '../support/prometheus-text.js';
import { runBpmnEnginePeer } from '../peers/bpmn-engine-peer.js';
import { runTandemCore } from '../peers/tandem-core-peer.js';
import { startCpuWindow, type CpuWindow } from '../support/cpu-meter.js';
import { costliestStatements, resetStatementStatistics, tableWrites } from '../support/statement-statistics.js';

const CASES = Number(process.env.BENCH_CASES ?? 1000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 4);
const POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 10);
const CEILING_SECONDS = Number(process.env.BENCH_CEILING_SECONDS ?? 10);
const INTAKE_CLIENTS = Number(process.env.BENCH_INTAKE_CLIENTS ?? 4);
const MAX_OPEN_CASES = Number(process.env.BENCH_MAX_OPEN_CASES ?? 100);
const WARMUP_CASES = 20;
const PEER_CASES = Number(process.env.BENCH_PEER_CASES ?? 1000);
/** BENCH_STATEMENTS=1 prints the statements that cost the database the most while measuring (pg_stat_statements). */
const STATEMENTS = process.env.BENCH_STATEMENTS === '1';
/** Calls per second arriving on a clock; unset, the bench is a closed loop of clients. */
const RATE = process.env.BENCH_RATE ? Number(process.env.BENCH_RATE) : undefined;

const root = projectRoot();
const bpmn = readFileSync(join(root, 'bench/throughput/service-request.bpmn'), 'utf8');

type CallName = 'start' | 'tasks' | 'claim' | 'complete' | 'fetchAndLock' | 'completeExternal';
const STATE_CHANGING: ReadonlySet<CallName> = new Set(['start', 'claim', 'complete', 'fetchAndLock', 'completeExternal']);
/** The route each call is counted under in the engine's `tandem_db_statements_total`. */
const ROUTES: Record<CallName, string> = {
  start: 'POST /api/processes/:key/instances',
  tasks: 'GET /api/tasks',
  claim: 'POST /api/tasks/:id/claim',
  complete: 'POST /api/tasks/:id/complete',
  fetchAndLock: 'POST /api/external-tasks/fetch-and-lock',
  completeExternal: 'POST /api/external-tasks/:id/complete',
};
const latencies = new Map<CallName, number[]>();
let measuring = false;

/** Request headers per caller: each agent signs in as themselves, the workers share one API key. */
interface Callers {
  agents: Array<Record<string, string>>;
  worker: Record<string, string>;
}

interface QueuedTask {
  id: string;
  elementId: string;
}

interface OpenLoopResult {
  arrivals: number;
  /** arrivals that found no step of any case ready (every case waiting on the engine, or the open-case bound reached) */
  idle: number;
}

/** Runs the bench and returns Tandem's completed cases/s. */
async function main(): Promise<number> {
  const db = await startBenchDatabase(['ceiling', 'engine'], { statementStatistics: STATEMENTS });
  try {
    const ceilingCpu = startCpuWindow({ database: db.serverPid() });
    const ceiling = await measureCeiling(db.url('ceiling'));
    const ceilingDatabaseMsPerTx = ceilingCpu.stop().byName.database / (ceiling * CEILING_SECONDS);
    // BENCH_ENGINE_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=.scratch/prof", profiles the engine alone.
    const engine = await startEngineProcess({
      databaseUrl: db.url('engine'),
      env: { TANDEM_DB_POOL_SIZE: String(POOL_SIZE) },
      nodeArgs: (process.env.BENCH_ENGINE_NODE_ARGS ?? '').split(' ').filter(Boolean),
    });
    try {
      await deploy(engine);
      const callers = await signInCallers(engine);
      await runCases(engine.baseUrl, callers, WARMUP_CASES);
      latencies.clear();
      measuring = true;
      const statementsBefore = await statementsByCall(engine);
      if (STATEMENTS) await resetStatementStatistics(db.url('engine'));
      const cpu = startCpuWindow({ engine: engine.child.pid!, database: db.serverPid() });
      const began = performance.now();
      const openLoop = RATE === undefined ? undefined : await runOpenLoop(engine.baseUrl, callers, CASES, RATE);
      if (RATE === undefined) await runCases(engine.baseUrl, callers, CASES);
      const seconds = (performance.now() - began) / 1000;
      const cpuUsed = cpu.stop();
      measuring = false;
      const statementsAfter = await statementsByCall(engine);
      const statements = new Map([...statementsAfter].map(([name, count]) => [name, count - (statementsBefore.get(name) ?? 0)]));
      report(seconds, ceiling, statements, engine.peakRssMb(), openLoop);
      reportCpu(cpuUsed, seconds, ceilingDatabaseMsPerTx);
      if (STATEMENTS) {
        console.log('statements that cost the database the most while measuring:');
        console.table(await costliestStatements(db.url('engine')));
        console.log('tables written (since the engine started):');
        console.table(await tableWrites(db.url('engine')));
      }
      return CASES / seconds;
    } finally {
      await engine.stop();
    }
  } finally {
    await db.stop();
  }
}

/** Plain insert+update transactions, the shape of one engine command, with the engine's pool size. */
async function measureCeiling(url: string): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
  await pool.query(`CREATE TABLE state (id int PRIMARY KEY, revision int NOT NULL, doc jsonb NOT NULL);
    CREATE TABLE event (id bigserial PRIMARY KEY, state_id int NOT NULL, at timestamptz NOT NULL, doc jsonb NOT NULL);
    INSERT INTO state SELECT g, 0, '{}'::jsonb FROM generate_series(1, 10000) g;`);
  let transactions = 0;
  const deadline = performance.now() + CEILING_SECONDS * 1000;
  const doc = JSON.stringify({ activities: [{ id: 'a', elementId: 'triage', state: 'ready' }], variables: { category: 'inquiry' } });
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const id = ((client * 7919 + i) % 10000) + 1;
        const connection = await pool.connect();
        try {
          await connection.query('BEGIN');
          await connection.query('INSERT INTO event (state_id, at, doc) VALUES ($1, now(), $2)', [id, doc]);
          await connection.query('UPDATE state SET revision = revision + 1, doc = $2 WHERE id = $1', [id, doc]);
          await connection.query('COMMIT');
          transactions++;
        } finally {
          connection.release();
        }
      }
    }),
  );
  await pool.end();
  return transactions / CEILING_SECONDS;
}

/** SQL statements the engine's pool has sent so far for each kind of call, counted by the engine per route. */
async function statementsByCall(engine: EngineProcess): Promise<Map<CallName, number>> {
  const samples = parseMetrics(await (await fetch(new URL('/metrics', engine.baseUrl))).text());
  return new Map(Object.entries(ROUTES).map(([name, route]) => [name as CallName, sumOf(samples, 'tandem_db_statements_total', { route })]));
}

async function deploy(engine: EngineProcess) {
  const response = await fetch(`${engine.baseUrl}/deployments`, { method: 'POST', headers: { 'content-type': 'application/xml', ...engine.authHeaders }, body: bpmn });
  if (response.status !== 201) throw new Error(`deploy failed: ${response.status} ${await response.text()}`);
}

/** The first-line agents (one user per client) and an API key for the workers, made by the engine's admin. */
async function signInCallers(engine: EngineProcess): Promise<Callers> {
  const admin = { 'content-type': 'application/json', ...engine.authHeaders };
  await fetch(`${engine.baseUrl}/groups`, { method: 'POST', headers: admin, body: JSON.stringify({ id: 'first-line', name: 'First line', tier: 1 }) });
  const agents = [];
  for (let agent = 0; agent < CLIENTS; agent++) {
    const token = await createUser(engine, { username: `agent-${agent}`, password: 'bench-agent-password', roles: ['agent'], groups: ['first-line'] });
    agents.push({ authorization: `Bearer ${token}` });
  }
  const key = await fetch(`${engine.baseUrl}/api-keys`, { method: 'POST', headers: admin, body: JSON.stringify({ name: 'bench-workers' }) });
  return { agents, worker: { 'x-api-key': ((await key.json()) as { key: string }).key } };
}

/** `since` is when the call was due (open loop), so time spent waiting for a late timer counts against the engine. */
async function call<T>(name: CallName, url: string, credentials: Record<string, string>, init?: { method: string; body?: unknown }, since = performance.now()): Promise<T> {
  const began = since;
  const { status, text } = await send(url, init?.method ?? 'GET', credentials, init?.body);
  if (measuring) {
    const list = latencies.get(name) ?? [];
    list.push(performance.now() - began);
    latencies.set(name, list);
  }
  if (status < 200 || status >= 300) throw new Error(`${name} ${url}: ${status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Intake clients start cases (at most MAX_OPEN_CASES in flight, as a desk would have); agents work
 * the first-line queue as a tasklist does: one poll lists the open unclaimed tasks, each agent
 * picks one up (claim and start) and completes it, one at a time; workers fetch-and-lock the external tasks.
 */
async function runCases(baseUrl: string, callers: Callers, count: number) {
  let started = 0;
  let finished = 0;
  const done = () => finished >= count;
  const intake = Array.from({ length: INTAKE_CLIENTS }, async () => {
    while (started < count) {
      if (started - finished >= MAX_OPEN_CASES) {
        await sleep(2);
        continue;
      }
      started++;
      const category = started % 5 === 0 ? 'complaint' : 'inquiry';
      await call('start', `${baseUrl}/processes/bench-service-request/instances`, callers.agents[0], {
        method: 'POST',
        body: { businessKey: `customer-${started % 300}`, variables: { category, amount: started % 5000 } },
      });
    }
  });
  const queue: QueuedTask[] = [];
  const poller = pollFirstLineQueue(baseUrl, callers, done, queue);
  const agents = Array.from({ length: CLIENTS }, async (_, agent) => {
    const signedIn = callers.agents[agent];
    while (!done()) {
      const task = queue.shift();
      if (!task) {
        await sleep(2);
        continue;
      }
      await call('claim', `${baseUrl}/tasks/${task.id}/claim`, signedIn, { method: 'POST', body: { start: true } });
      await call('complete', `${baseUrl}/tasks/${task.id}/complete`, signedIn, { method: 'POST', body: { variables: { [`${task.elementId}Note`]: 'done' } } });
      if (task.elementId === 'resolve') finished++;
    }
  });
  const workers = Array.from({ length: WORKERS }, async (_, worker) => {
    const workerId = `worker-${worker}`;
    while (!done()) {
      const locked = await call<{ id: string }[]>('fetchAndLock', `${baseUrl}/external-tasks/fetch-and-lock`, callers.worker, {
        method: 'POST',
        body: { workerId, maxTasks: 10, topics: [{ name: 'crm-lookup', lockDurationMs: 30000 }] },
      });
      for (const task of locked) {
        await call('completeExternal', `${baseUrl}/external-tasks/${task.id}/complete`, callers.worker, {
          method: 'POST',
          body: { workerId, variables: { customerFound: true } },
        });
      }
      if (locked.length === 0) await sleep(5);
    }
  });
  await Promise.all([...intake, poller, ...agents, ...workers]);
}

/** One poll lists the open unclaimed first-line tasks, as a tasklist does; each new one joins `queue` once. */
async function pollFirstLineQueue(baseUrl: string, callers: Callers, done: () => boolean, queue: QueuedTask[]) {
  const handedOut = new Set<string>();
  while (!done()) {
    const open = await call<(QueuedTask & { assignee: string | null })[]>('tasks', `${baseUrl}/tasks?candidateGroup=first-line&status=open&limit=500`, callers.agents[0]);
    const fresh = open.filter((task) => task.assignee === null && !handedOut.has(task.id));
    for (const task of fresh) {
      handedOut.add(task.id);
      queue.push({ id: task.id, elementId: task.elementId });
    }
    if (fresh.length === 0) await sleep(5);
  }
}

/**
 * Open loop: a call leaves every 1000/rate ms whatever the earlier calls are doing, so a slow engine
 * meets a growing queue rather than politely slower clients. Each arrival takes the most advanced step
 * some case is ready for (complete, claim, complete an external task, fetch-and-lock), else starts a
 * case. The task poll stays a closed loop beside it: it reads, and only feeds the claims.
 */
async function runOpenLoop(baseUrl: string, callers: Callers, count: number, rate: number): Promise<OpenLoopResult> {
  const intervalMs = 1000 / rate;
  let started = 0;
  let finished = 0;
  let externalUnlocked = 0;
  let fetching = false;
  let failure: unknown;
  const done = () => finished >= count || failure !== undefined;
  const claimable: QueuedTask[] = [];
  const completable: Array<QueuedTask & { agent: Record<string, string> }> = [];
  const lockedExternal: string[] = [];
  const poller = pollFirstLineQueue(baseUrl, callers, done, claimable);
  let agentTurn = 0;
  const post = (body: unknown) => ({ method: 'POST', body });

  const arrive = (dueAt: number): Promise<unknown> | undefined => {
    const toComplete = completable.shift();
    if (toComplete) {
      return call('complete', `${baseUrl}/tasks/${toComplete.id}/complete`, toComplete.agent, post({ variables: { [`${toComplete.elementId}Note`]: 'done' } }), dueAt).then(() => {
        if (toComplete.elementId === 'resolve') finished++;
        else externalUnlocked++;
      });
    }
    const toClaim = claimable.shift();
    if (toClaim) {
      const agent = callers.agents[agentTurn++ % callers.agents.length];
      return call('claim', `${baseUrl}/tasks/${toClaim.id}/claim`, agent, post({ start: true }), dueAt).then(() => completable.push({ ...toClaim, agent }));
    }
    const external = lockedExternal.shift();
    if (external)
      return call('completeExternal', `${baseUrl}/external-tasks/${external}/complete`, callers.worker, post({ workerId: 'worker-0', variables: { customerFound: true } }), dueAt);
    if (externalUnlocked > 0 && !fetching) {
      fetching = true;
      const body = { workerId: 'worker-0', maxTasks: 10, topics: [{ name: 'crm-lookup', lockDurationMs: 30000 }] };
      return call<{ id: string }[]>('fetchAndLock', `${baseUrl}/external-tasks/fetch-and-lock`, callers.worker, post(body), dueAt)
        .then((locked) => {
          externalUnlocked -= locked.length;
          lockedExternal.push(...locked.map((task) => task.id));
        })
        .finally(() => (fetching = false));
    }
    if (started < count && started - finished < MAX_OPEN_CASES) {
      started++;
      const category = started % 5 === 0 ? 'complaint' : 'inquiry';
      const body = { businessKey: `customer-${started % 300}`, variables: { category, amount: started % 5000 } };
      return call('start', `${baseUrl}/processes/bench-service-request/instances`, callers.agents[0], post(body), dueAt);
    }
    return undefined;
  };

  const inFlight = new Set<Promise<unknown>>();
  let arrivals = 0;
  let idle = 0;
  const began = performance.now();
  for (let sequence = 0; !done(); sequence++) {
    const dueAt = began + sequence * intervalMs;
    const waitMs = dueAt - performance.now();
    if (waitMs > 0) await sleep(waitMs);
    const request = arrive(dueAt);
    if (!request) {
      idle++;
      continue;
    }
    arrivals++;
    const tracked: Promise<unknown> = request.catch((error: unknown) => (failure ??= error)).finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  }
  await Promise.all([...inFlight, poller]);
  if (failure !== undefined) throw failure;
  return { arrivals, idle };
}

function report(seconds: number, ceilingTps: number, statements: Map<CallName, number>, peakRss: number | undefined, openLoop: OpenLoopResult | undefined) {
  const percentile = (sorted: number[], p: number) => upperNearestRankQuantile(sorted, p / 100);
  let stateChanging = 0;
  const rows = [...latencies.entries()].map(([name, list]) => {
    const sorted = [...list].sort((a, b) => a - b);
    if (STATE_CHANGING.has(name)) stateChanging += list.length;
    const statementsPerCall = +((statements.get(name) ?? 0) / list.length).toFixed(2);
    return { call: name, count: list.length, p50ms: +percentile(sorted, 50).toFixed(1), p99ms: +percentile(sorted, 99).toFixed(1), statementsPerCall };
  });
  const apiTps = stateChanging / seconds;
  const load = openLoop ? `open loop at ${RATE} calls/s` : `${INTAKE_CLIENTS} intake clients, ${CLIENTS} agents, ${WORKERS} workers`;
  console.log(`\nTandem throughput: ${CASES} cases, ${load}, pool ${POOL_SIZE}, durable commits`);
  console.table(rows);
  console.log(`completed cases/s:                    ${(CASES / seconds).toFixed(1)}`);
  console.log(`state-changing API calls/s:           ${apiTps.toFixed(1)}`);
  console.log(`database ceiling (insert+update tx/s): ${ceilingTps.toFixed(1)}`);
  console.log(`ratio API calls / ceiling tx:          ${(apiTps / ceilingTps).toFixed(2)}  (aim >= 0.4)`);
  console.log(`engine peak RSS:                       ${peakRss === undefined ? 'n/a' : `${peakRss.toFixed(0)} MB`}`);
  if (openLoop) {
    console.log(`open loop: asked ${RATE} calls/s, achieved ${(openLoop.arrivals / seconds).toFixed(1)} calls/s; ${openLoop.idle} arrivals found no step ready`);
  }
}

/**
 * Where the CPU went: per state-changing call for the engine, the database and this load driver, and
 * what else ran on the machine meanwhile. On a machine the engine shares with its database, the sum
 * per call bounds the rate: 2 cores give 2,000 ms of CPU per second.
 */
function reportCpu(cpu: CpuWindow, seconds: number, ceilingDatabaseMsPerTx: number) {
  let stateChanging = 0;
  for (const [name, list] of latencies) if (STATE_CHANGING.has(name)) stateChanging += list.length;
  const perCall = (ms: number) => (ms / stateChanging).toFixed(3);
  console.log(`CPU ms per state-changing call:        engine ${perCall(cpu.byName.engine)}, database ${perCall(cpu.byName.database)}, load driver ${perCall(cpu.benchMs)}`);
  console.log(`database CPU ms per ceiling tx:        ${ceilingDatabaseMsPerTx.toFixed(3)}`);
  console.log(
    `machine while measuring:               ${(100 * cpu.machineBusy).toFixed(0)} % of all cores busy, ${(cpu.othersMs / seconds / 10).toFixed(0)} % of a core used by other processes, load average ${cpu.loadAverage.toFixed(2)}`,
  );
}

const tandemCasesPerSecond = await main();
const peer = await runBpmnEnginePeer(PEER_CASES);
console.log(`bpmn-engine in-memory cases/s:        ${peer.casesPerSecond.toFixed(1)}  (${PEER_CASES} cases, nothing persisted, npm run bench:peers)`);
const core = await runTandemCore(PEER_CASES);
console.log(
  `Tandem engine core in-memory cases/s:  ${core.casesPerSecond.toFixed(1)}  (${core.cpuMsPerCase.toFixed(3)} CPU ms per case; the same steps with no HTTP and no database)`,
);
console.log(
  `Tandem durable cases/s ÷ bpmn-engine in-memory cases/s: ${(tandemCasesPerSecond / peer.casesPerSecond).toFixed(2)}  (${RATE === undefined ? 'aim >= 1.5' : 'open loop: Tandem runs at the asked rate, not its peak'})`,
);
