import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { OperationsGaugesRepository } from '#persistence';
import { currentRoute } from './request-context.js';

/** Up to a few seconds: a command is a load, a compute and one statement. */
const COMMAND_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
/** From on time to a day late (an engine that was down). */
const LAG_BUCKETS = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 3600, 86_400];

/**
 * The engine's Prometheus metrics, in a registry of its own per app (tests run several apps in one
 * process). Counters and histograms are fed where the work happens; gauges are read at each scrape.
 */
@Injectable()
export class EngineMetrics {
  readonly registry = new Registry();

  private readonly casesStarted = new Counter({
    name: 'tandem_cases_started_total',
    help: 'Cases (instances) started, per process key and experiment arm ("none" outside experiments)',
    labelNames: ['process_key', 'arm'],
    registers: [this.registry],
  });

  private readonly casesEnded = new Counter({
    name: 'tandem_cases_ended_total',
    help: 'Cases that ended, per process key and how (completed, terminated, canceled)',
    labelNames: ['process_key', 'status'],
    registers: [this.registry],
  });

  private readonly commands = new Histogram({
    name: 'tandem_command_duration_seconds',
    help: 'State-changing commands on instances (start, complete a task, fire a timer, ...): load, compute and commit, per command and outcome',
    labelNames: ['command', 'outcome'],
    buckets: COMMAND_BUCKETS,
    registers: [this.registry],
  });

  private readonly jobLag = new Histogram({
    name: 'tandem_job_lag_seconds',
    help: 'How late a job fired after it was due, per job type',
    labelNames: ['type'],
    buckets: LAG_BUCKETS,
    registers: [this.registry],
  });

  private readonly statements = new Counter({
    name: 'tandem_db_statements_total',
    help: 'SQL statements (round trips) sent through the database pool, per route of the request that sent them ("background" for jobs and listeners)',
    labelNames: ['route'],
    registers: [this.registry],
  });

  constructor(gauges: OperationsGaugesRepository) {
    collectDefaultMetrics({ register: this.registry, prefix: 'tandem_process_' });
    gauges.countStatements(() => this.statements.inc({ route: currentRoute() }));
    new Gauge({
      name: 'tandem_open_tasks',
      help: 'Open user tasks per candidate group',
      labelNames: ['group'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const { group, count } of await gauges.openTasksByGroup()) this.set({ group }, count);
      },
    });
    new Gauge({
      name: 'tandem_open_incidents',
      help: 'Incidents not yet resolved',
      registers: [this.registry],
      async collect() {
        this.set(await gauges.openIncidents());
      },
    });
    new Gauge({
      name: 'tandem_db_pool_connections',
      help: 'Database pool connections: total open, idle, and requests waiting for one',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const pool = gauges.poolUse();
        this.set({ state: 'total' }, pool.total);
        this.set({ state: 'idle' }, pool.idle);
        this.set({ state: 'waiting' }, pool.waiting);
      },
    });
  }

  /** Times a command; the outcome label is `ok` or the domain error code it failed with. */
  async timeCommand<T>(command: string, run: () => Promise<T>): Promise<T> {
    const end = this.commands.startTimer({ command });
    try {
      const result = await run();
      end({ outcome: 'ok' });
      return result;
    } catch (error) {
      end({ outcome: codeOf(error) });
      throw error;
    }
  }

  caseStarted(processKey: string, arm = 'none'): void {
    this.casesStarted.inc({ process_key: processKey, arm });
  }

  caseEnded(processKey: string, status: string): void {
    this.casesEnded.inc({ process_key: processKey, status });
  }

  jobFired(type: string, lagSeconds: number): void {
    this.jobLag.observe({ type }, Math.max(0, lagSeconds));
  }
}

const codeOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'error';
