import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { deployXml, ENGINE_ADMIN, sleep, startEngineProcess, type EngineProcess } from '../../bench/support/engine-process.js';
import { eventually } from '../e2e/support/test-app.js';
import { duplicateStepEvents, withDatabase } from './support/database-checks.js';
import { postgresProcesses, signalPostgres } from './support/postgres-processes.js';

/** Short bounds, so a fault shows within seconds: a request waits at most connect + 2 x query (a statement, then the rollback). */
const TIMEOUTS = {
  TANDEM_DB_CONNECT_TIMEOUT_MS: '2000',
  TANDEM_DB_STATEMENT_TIMEOUT_MS: '3000',
  TANDEM_DB_QUERY_TIMEOUT_MS: '4000',
  TANDEM_DB_LOCK_TIMEOUT_MS: '2000',
  TANDEM_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '10000',
};
const REQUEST_BUDGET_MS = 2_000 + 2 * 4_000;
/** Generous: two cores shared with other test runs. A request past budget + slack counts as hung. */
const SLACK_MS = 5_000;
/** Health answers within about 2 s whatever the database does (its probe has 1.5 s). */
const HEALTH_DEADLINE_MS = 2_500;
const WORKER = 'faults-worker';

interface Answer {
  status: number;
  elapsedMs: number;
  retryAfter: string | null;
  body: unknown;
  path: string;
}

/** One call with a deadline; a call that misses it answers status 0 (hung), a refused socket -1. */
const call = async (engine: EngineProcess, path: string, options: { body?: unknown; token?: string | null; deadlineMs?: number } = {}): Promise<Answer> => {
  const auth = options.token === null ? {} : options.token === undefined ? engine.authHeaders : { authorization: `Bearer ${options.token}` };
  const startedAt = Date.now();
  try {
    const response = await fetch(`${engine.baseUrl}${path}`, {
      method: options.body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
      signal: AbortSignal.timeout(options.deadlineMs ?? REQUEST_BUDGET_MS + SLACK_MS),
    });
    const text = await response.text();
    return { status: response.status, elapsedMs: Date.now() - startedAt, retryAfter: response.headers.get('retry-after'), body: text ? JSON.parse(text) : undefined, path };
  } catch (error) {
    return { status: (error as Error).name === 'TimeoutError' ? 0 : -1, elapsedMs: Date.now() - startedAt, retryAfter: null, body: String(error), path };
  }
};

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const health = (engine: EngineProcess) => call(engine, '/health', { token: null, deadlineMs: HEALTH_DEADLINE_MS });
const logIn = (engine: EngineProcess) => call(engine, '/auth/login', { token: null, body: ENGINE_ADMIN });

/**
 * A small load while a fault lasts: starts of cases and completes of their external tasks, each
 * call with its deadline. Keeps every answer, and the ids of the cases whose start answered 201.
 */
class Load {
  readonly answers: Answer[] = [];
  readonly acknowledged: string[] = [];
  private running = true;
  private readonly clients: Promise<void>[];
  private started = 0;

  constructor(
    private readonly engine: EngineProcess,
    private readonly tag: string,
    clients = 3,
  ) {
    this.clients = Array.from({ length: clients }, () => this.client());
  }

  async stop(): Promise<Answer[]> {
    this.running = false;
    await Promise.all(this.clients);
    return this.answers;
  }

  private async client(): Promise<void> {
    while (this.running) {
      const started = await this.record(call(this.engine, '/processes/lookup-then-wait/instances', { body: { businessKey: `${this.tag}-${this.started++}` } }));
      if (started.status === 201) this.acknowledged.push((started.body as { id: string }).id);
      const locked = await this.record(
        call(this.engine, '/external-tasks/fetch-and-lock', { body: { workerId: WORKER, maxTasks: 2, topics: [{ name: 'crm-lookup', lockDurationMs: 3_000 }] } }),
      );
      for (const task of locked.status === 200 ? (locked.body as Array<{ id: string }>) : []) {
        await this.record(call(this.engine, `/external-tasks/${task.id}/complete`, { body: { workerId: WORKER, variables: { found: true } } }));
      }
      // a refused or failing engine is not hammered
      if (started.status !== 201) await sleep(100);
    }
  }

  private async record(pending: Promise<Answer>): Promise<Answer> {
    const answer = await pending;
    this.answers.push(answer);
    return answer;
  }
}

/**
 * Answers that are neither a success nor 503 DATABASE_UNAVAILABLE with Retry-After: 500s, hangs,
 * anything else. A 409 on a complete is honest too: a complete cut by the fault may have committed
 * when the server thawed, after its task's lock had run out and another client had fetched it.
 */
const dishonest = (answers: Answer[]): Answer[] =>
  answers.filter(
    (answer) =>
      !(answer.status >= 200 && answer.status < 300) &&
      !(answer.status === 409 && answer.path.endsWith('/complete')) &&
      !(answer.status === 503 && answer.retryAfter !== null && (answer.body as { code?: string })?.code === 'DATABASE_UNAVAILABLE'),
  );

/** Health as soon as it answers `status`, or as it last answered when `withinMs` ran out. */
const healthWithin = (engine: EngineProcess, status: number, withinMs: number): Promise<Answer> =>
  eventually(
    () => health(engine),
    (answer) => answer.status === status,
    withinMs,
  );

/** Incidents: an outage must not raise any (a timer it cut is tried again, at no cost of an attempt). */
const openIncidents = (databaseUrl: string): Promise<number> =>
  withDatabase(databaseUrl, async (client) => Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM incident')).rows[0]!.n));

/** Completes every external task left (locks of answers lost in the fault expire after 3 s) until the acknowledged cases have all ended. */
const drain = async (engine: EngineProcess, databaseUrl: string, acknowledged: string[]): Promise<Record<string, number>> =>
  eventually(
    async () => {
      const locked = await call(engine, '/external-tasks/fetch-and-lock', { body: { workerId: WORKER, maxTasks: 20, topics: [{ name: 'crm-lookup', lockDurationMs: 3_000 }] } });
      for (const task of locked.status === 200 ? (locked.body as Array<{ id: string }>) : []) {
        await call(engine, `/external-tasks/${task.id}/complete`, { body: { workerId: WORKER, variables: { found: true } } });
      }
      return withDatabase(databaseUrl, async (client) => {
        const { rows } = await client.query<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM instance WHERE id = ANY($1::uuid[]) GROUP BY status`, [acknowledged]);
        return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
      });
    },
    (statuses) => statuses.completed === acknowledged.length,
    40_000,
  );

/**
 * A real engine with its own embedded PostgreSQL, under the faults a data centre has: the server
 * frozen, stopped, killed, and every connection busy. No answer is a 500 or hangs past its
 * budget, health tells the truth within 2 s, and every acknowledged case is there exactly once.
 */
describe('an engine whose database fails under it', () => {
  let engine: EngineProcess;
  let databaseUrl: string;
  let dataDir: string;

  beforeAll(async () => {
    // One attempt per job: a timer whose firing an outage cut must not be parked with an incident for it.
    engine = await startEngineProcess({ env: { ...TIMEOUTS, TANDEM_DB_POOL_SIZE: '4', TANDEM_JOB_POLL_MS: '200', TANDEM_JOB_RETRIES: '1', TANDEM_PG_RESTART_DELAY_MS: '4000' } });
    databaseUrl = engine.embeddedDatabaseUrl!;
    dataDir = engine.embeddedDataDir!;
    const xml = await readFile(join(dirname(fileURLToPath(import.meta.url)), 'fixtures/lookup-then-wait.bpmn'), 'utf8');
    await deployXml(engine, xml);
  }, 90_000);

  afterAll(async () => {
    if (dataDir !== undefined) signalPostgres(dataDir, 'SIGCONT');
    await engine?.stop();
    engine?.removeEmbeddedData();
  });

  it('answers 503 with Retry-After within budget while PostgreSQL is frozen for 10 s, says so within 2 s, and loses nothing', async () => {
    // given a small load of starts and completes
    const load = new Load(engine, 'frozen');
    await sleep(1_000);
    // when every PostgreSQL process is frozen for 10 s
    const frozenAt = Date.now();
    signalPostgres(dataDir, 'SIGSTOP');
    let downWithin2s: Answer;
    try {
      // then health says down at once (its answer resolved before its 2.5 s deadline)
      downWithin2s = await health(engine);
      await sleep(Math.max(0, 10_000 - (Date.now() - frozenAt)));
    } finally {
      signalPostgres(dataDir, 'SIGCONT');
    }
    expect(downWithin2s).toEqual(expect.objectContaining({ status: 503, retryAfter: '5' }));
    // and up again by itself after the thaw
    expect((await healthWithin(engine, 200, 20_000)).status).toBe(200);
    const answers = await load.stop();
    // and no call got a 500 or hung past its budget: each was a success or 503 + Retry-After
    expect(dishonest(answers)).toEqual([]);
    expect(answers.filter((answer) => answer.status === 503).length).toBeGreaterThan(0);
    // and every acknowledged case is there, runs to its end, and no step happened twice
    expect(await drain(engine, databaseUrl, load.acknowledged)).toEqual({ completed: load.acknowledged.length });
    expect(await duplicateStepEvents(databaseUrl)).toBe(0);
    expect(await openIncidents(databaseUrl)).toBe(0);
  }, 90_000);

  it('answers 503 with Retry-After, log-in included, while PostgreSQL is stopped, and works again once the engine has restarted it', async () => {
    // given a working engine
    expect((await health(engine)).status).toBe(200);
    // when PostgreSQL stops (fast shutdown)
    signalPostgres(dataDir, 'SIGINT');
    // then health says down within 2 s, and log-in and a start answer 503 with Retry-After
    expect(await healthWithin(engine, 503, 2_000)).toEqual(expect.objectContaining({ status: 503, retryAfter: '5' }));
    const refused = [await logIn(engine), await call(engine, '/processes/lookup-then-wait/instances', { body: { businessKey: 'stopped' } }), await call(engine, '/instances')];
    expect(refused.map(({ status, retryAfter }) => ({ status, retryAfter }))).toEqual([
      { status: 503, retryAfter: '5' },
      { status: 503, retryAfter: '5' },
      { status: 503, retryAfter: '5' },
    ]);
    // and the engine restarts PostgreSQL by itself: health, log-in and starts work again, on the same engine
    expect((await healthWithin(engine, 200, 30_000)).status).toBe(200);
    expect((await logIn(engine)).status).toBe(200);
    expect((await call(engine, '/processes/lookup-then-wait/instances', { body: { businessKey: 'after-stop' } })).status).toBe(201);

    // when the postmaster is killed outright (kill -9)
    const killed = postgresProcesses(dataDir).postmaster;
    signalPostgres(dataDir, 'SIGKILL');
    // then health says down, and the engine starts a new postmaster and works again
    expect((await healthWithin(engine, 503, 2_000)).status).toBe(503);
    expect((await healthWithin(engine, 200, 40_000)).status).toBe(200);
    expect(postgresProcesses(dataDir).postmaster).not.toBe(killed);
    expect((await call(engine, '/processes/lookup-then-wait/instances', { body: { businessKey: 'after-kill' } })).status).toBe(201);
  }, 90_000);

  it('says down within 2 s while PostgreSQL refuses new connections in a smart shutdown, answers no call with 500, and recovers', async () => {
    // given a small load on a working engine
    const load = new Load(engine, 'smart');
    await sleep(500);
    // when PostgreSQL begins a smart shutdown (the sessions it has go on; new connections are refused)
    signalPostgres(dataDir, 'SIGTERM');
    // then health says down within 2 s, though the pool's old connections still work
    expect((await healthWithin(engine, 503, 2_000)).status).toBe(503);
    await sleep(2_000);
    // and when the shutdown is made fast and the engine has restarted the server, health is up again
    signalPostgres(dataDir, 'SIGINT');
    expect((await healthWithin(engine, 200, 30_000)).status).toBe(200);
    const answers = await load.stop();
    // and no call got a 500 or hung: each was a success or 503 + Retry-After
    expect(dishonest(answers)).toEqual([]);
    expect(await drain(engine, databaseUrl, load.acknowledged)).toEqual({ completed: load.acknowledged.length });
    expect(await duplicateStepEvents(databaseUrl)).toBe(0);
    expect(await openIncidents(databaseUrl)).toBe(0);
  }, 90_000);

  it('answers 503 within budget while every pooled connection waits on a lock held from outside, says so, and recovers', async () => {
    // given a session outside the engine holding the instance table locked
    const outside = new pg.Client({ connectionString: databaseUrl });
    await outside.connect();
    let answers: Answer[];
    let whileLocked: Answer;
    try {
      await outside.query('BEGIN');
      await outside.query('LOCK TABLE instance IN ACCESS EXCLUSIVE MODE');
      // when more starts arrive than the pool has connections (4)
      const starts = Array.from({ length: 12 }, (_, n) => call(engine, '/processes/lookup-then-wait/instances', { body: { businessKey: `locked-${n}` } }));
      await sleep(300);
      whileLocked = await health(engine);
      answers = await Promise.all(starts);
    } finally {
      await outside.query('ROLLBACK').catch(() => undefined);
      await outside.end();
    }
    // then each answered within its budget with 503 and Retry-After, none with 500
    expect(dishonest(answers)).toEqual([]);
    expect(answers.every((answer) => answer.status === 503)).toBe(true);
    // and health said so while the pool was stuck, without hanging
    expect(whileLocked).toEqual(expect.objectContaining({ status: 503 }));
    // and once the lock is gone, the engine works again
    expect((await healthWithin(engine, 200, 10_000)).status).toBe(200);
    expect((await call(engine, '/processes/lookup-then-wait/instances', { body: { businessKey: 'after-lock' } })).status).toBe(201);
  }, 60_000);

  it('takes its PostgreSQL down with it when stopped, after all those restarts', async () => {
    // given the postmaster the engine started last
    const { postmaster } = postgresProcesses(dataDir);
    expect(postmaster).not.toBeNull();
    // when the engine is stopped (SIGTERM)
    await engine.stop();
    // then that postmaster is gone too, not restarted behind the engine's back
    const alive = await eventually(
      async () => isRunning(postmaster!),
      (running) => !running,
      10_000,
    );
    expect(alive).toBe(false);
  }, 30_000);
});
