/**
 * The simulator's workload against running engines over HTTP (issue 8 point 5): the same
 * `SimulationParameters` that drive a simulated run drive real engines here. Cases arrive as the
 * parameters' non-homogeneous Poisson process (virtual time runs `timeScale` times faster than the
 * wall clock), with start variables drawn from their specs; virtual agents, one per pool member,
 * take tasks from their pool's groups, work them for a sampled duration (scaled) and complete them
 * or, with the parameters' probability, escalate them; workers fetch-and-lock the external tasks and
 * complete them after their sampled duration. Requests go to the engines in turn, as a round-robin
 * load balancer sends them. Latencies and failures are recorded per operation.
 */
import { performance } from 'node:perf_hooks';
import { ArrivalProcess, drawVariables, randomStreams, sample, type SimulationParameters } from '#simulation';
import { sleep, type EngineProcess } from './engine-process.js';
import { send } from './http-client.js';

export type Operation = 'start' | 'listTasks' | 'claim' | 'complete' | 'escalate' | 'fetchAndLock' | 'completeExternal';
export type Credentials = Record<string, string>;

export interface LoadDriverOptions {
  engines: readonly EngineProcess[];
  processKey: string;
  parameters: SimulationParameters;
  /** virtual milliseconds per real millisecond (e.g. 60: a virtual hour in a real minute) */
  timeScale: number;
  /** pool id -> the credentials of its agents (one per agent; the pool's size is their number) */
  agents: Readonly<Record<string, readonly Credentials[]>>;
  /** who starts cases (an agent or an API key) */
  starter: Credentials;
  /** External workers (`count` of them, 3 by default) long-polling these topics. */
  worker?: { credentials: Credentials; topics: readonly string[]; count?: number };
  /** What an agent enters when completing a task (the form's answers that steer the gateways); `sequence` counts completions. */
  answers?: (elementId: string, sequence: number) => Record<string, unknown>;
  /** Starts allowed in flight at once; past it an arrival is skipped and counted (the rate is not held). */
  maxStartsInFlight?: number;
}

export interface LoadResult {
  seconds: number;
  started: number;
  skippedStarts: number;
  /** Requests sent again because a reused keep-alive socket was closed by the engine before it read them. */
  keepAliveResets: number;
  latencies: Map<Operation, number[]>;
  errors: Map<string, number>;
}

interface OpenTask {
  id: string;
  elementId: string;
  assignee: string | null;
}

export class LoadDriver {
  private readonly latencies = new Map<Operation, number[]>();
  private readonly errors = new Map<string, number>();
  private readonly random;
  private turn = 0;
  private started = 0;
  private skippedStarts = 0;
  private keepAliveResets = 0;
  private completions = 0;

  constructor(private readonly options: LoadDriverOptions) {
    this.random = randomStreams(options.parameters.seed);
  }

  /** Drives the engines for `realMs` milliseconds of wall-clock time, then lets the calls in flight finish. */
  async run(realMs: number): Promise<LoadResult> {
    const began = performance.now();
    const deadline = began + realMs;
    const running = () => performance.now() < deadline;
    const pools = this.options.parameters.pools;
    await Promise.all([
      this.intake(began, running),
      ...pools.map((pool) => this.workPool(pool.groups ?? [pool.id], this.options.agents[pool.id] ?? [], running)),
      ...(this.options.worker ? Array.from({ length: this.options.worker.count ?? 3 }, (_, n) => this.workExternal(`load-worker-${n}`, running)) : []),
    ]);
    return {
      seconds: (performance.now() - began) / 1000,
      started: this.started,
      skippedStarts: this.skippedStarts,
      keepAliveResets: this.keepAliveResets,
      latencies: this.latencies,
      errors: this.errors,
    };
  }

  private nextEngine(): EngineProcess {
    return this.options.engines[this.turn++ % this.options.engines.length]!;
  }

  /** Arrivals in virtual time from the parameters' start, each sent when its real instant comes. */
  private async intake(began: number, running: () => boolean): Promise<void> {
    const { parameters, timeScale } = this.options;
    const arrivals = new ArrivalProcess(parameters.arrivals, this.random.arrivals);
    const virtualStart = Date.parse(parameters.start);
    const pending = new Set<Promise<unknown>>();
    let at = virtualStart;
    for (;;) {
      const next = arrivals.next(at, Number.MAX_SAFE_INTEGER);
      if (next === undefined) break;
      at = next;
      const realAt = began + (at - virtualStart) / timeScale;
      await sleep(Math.max(0, realAt - performance.now()));
      if (!running()) break;
      if (pending.size >= (this.options.maxStartsInFlight ?? 50)) {
        this.skippedStarts++;
        continue;
      }
      const variables = drawVariables(parameters.variables ?? {}, this.random.variables);
      const customers = parameters.arrivals.customers;
      const businessKey = customers ? `customer-${Math.floor(this.random.arrivals.next() * customers)}` : undefined;
      const call = this.call('start', `${this.nextEngine().baseUrl}/processes/${this.options.processKey}/instances`, this.options.starter, {
        variables,
        ...(businessKey && { businessKey }),
      });
      this.started++;
      pending.add(call);
      void call.finally(() => pending.delete(call));
    }
    await Promise.all(pending);
  }

  /** A pool's agents: one watches the groups' queue, each agent takes the next task, works it and completes or escalates it. */
  private async workPool(groups: readonly string[], agents: readonly Credentials[], running: () => boolean): Promise<void> {
    if (agents.length === 0) return;
    const queue: OpenTask[] = [];
    const handedOut = new Set<string>();
    const watcher = (async () => {
      while (running()) {
        let fresh = 0;
        for (const group of groups) {
          const open = await this.call<OpenTask[]>('listTasks', `${this.nextEngine().baseUrl}/tasks?candidateGroup=${encodeURIComponent(group)}&status=open&limit=200`, agents[0]!);
          for (const task of open ?? []) {
            if (task.assignee !== null || handedOut.has(task.id)) continue;
            handedOut.add(task.id);
            queue.push(task);
            fresh++;
          }
        }
        await sleep(fresh === 0 ? 200 : 20);
      }
    })();
    const { durations = {}, escalations = {} } = this.options.parameters;
    const workers = agents.map(async (agent) => {
      while (running()) {
        const task = queue.shift();
        if (!task) {
          await sleep(20);
          continue;
        }
        const claimed = await this.call('claim', `${this.nextEngine().baseUrl}/tasks/${task.id}/claim`, agent, { start: true });
        if (claimed === undefined) continue;
        const minutes = durations[task.elementId] ? sample(durations[task.elementId]!, this.random.durations) : 0;
        await sleep((minutes * 60_000) / this.options.timeScale);
        if (this.random.escalations.next() < (escalations[task.elementId] ?? 0)) {
          await this.call('escalate', `${this.nextEngine().baseUrl}/tasks/${task.id}/escalate`, agent, { reasonCode: 'needs-expertise', comment: 'load driver' });
        } else {
          await this.call('complete', `${this.nextEngine().baseUrl}/tasks/${task.id}/complete`, agent, {
            variables: this.options.answers?.(task.elementId, this.completions++) ?? {},
          });
        }
      }
    });
    await Promise.all([watcher, ...workers]);
  }

  /** An external worker: long-polls every topic, works each task for its sampled duration and completes it. */
  private async workExternal(workerId: string, running: () => boolean): Promise<void> {
    const { credentials, topics } = this.options.worker!;
    const durations = this.options.parameters.durations ?? {};
    while (running()) {
      const locked = await this.call<Array<{ id: string; elementId: string }>>('fetchAndLock', `${this.nextEngine().baseUrl}/external-tasks/fetch-and-lock`, credentials, {
        workerId,
        maxTasks: 10,
        asyncResponseTimeoutMs: 1000,
        topics: topics.map((name) => ({ name, lockDurationMs: 60_000 })),
      });
      if (locked === undefined) await sleep(100);
      for (const task of locked ?? []) {
        const minutes = durations[task.elementId] ? sample(durations[task.elementId]!, this.random.durations) : 0;
        await sleep((minutes * 60_000) / this.options.timeScale);
        await this.call('completeExternal', `${this.nextEngine().baseUrl}/external-tasks/${task.id}/complete`, credentials, { workerId, variables: {} });
      }
    }
  }

  /** A POST (with a body) or GET; records the latency, counts a failure and answers undefined instead of throwing. */
  private async call<T = unknown>(operation: Operation, url: string, credentials: Credentials, body?: unknown): Promise<T | undefined> {
    const began = performance.now();
    for (let attempt = 1; ; attempt++) {
      try {
        const { status, text } = await send(url, body === undefined ? 'GET' : 'POST', credentials, body);
        const list = this.latencies.get(operation) ?? [];
        list.push(performance.now() - began);
        this.latencies.set(operation, list);
        if (status >= 200 && status < 300) return (text ? JSON.parse(text) : undefined) as T;
        this.fail(operation, url, `${status} ${codeOf(text)}`);
      } catch (error) {
        const { code, reusedSocket, message } = error as NodeJS.ErrnoException & { reusedSocket?: boolean };
        // A kept-alive socket the server closed as idle: Node's documented case for sending once more.
        if (code === 'ECONNRESET' && reusedSocket && attempt === 1) {
          this.keepAliveResets++;
          continue;
        }
        this.fail(operation, url, message);
      }
      return undefined;
    }
  }

  private fail(operation: Operation, url: string, why: string): void {
    const key = `${operation} ${new URL(url).host} ${why}`;
    this.errors.set(key, (this.errors.get(key) ?? 0) + 1);
  }
}

const codeOf = (text: string): string => {
  try {
    return String((JSON.parse(text) as { code?: unknown }).code ?? '');
  } catch {
    return '';
  }
};
