/**
 * Tasklist query benchmark (issue 4, "How we will know"): the queue query with 100,000 open tasks
 * across 20 groups (aim: p99 under 50 ms).
 *
 * The tasks are inserted in bulk by SQL (the point is the query, not the engine); the process they
 * belong to is deployed through the API, and the agents and groups are created through it too.
 * Then the query the API runs is timed twice: at the repository (`TaskRepository.list`, page and
 * count) for several users, filters and sorts, and over HTTP (`GET /api/tasks`) for one agent.
 * `EXPLAIN ANALYZE` of the main statements shows which indexes they use.
 *
 *   npm run bench:tasklist     # BENCH_TASKS (default 100000), BENCH_CLOSED (default a fifth of it), BENCH_ROUNDS (default 300),
 *                              # BENCH_ONLY=tabs: only the tasklist page's tab counts and list
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Pool, QueryConfig } from 'pg';
import { nearestRankQuantile } from '#core';
import { openDataSource, TaskRepository, type TaskCountFilter, type TaskFilter } from '#persistence';
import { startBenchDatabase } from '../support/bench-database.js';
import { startEngineProcess, type EngineProcess } from '../support/engine-process.js';

const TASKS = Number(process.env.BENCH_TASKS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
/** Closed tasks, older than the open ones: a desk's table grows by these. */
const CLOSED = Number(process.env.BENCH_CLOSED ?? TASKS / 5);
const TABS_ONLY = process.env.BENCH_ONLY === 'tabs';
const GROUPS = Array.from({ length: 20 }, (_, index) => `group-${String(index + 1).padStart(2, '0')}`);
const PASSWORD = 'bench-agent-password';

/** The agents whose lists are timed: how many groups each is in decides how much of the table their queue covers. */
const AGENTS = [
  { username: 'agent-one-group', groups: ['group-01'] },
  { username: 'agent-three-groups', groups: ['group-02', 'group-07', 'group-13'] },
  { username: 'agent-ten-groups', groups: GROUPS.slice(0, 10) },
];

const QUEUE_MODEL = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0"
  id="definitions" targetNamespace="https://tandem.dev/bench">
  <bpmn:process id="bench-queue" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="work" name="Work the request" tandem:candidateGroups="group-01"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

interface Timing {
  name: string;
  matching: number;
  samples: number[];
}

async function main() {
  const db = await startBenchDatabase(['tasklist']);
  const url = db.url('tasklist');
  let engine: EngineProcess | undefined;
  try {
    engine = await startEngineProcess({ databaseUrl: url, env: { TANDEM_JOB_POLL_MS: '60000' } });
    const processVersionId = await deploy(engine);
    await createAgents(engine);
    const seeded = performance.now();
    await seed(url, processVersionId);
    console.log(
      `\nSeeded ${TASKS.toLocaleString('en')} open tasks (and ${CLOSED.toLocaleString('en')} closed ones) across ${GROUPS.length} groups in ${Math.round(performance.now() - seeded)} ms`,
    );

    const dataSource = await openDataSource({ url, poolSize: 4 });
    try {
      const repository = new TaskRepository(dataSource);
      const captured = captureStatements(dataSource);
      if (!TABS_ONLY) {
        const timings: Timing[] = [];
        for (const [name, filter] of repositoryCases()) {
          timings.push(await time(name, async () => ({ total: (await repository.list(filter)).total ?? 0 })));
        }
        report(`Repository: TaskRepository.list (page of 50 + total count), ${ROUNDS} rounds each`, timings);

        const httpTimings = await timeHttp(engine);
        report(`HTTP: GET /api/tasks as agent-three-groups, ${ROUNDS} rounds each (includes auth, escalatable, JSON)`, httpTimings);
      }

      const tabTimings = await timeTabCounts(engine);
      report(`HTTP: the tasklist's tab counts and list as agent-ten-groups (issue 20: p99 < 50 ms), ${ROUNDS} rounds each`, tabTimings);

      if (!TABS_ONLY) await explain(url, repository, captured);
      await explainCounts(url, repository, captured);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await engine?.stop();
    await db.stop();
  }
}

/** Cases: the views and filters an agent's tasklist asks for. */
function repositoryCases(): Array<[string, TaskFilter]> {
  const page = { status: 'open' as const, limit: 50, offset: 0 };
  const [one, three, ten] = AGENTS.map(({ username, groups }) => ({ username, groups }));
  const soon = new Date(Date.UTC(2026, 0, 5, 12));
  return [
    ['queue, 1 group, priority then due', { ...page, view: 'queue', candidate: one }],
    ['queue, 3 groups, priority then due', { ...page, view: 'queue', candidate: three }],
    ['queue, 10 groups, priority then due', { ...page, view: 'queue', candidate: ten }],
    ['queue, 3 groups, sort due', { ...page, view: 'queue', candidate: three, sort: 'due' }],
    ['queue, 3 groups, created desc', { ...page, view: 'queue', candidate: three, sort: 'created', order: 'desc' }],
    ['queue, 3 groups, priority >= 90', { ...page, view: 'queue', candidate: three, priority: 90 }],
    ['queue, 3 groups, complaint + diagnosis', { ...page, view: 'queue', candidate: three, category: 'complaint', stage: 'diagnosis' }],
    ['queue, 3 groups, due before noon', { ...page, view: 'queue', candidate: three, dueBefore: soon }],
    ['queue, 3 groups, breached', { ...page, view: 'queue', candidate: three, breached: true }],
    ['queue, 3 groups, page 10', { ...page, view: 'queue', candidate: three, offset: 450 }],
    ['mine (agent-007)', { ...page, view: 'mine', candidate: { username: 'agent-007', groups: ['group-03'] } }],
    ['all, 3 groups', { ...page, view: 'all', candidate: three }],
    ['admin, all tasks', { ...page }],
    ['admin, group-05', { ...page, candidateGroup: 'group-05' }],
  ];
}

async function time(name: string, run: () => Promise<{ total: number }>): Promise<Timing> {
  let matching = 0;
  for (let warmup = 0; warmup < 20; warmup++) matching = (await run()).total;
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const began = performance.now();
    await run();
    samples.push(performance.now() - began);
  }
  return { name, matching, samples };
}

async function timeHttp(engine: EngineProcess): Promise<Timing[]> {
  const token = await logIn(engine, 'agent-three-groups');
  const headers = { authorization: `Bearer ${token}` };
  const cases: Array<[string, string]> = [
    ['GET /api/tasks?view=queue', 'view=queue'],
    ['GET /api/tasks?view=queue&sort=due', 'view=queue&sort=due'],
    ['GET /api/tasks?view=queue&category=complaint&priority=70', 'view=queue&category=complaint&priority=70'],
    ['GET /api/tasks?view=all', 'view=all'],
  ];
  const timings: Timing[] = [];
  for (const [name, query] of cases) {
    timings.push(
      await time(name, async () => {
        const response = await fetch(`${engine.baseUrl}/tasks?${query}`, { headers });
        if (!response.ok) throw new Error(`${name}: ${response.status} ${await response.text()}`);
        await response.json();
        return { total: Number(response.headers.get('x-total-count')) };
      }),
    );
  }
  return timings;
}

/**
 * What the tasklist page asks on every refresh for an agent in 10 groups: a count per tab (My
 * tasks, My groups, each group), all at once as the page sends them, and the list of the open tab.
 */
async function timeTabCounts(engine: EngineProcess): Promise<Timing[]> {
  const [, , ten] = AGENTS;
  const token = await logIn(engine, ten.username);
  const headers = { authorization: `Bearer ${token}` };
  const tabs: Array<[string, string]> = [
    ['My tasks', 'view=mine'],
    ['My groups', 'view=queue'],
    ...ten.groups.map((group): [string, string] => [group, `view=queue&group=${group}`]),
  ];
  const get = async (path: string) => {
    const response = await fetch(`${engine.baseUrl}/${path}`, { headers });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response;
  };
  // Before issue 20 the page counted a tab with one row of its list, the exact total in its header.
  const exact = async (query: string) => {
    const response = await get(`tasks?${query}&limit=1`);
    await response.json();
    return { total: Number(response.headers.get('x-total-count')) };
  };
  // Now: GET /api/tasks/count, which stops at 51 ({ count: 50, more: true }).
  const capped = async (query: string) => ({ total: ((await (await get(`tasks/count?${query}`)).json()) as { count: number }).count });
  const timings: Timing[] = [];
  for (const [how, count] of [
    ['exact (list, X-Total-Count)', exact],
    ['capped (GET /api/tasks/count)', capped],
  ] as const) {
    for (const [name, query] of tabs.slice(0, 3)) timings.push(await time(`${how}: ${name}`, () => count(query)));
    timings.push(
      await time(`${how}: all ${tabs.length} tabs at once`, async () => {
        const totals = await Promise.all(tabs.map(([, query]) => count(query)));
        return { total: totals.reduce((sum, { total }) => sum + total, 0) };
      }),
    );
  }
  for (const [name, query] of [
    ['list: GET /api/tasks?view=queue (page of 50 + exact total)', 'view=queue'],
    ['list: ...&total=false (as the tasklist asks now)', 'view=queue&total=false'],
    ['list: ...&total=false&limit=100&sort=due (the page, exactly)', 'view=queue&total=false&limit=100&sort=due&order=asc'],
  ]) {
    timings.push(
      await time(name, async () => {
        const response = await get(`tasks?${query}`);
        const rows = (await response.json()) as unknown[];
        return { total: Number(response.headers.get('x-total-count') ?? rows.length) };
      }),
    );
  }
  return timings;
}

/** Runs the repository's statements once more under EXPLAIN ANALYZE, to see the plans (and the indexes) they get. */
async function explain(url: string, repository: TaskRepository, captured: QueryConfig[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const [, three] = AGENTS;
    const shown: Array<[string, TaskFilter]> = [
      ['queue, 3 groups, priority then due', { status: 'open', limit: 50, offset: 0, view: 'queue', candidate: three }],
      ['queue, 3 groups, sort due', { status: 'open', limit: 50, offset: 0, view: 'queue', candidate: three, sort: 'due' }],
      ['mine (agent-007)', { status: 'open', limit: 50, offset: 0, view: 'mine', candidate: { username: 'agent-007', groups: ['group-03'] } }],
    ];
    for (const [name, filter] of shown) {
      captured.length = 0;
      await repository.list(filter);
      for (const statement of [...captured]) {
        const plan = await client.query({ text: `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, values: statement.values });
        console.log(`\nEXPLAIN ANALYZE — ${name}: ${statement.text.includes('count(*)') ? 'count' : 'page'}`);
        console.log(plan.rows.map((row: Record<string, string>) => `  ${row['QUERY PLAN']}`).join('\n'));
      }
    }
  } finally {
    await client.end();
  }
}

/** The capped counts of the tabs of the agent in 10 groups, under EXPLAIN ANALYZE: how far each reads. */
async function explainCounts(url: string, repository: TaskRepository, captured: QueryConfig[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const [, , ten] = AGENTS;
    const shown: Array<[string, TaskCountFilter]> = [
      ['My groups', { status: 'open', view: 'queue', candidate: ten }],
      ['group-01', { status: 'open', view: 'queue', candidate: ten, candidateGroup: 'group-01' }],
    ];
    for (const [name, filter] of shown) {
      captured.length = 0;
      await repository.countUpTo(filter, 50);
      const [statement] = captured;
      const plan = await client.query({ text: `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, values: statement.values });
      console.log(`\nEXPLAIN ANALYZE — capped count, ${name}`);
      console.log(plan.rows.map((row: Record<string, string>) => `  ${row['QUERY PLAN']}`).join('\n'));
    }
  } finally {
    await client.end();
  }
}

/** Keeps every statement the repository sends to the pool, to explain them afterwards. */
function captureStatements(dataSource: Awaited<ReturnType<typeof openDataSource>>): QueryConfig[] {
  const captured: QueryConfig[] = [];
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const query = pool.query.bind(pool) as (config: QueryConfig) => Promise<unknown>;
  (pool as unknown as { query: (config: QueryConfig) => Promise<unknown> }).query = (config: QueryConfig) => {
    if (typeof config === 'object') captured.push(config);
    if (captured.length > 100) captured.shift();
    return query(config);
  };
  return captured;
}

function report(title: string, timings: Timing[]) {
  console.log(`\n${title}`);
  console.table(
    timings.map(({ name, matching, samples }) => {
      const sorted = [...samples].sort((a, b) => a - b);
      return {
        case: name,
        matching,
        'p50 ms': round(nearestRankQuantile(sorted, 0.5)),
        'p95 ms': round(nearestRankQuantile(sorted, 0.95)),
        'p99 ms': round(nearestRankQuantile(sorted, 0.99)),
        'max ms': round(sorted[sorted.length - 1]),
      };
    }),
  );
}

const round = (ms: number) => Math.round(ms * 100) / 100;

async function deploy(engine: EngineProcess): Promise<string> {
  const response = await fetch(`${engine.baseUrl}/deployments`, {
    method: 'POST',
    headers: { ...engine.authHeaders, 'content-type': 'application/xml' },
    body: QUEUE_MODEL,
  });
  if (response.status !== 201) throw new Error(`deploy failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { processVersions: Array<{ id: string }> };
  return body.processVersions[0].id;
}

async function createAgents(engine: EngineProcess) {
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${engine.baseUrl}${path}`, {
      method: 'POST',
      headers: { ...engine.authHeaders, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw new Error(`POST ${path} failed: ${response.status} ${await response.text()}`);
  };
  for (const id of GROUPS) await post('/groups', { id, name: id });
  for (const { username, groups } of AGENTS) await post('/users', { username, password: PASSWORD, roles: ['agent'], groups });
}

async function logIn(engine: EngineProcess, username: string): Promise<string> {
  const response = await fetch(`${engine.baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`log-in of ${username} failed: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/**
 * One instance per task. Each open task is offered to one group (every tenth to two), one in ten
 * is claimed by one of 200 agents, one in twenty is breached; priorities, categories, stages and
 * due dates are spread by a hash of the task number, so every run gets the same table.
 */
async function seed(url: string, processVersionId: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const total = TASKS + CLOSED;
    const hash = (salt: string) => `abs(hashtext('${salt}' || n))`;
    await client.query(
      `INSERT INTO instance (id, process_version_id, process_key, business_key, status, state, revision, started_at)
       SELECT md5('i' || n)::uuid, $1, 'bench-queue', 'case-' || n, CASE WHEN n <= $2 THEN 'active' ELSE 'completed' END,
              '{}'::jsonb, 1, timestamptz '2026-01-05 08:00:00Z' - n * interval '3 seconds'
       FROM generate_series(1, $3) AS n`,
      [processVersionId, TASKS, total],
    );
    await client.query(
      `INSERT INTO task (id, instance_id, process_key, element_id, name, candidate_groups, candidate_users, assignee, state, priority,
                         category, stage, value_class, due_at, breached_at, status, created_at, claimed_at, completed_at)
       SELECT md5('t' || n)::uuid, md5('i' || n)::uuid, 'bench-queue', 'work', 'Work the request',
              CASE WHEN n % 10 = 0 THEN ARRAY[g1, g2] ELSE ARRAY[g1] END, '{}'::text[],
              CASE WHEN n % 10 = 3 THEN 'agent-' || lpad((${hash('a')} % 200)::text, 3, '0') END,
              CASE WHEN n > $1 THEN 'started' WHEN n % 10 = 3 THEN 'claimed' ELSE 'ready' END,
              (ARRAY[50, 60, 70, 80, 90, 100])[1 + ${hash('p')} % 6],
              (ARRAY['inquiry', 'transactional', 'complaint'])[1 + ${hash('c')} % 3],
              (ARRAY['inquiry', 'diagnosis', 'solution', 'follow-up'])[1 + ${hash('s')} % 4], 'VA',
              due, CASE WHEN n % 20 = 7 THEN due END,
              CASE WHEN n <= $1 THEN 'open' ELSE 'completed' END, created, created + interval '1 minute',
              CASE WHEN n > $1 THEN created + interval '10 minutes' END
       FROM (SELECT n, 'group-' || lpad((1 + ${hash('g')} % 20)::text, 2, '0') AS g1,
                    'group-' || lpad((1 + ${hash('h')} % 20)::text, 2, '0') AS g2,
                    timestamptz '2026-01-05 08:00:00Z' - n * interval '3 seconds' AS created,
                    timestamptz '2026-01-05 08:00:00Z' + (${hash('d')} % 2880) * interval '1 minute' AS due
             FROM generate_series(1, $2) AS n) AS spread
       -- Oldest first, as a table fills: the closed tasks (the oldest) lie before the open ones.
       ORDER BY n DESC`,
      [TASKS, total],
    );
    // As autovacuum leaves a table at rest: statistics, and the visibility map index-only scans rely on.
    await client.query('VACUUM ANALYZE instance');
    await client.query('VACUUM ANALYZE task');
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
