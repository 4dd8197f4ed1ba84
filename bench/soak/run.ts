/**
 * Soak bench (issue 9.5): a steady rate of customer-service cases (the reference to-be model in
 * processes/) against two engine replicas on one PostgreSQL, driven by the simulator's load driver
 * (bench/support/load-driver.ts: Poisson arrivals at the offered rate, the team's agents claiming
 * and completing the user tasks, workers fetch-and-locking and completing the external tasks), every
 * request going to the replicas in turn. Prints throughput, p50/p99 latency per operation, errors, each replica's memory
 * (start, end and linear trend) and the job lag from /metrics.
 *
 *   npm run bench:soak                         # 10 minutes at 5 cases/s
 *   npm run bench:soak -- --minutes 1 --rate 3
 *   DATABASE_URL=postgres://... npm run bench:soak   # an existing database instead of an embedded one
 *   BENCH_ENGINE_NODE_ARGS="--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=/tmp/heap" npm run bench:soak
 *
 * The model's 3-day follow-up wait is shortened (--follow-up-seconds, default 30) so that cases
 * end within the run and the job runner fires timers all along.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { upperNearestRankQuantile } from '#core';
import { createUser, projectRoot, sleep, type EngineProcess } from '../support/engine-process.js';
import { LoadDriver, type LoadResult, type Operation } from '../support/load-driver.js';
import { histogramQuantile, parseMetrics, sumOf, type MetricSample } from '../support/prometheus-text.js';
import { startReplicas } from '../support/replicas.js';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    rate: { type: 'string', default: '5' },
    'follow-up-seconds': { type: 'string', default: '30' },
    'sample-seconds': { type: 'string', default: '10' },
  },
});
const MINUTES = Number(args.minutes);
const RATE = Number(args.rate);
const FOLLOW_UP_SECONDS = Number(args['follow-up-seconds']);
const SAMPLE_SECONDS = Number(args['sample-seconds']);
for (const [name, value] of Object.entries({ minutes: MINUTES, rate: RATE, 'follow-up-seconds': FOLLOW_UP_SECONDS, 'sample-seconds': SAMPLE_SECONDS })) {
  if (!(value > 0)) throw new Error(`--${name} must be a positive number`);
}

/** Starts allowed to wait for their answer at once; past it a start is skipped (and counted): the rate is not being held. */
const MAX_STARTS_IN_FLIGHT = 50;
const AGENTS: Record<Group, number> = { 'first-line': 6, 'second-line': 2, experts: 1 };
const WORKERS = 3;
const TOPICS = ['crm-sync', 'send-survey', 'send-reminder'];
const PROCESS_KEY = 'customer-service';

type Group = 'first-line' | 'second-line' | 'experts';
type Credentials = Record<string, string>;

interface MemorySample {
  minute: number;
  rssMb: number;
  heapMb: number;
}

async function main() {
  console.log(`Soak: ${MINUTES} min at ${RATE} cases/s against 2 replicas (follow-up wait ${FOLLOW_UP_SECONDS} s)`);
  const replicas = await startReplicas({
    count: 2,
    ...(process.env.DATABASE_URL && { databaseUrl: process.env.DATABASE_URL }),
    env: { TANDEM_JOB_POLL_MS: '250' },
    // e.g. "--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=/tmp/heap" to look into memory growth
    nodeArgs: (process.env.BENCH_ENGINE_NODE_ARGS ?? '').split(' ').filter(Boolean),
  });
  console.log(`engine pids: ${replicas.engines.map((engine) => engine.child.pid).join(', ')}`);
  try {
    const engines = replicas.engines;
    const callers = await setUp(engines[0]!);
    const memory = engines.map((): MemorySample[] => []);
    const began = performance.now();
    const deadline = began + MINUTES * 60_000;
    const running = () => performance.now() < deadline;
    const sampler = (async () => {
      while (running()) {
        const minute = (performance.now() - began) / 60_000;
        await Promise.all(
          engines.map(async (engine, n) => {
            const samples = await scrape(engine).catch(() => undefined);
            if (samples)
              memory[n]!.push({
                minute,
                rssMb: mb(sumOf(samples, 'tandem_process_process_resident_memory_bytes')),
                heapMb: mb(sumOf(samples, 'tandem_process_nodejs_heap_size_used_bytes')),
              });
          }),
        );
        await sleep(Math.min(SAMPLE_SECONDS * 1000, Math.max(0, deadline - performance.now())));
      }
    })();
    const driver = new LoadDriver({
      engines,
      processKey: PROCESS_KEY,
      // The simulator's parameters at real time: Poisson arrivals at the offered rate, the team as pools, work done at once.
      parameters: {
        seed: 20261123,
        start: new Date().toISOString(),
        horizon: { days: 1 },
        arrivals: { perDay: RATE * 86_400, customers: 2000 },
        pools: (Object.entries(AGENTS) as Array<[Group, number]>).map(([id, size]) => ({ id, size })),
      },
      timeScale: 1,
      agents: callers.agents,
      starter: callers.agents['first-line'][0]!,
      worker: { credentials: callers.worker, topics: TOPICS, count: WORKERS },
      answers,
      maxStartsInFlight: MAX_STARTS_IN_FLIGHT,
    });
    const [result] = await Promise.all([driver.run(MINUTES * 60_000), sampler]);
    const final = await Promise.all(engines.map((engine) => scrape(engine)));
    report(result, engines, memory, final);
  } finally {
    await replicas.stop();
  }
}

/** Groups, agents (one user each), an API key for the workers, and the to-be model with its follow-up wait shortened. */
async function setUp(engine: EngineProcess): Promise<{ agents: Record<Group, Credentials[]>; worker: Credentials }> {
  const admin = { 'content-type': 'application/json', ...engine.authHeaders };
  const xml = readFileSync(join(projectRoot(), 'processes/customer-service/to-be.bpmn'), 'utf8').replace(
    /(<bpmn:intermediateCatchEvent id="Timer_Wait3Days"[\s\S]*?<bpmn:timeDuration[^>]*>)P3D</,
    `$1PT${FOLLOW_UP_SECONDS}S<`,
  );
  if (!xml.includes(`PT${FOLLOW_UP_SECONDS}S<`)) throw new Error('the to-be model no longer has Timer_Wait3Days with P3D: adjust the soak bench');
  const deployed = await fetch(`${engine.baseUrl}/deployments`, { method: 'POST', headers: { ...admin, 'content-type': 'application/xml' }, body: xml });
  if (deployed.status !== 201) throw new Error(`deploy failed: ${deployed.status} ${await deployed.text()}`);
  const agents = {} as Record<Group, Credentials[]>;
  for (const [group, count] of Object.entries(AGENTS) as Array<[Group, number]>) {
    await fetch(`${engine.baseUrl}/groups`, { method: 'POST', headers: admin, body: JSON.stringify({ id: group, name: group, tier: 1 }) });
    agents[group] = [];
    for (let n = 0; n < count; n++) {
      const token = await createUser(engine, { username: `soak-${group}-${n}`, password: 'soak-agent-password', roles: ['agent'], groups: [group] });
      agents[group].push({ authorization: `Bearer ${token}` });
    }
  }
  const key = await fetch(`${engine.baseUrl}/api-keys`, { method: 'POST', headers: admin, body: JSON.stringify({ name: 'soak-workers' }) });
  return { agents, worker: { 'x-api-key': ((await key.json()) as { key: string }).key } };
}

/** What an agent enters in each step's form: a mix that sends some cases to the second line, the experts, approval and personal follow-up. */
function answers(elementId: string, n: number): Record<string, unknown> {
  switch (elementId) {
    case 'Task_LogRequest': {
      const category = ['inquiry', 'inquiry', 'inquiry', 'inquiry', 'inquiry', 'transactional', 'transactional', 'transactional', 'complaint', 'complaint'][n % 10]!;
      return { category, customerTier: n % 4 === 0 ? 'gold' : 'standard', amount: category === 'inquiry' ? 0 : n % 7 === 0 ? 5000 : 250, requestSummary: 'soak' };
    }
    case 'Task_FirstLineDiagnosis':
      return n % 5 === 0 ? { resolvedByFirstLine: false, escalationReason: 'needs the second line' } : { resolvedByFirstLine: true, kbArticle: 'KB-1' };
    case 'Task_SecondLineDiagnosis':
      return { needsExpert: n % 4 === 0, diagnosisNote: 'soak' };
    case 'Task_ExpertAnalysis':
      return { expertFinding: 'soak' };
    case 'Task_DeliverSolution':
      return { solutionSummary: 'soak' };
    case 'Task_PersonalFollowUp':
      return { csat: 80, npsScore: 9 };
    default:
      return {};
  }
}

const scrape = async (engine: EngineProcess): Promise<MetricSample[]> => {
  const response = await fetch(`${new URL(engine.baseUrl).origin}/metrics`);
  return parseMetrics(await response.text());
};

const mb = (bytes: number) => bytes / 1024 / 1024;

/** Least-squares slope of y over x. */
const slope = (points: Array<{ x: number; y: number }>): number => {
  const n = points.length;
  if (n < 2) return NaN;
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / n;
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / n;
  const covariance = points.reduce((sum, point) => sum + (point.x - meanX) * (point.y - meanY), 0);
  const variance = points.reduce((sum, point) => sum + (point.x - meanX) ** 2, 0);
  return covariance / variance;
};

function report({ seconds, latencies, errors, skippedStarts, keepAliveResets }: LoadResult, engines: EngineProcess[], memory: MemorySample[][], final: MetricSample[][]) {
  const percentile = (sorted: number[], p: number) => upperNearestRankQuantile(sorted, p / 100);
  const errorsOf = (operation: Operation) => [...errors.entries()].filter(([key]) => key.startsWith(`${operation} `)).reduce((sum, [, count]) => sum + count, 0);
  const operations: Operation[] = ['start', 'listTasks', 'claim', 'complete', 'fetchAndLock', 'completeExternal'];
  console.log(`\nTandem soak: ${(seconds / 60).toFixed(1)} min, ${RATE} cases/s offered, 2 replicas, requests alternating`);
  console.table(
    operations.map((operation) => {
      const sorted = [...(latencies.get(operation) ?? [])].sort((a, b) => a - b);
      return {
        operation: operation === 'fetchAndLock' ? 'fetchAndLock (long poll <= 1 s)' : operation,
        count: sorted.length,
        perSecond: +(sorted.length / seconds).toFixed(1),
        p50ms: +percentile(sorted, 50).toFixed(1),
        p99ms: +percentile(sorted, 99).toFixed(1),
        errors: errorsOf(operation),
      };
    }),
  );
  const total = operations.reduce((sum, operation) => sum + (latencies.get(operation)?.length ?? 0), 0);
  const errorCount = [...errors.values()].reduce((sum, count) => sum + count, 0);
  const started = final.reduce((sum, samples) => sum + sumOf(samples, 'tandem_cases_started_total', { process_key: PROCESS_KEY }), 0);
  const ended = final.reduce((sum, samples) => sum + sumOf(samples, 'tandem_cases_ended_total', { process_key: PROCESS_KEY }), 0);
  console.log(`requests:            ${total} (${(total / seconds).toFixed(1)}/s)`);
  console.log(`cases started:       ${started} (${(started / seconds).toFixed(2)}/s; starts skipped for > ${MAX_STARTS_IN_FLIGHT} in flight: ${skippedStarts})`);
  console.log(`cases ended:         ${ended} (${(ended / seconds).toFixed(2)}/s)`);
  console.log(`errors:              ${errorCount}${errorCount > 0 ? ` ${JSON.stringify(Object.fromEntries(errors))}` : ''}`);
  console.log(`keep-alive resets:   ${keepAliveResets} (a reused idle socket closed by the engine before it read the request; sent again)`);
  console.log('\nmemory per replica (from /metrics every ' + SAMPLE_SECONDS + ' s):');
  console.table(
    engines.map((engine, n) => {
      const samples = memory[n]!;
      // The first minute is warm-up (JIT, caches, pool); trends are read after it when the run is long enough.
      const steady = MINUTES >= 3 ? samples.filter((sample) => sample.minute >= 1) : samples;
      return {
        replica: new URL(engine.baseUrl).host,
        rssStartMb: round(samples[0]?.rssMb),
        rssEndMb: round(samples.at(-1)?.rssMb),
        rssTrendMbPerMin: round(slope(steady.map((sample) => ({ x: sample.minute, y: sample.rssMb }))), 2),
        heapStartMb: round(samples[0]?.heapMb),
        heapEndMb: round(samples.at(-1)?.heapMb),
        heapTrendMbPerMin: round(slope(steady.map((sample) => ({ x: sample.minute, y: sample.heapMb }))), 2),
        heapFloorTrendMbPerMin: round(slope(floors(steady)), 2),
        majorGcs: sumOf(final[n]!, 'tandem_process_nodejs_gc_duration_seconds_count', { kind: 'major' }),
        peakRssMb: round(engine.peakRssMb()),
      };
    }),
  );
  console.log(
    `trend: least-squares slope${MINUTES >= 3 ? ' after the first minute' : ''}. Heap used counts garbage until a major GC collects it;` +
      " the floor trend is the slope of each minute's lowest sample, closer to what stays.",
  );
  console.log('\njobs per replica (timers, SLA clocks):');
  console.table(
    engines.map((engine, n) => {
      const jobs = final[n]!;
      const fired = sumOf(jobs, 'tandem_job_lag_seconds_count');
      return {
        replica: new URL(engine.baseUrl).host,
        jobsFired: fired,
        jobLagMeanS: fired === 0 ? NaN : round(sumOf(jobs, 'tandem_job_lag_seconds_sum') / fired, 3),
        jobLagP99AtMostS: histogramQuantile(jobs, 'tandem_job_lag_seconds', 0.99) ?? NaN,
      };
    }),
  );
  console.log('job lag: how late a job fired after it was due (tandem_job_lag_seconds); the p99 is the upper bound of its histogram bucket');
}

const round = (value: number | undefined, digits = 0): number => (value === undefined ? NaN : +value.toFixed(digits));

/** Each minute's lowest heap sample, at that minute: the troughs after collections. */
const floors = (samples: MemorySample[]): Array<{ x: number; y: number }> => {
  const byMinute = new Map<number, number>();
  for (const sample of samples) {
    const minute = Math.floor(sample.minute);
    byMinute.set(minute, Math.min(byMinute.get(minute) ?? Infinity, sample.heapMb));
  }
  return [...byMinute.entries()].map(([minute, heapMb]) => ({ x: minute, y: heapMb }));
};

await main();
