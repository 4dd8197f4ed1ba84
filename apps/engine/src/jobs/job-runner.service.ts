import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { isDomainError } from '#core';
import { ENGINE_ERRORS, type Clock, type IdGenerator } from '#engine';
import { InstanceRepository, JobRepository, PERSISTENCE_ERRORS, type ClaimedJob } from '#persistence';
import { APP_CONFIG, type AppConfig } from '../common/config.js';
import { CLOCK, ID_GENERATOR } from '../common/engine-ports.js';
import { InstanceCommands } from '../instances/instance-commands.service.js';

/** Failed attempts at firing one timer before it is parked with an incident. */
export const MAX_JOB_ATTEMPTS = 3;

/** Codes meaning the timer no longer exists in the instance: the job row is stale and goes. */
const STALE_JOB_CODES: readonly string[] = [ENGINE_ERRORS.timerNotActive, ENGINE_ERRORS.instanceNotActive];

/**
 * Polls the job table for due timers and fires them through the engine. Jobs are claimed with a
 * lease, so any number of engine processes can run this against one database: a timer fires
 * once (the instance revision guards it) and a crashed process's jobs are picked up when the
 * lease runs out.
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobRunner.name);
  private readonly owner: string;
  private timeout: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;

  constructor(
    private readonly jobs: JobRepository,
    private readonly instances: InstanceRepository,
    private readonly commands: InstanceCommands,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {
    this.owner = `${hostname()}:${process.pid}:${this.ids.next()}`;
  }

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Waits for the batch in flight, so the database is not closed under it. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timeout);
    await this.running;
  }

  /** Claims and fires due jobs until none is due; returns how many were claimed. */
  async runDueJobs(): Promise<number> {
    let claimed = 0;
    for (;;) {
      const jobs = await this.jobs.claimDue({
        owner: this.owner,
        now: this.clock.now(),
        limit: this.config.jobBatchSize,
        leaseMs: this.config.jobLeaseMs,
      });
      await Promise.all(jobs.map((job) => this.fire(job)));
      claimed += jobs.length;
      if (jobs.length < this.config.jobBatchSize || this.stopped) return claimed;
    }
  }

  private schedule(delayMs: number): void {
    this.timeout = setTimeout(() => {
      this.running = this.runDueJobs()
        .catch((error: unknown) => this.logger.error(`Job poll failed: ${describe(error)}`))
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.schedule(this.config.jobPollMs);
        });
    }, delayMs);
  }

  private async fire(job: ClaimedJob): Promise<void> {
    try {
      const instance = await this.instances.load(job.instanceId);
      if (!instance) return await this.jobs.discard(job.id, this.owner);
      // The commit removes the job row with the timer, in the same statement.
      await this.commands.execute(instance, { type: 'fireTimer', timerId: job.id });
    } catch (error) {
      await this.handleFailure(job, error);
    }
  }

  private async handleFailure(job: ClaimedJob, error: unknown): Promise<void> {
    if (isDomainError(error) && STALE_JOB_CODES.includes(error.code)) return this.jobs.discard(job.id, this.owner);
    // Another command changed the instance first: the next poll tries again on the new state.
    if (isDomainError(error) && error.code === PERSISTENCE_ERRORS.revisionConflict) return this.jobs.release(job.id, this.owner);
    const attempts = job.attempts + 1;
    const now = this.clock.now();
    const retryAt = attempts >= MAX_JOB_ATTEMPTS ? null : new Date(now.getTime() + backoffMs(attempts));
    this.logger.warn(`Timer ${job.id} of instance ${job.instanceId} failed (attempt ${attempts}): ${describe(error)}`);
    await this.jobs.recordFailure({
      id: job.id,
      owner: this.owner,
      error: describe(error),
      retryAt,
      now,
      incidentId: this.ids.next(),
    });
  }
}

/** 10 s, 20 s, 40 s, ... between attempts. */
const backoffMs = (attempts: number): number => 10_000 * 2 ** (attempts - 1);

const describe = (error: unknown): string =>
  isDomainError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
