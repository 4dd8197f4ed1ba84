import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { isDomainError } from '#core';
import { ENGINE_ERRORS, nextTick, type Clock, type IdGenerator } from '#engine';
import { InstanceRepository, JOB_ERRORS, JobRepository, PERSISTENCE_ERRORS, type ClaimedJob, type SlaBreachJob, type StartTimerJob, type TimerJob } from '#persistence';
import { APP_CONFIG, type AppConfig } from '../common/config.js';
import { isDatabaseUnavailable } from '../common/database-unavailable.js';
import { CLOCK, ID_GENERATOR } from '../common/engine-ports.js';
import { drainBatches, PollLoop } from '../common/poll-loop.js';
import { ProcessVersionCache } from '../definitions/process-version-cache.js';
import { InstanceCommands } from '../instances/instance-commands.service.js';
import { EngineMetrics } from '../observability/engine-metrics.js';
import { nextAttemptAt } from './job-backoff.js';

/** Codes meaning the job has nothing left to do: the timer is gone from its instance, or the job from this process. */
const STALE_JOB_CODES: readonly string[] = [ENGINE_ERRORS.timerNotActive, ENGINE_ERRORS.instanceNotActive, JOB_ERRORS.jobNotHeld];

/**
 * Codes meaning "not now", which cost no attempt: another command changed the instance first (the
 * next poll tries on the new state), or the instance was suspended after the claim (suspending
 * removes its jobs; resuming schedules them again).
 */
const LATER_CODES: readonly string[] = [PERSISTENCE_ERRORS.revisionConflict, ENGINE_ERRORS.instanceSuspended];

/**
 * Polls the job table for due jobs and fires them: an instance's timer through the engine, a timer
 * start event by starting an instance. Jobs are claimed with a lease, so any number of engine
 * processes can run this against one database: a job fires once (the instance revision, or the
 * job row deleted in the start's transaction, guards it) and a crashed process's jobs are picked
 * up when the lease runs out. A failing job is retried with exponential back-off and, when its
 * attempts run out, parked with an incident.
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobRunner.name);
  private readonly owner: string;
  private readonly loop: PollLoop;

  constructor(
    private readonly jobs: JobRepository,
    private readonly instances: InstanceRepository,
    private readonly versions: ProcessVersionCache,
    private readonly commands: InstanceCommands,
    private readonly metrics: EngineMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {
    this.owner = `${hostname()}:${process.pid}:${this.ids.next()}`;
    this.loop = new PollLoop(() => this.runDueJobs(), config.jobPollMs, this.logger, 'Job poll');
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }

  /** Claims and fires due jobs until none is due; returns how many were claimed. */
  runDueJobs(): Promise<number> {
    return drainBatches(
      () => this.jobs.claimDue({ owner: this.owner, now: this.clock.now(), limit: this.config.jobBatchSize, leaseMs: this.config.jobLeaseMs }),
      (jobs) => Promise.all(jobs.map((job) => this.fire(job))),
      this.config.jobBatchSize,
      () => this.loop.isStopped,
    );
  }

  private async fire(job: ClaimedJob): Promise<void> {
    this.metrics.jobFired(job.type, (this.clock.now().getTime() - job.dueAt.getTime()) / 1000);
    try {
      if (job.type === 'timer') await this.fireTimer(job);
      else if (job.type === 'slaBreach') await this.breachTaskClock(job);
      else await this.startInstance(job);
    } catch (error) {
      await this.handleFailure(job, error);
    }
  }

  private async fireTimer(job: TimerJob): Promise<void> {
    const instance = await this.instances.load(job.instanceId);
    if (!instance) return this.jobs.discard(job.id, this.owner);
    // The commit removes the job row with the timer, in the same statement.
    await this.commands.execute(instance, { type: 'fireTimer', timerId: job.id });
  }

  /** A task's due or follow-up date passed: the commit records the breach and removes the job with the clock. */
  private async breachTaskClock(job: SlaBreachJob): Promise<void> {
    const instance = await this.instances.load(job.instanceId);
    if (!instance) return this.jobs.discard(job.id, this.owner);
    await this.commands.execute(instance, { type: 'breachTaskClock', activityInstanceId: job.activityInstanceId, clockId: job.id });
  }

  /** Starts an instance at the timer start event; its commit replaces the job by the cycle's next occurrence. */
  private async startInstance(job: StartTimerJob): Promise<void> {
    const version = await this.versions.get(job.processVersionId);
    const next = nextTick({ elementId: job.elementId, dueAt: job.dueAt.toISOString(), ...(job.repeat && { repeat: job.repeat }) });
    await this.commands.start(version, { startEventId: job.elementId }, { startTimer: { id: job.id, owner: this.owner, next: next && { id: this.ids.next(), ...next } } });
  }

  private async handleFailure(job: ClaimedJob, error: unknown): Promise<void> {
    if (isDomainError(error) && STALE_JOB_CODES.includes(error.code)) return this.jobs.discard(job.id, this.owner);
    if (isDomainError(error) && LATER_CODES.includes(error.code)) return this.jobs.release(job.id, this.owner);
    // An outage is not the job's fault: it costs no attempt (else a long one would park every due timer with an incident).
    // With the database still away the release fails too, and the lease running out frees the job all the same.
    if (isDatabaseUnavailable(error)) return this.jobs.release(job.id, this.owner).catch(() => undefined);
    const failures = job.attempts + 1;
    const now = this.clock.now();
    const retryAt = nextAttemptAt({ failures, maxAttempts: job.maxAttempts ?? this.config.jobRetries, backoffMs: this.config.jobRetryBackoffMs }, now);
    const subject = job.type === 'timerStart' ? `Start timer ${job.id} of ${job.elementId}` : `Timer ${job.id} of instance ${job.instanceId}`;
    this.logger.warn(`${subject} failed (attempt ${failures}${retryAt ? '' : ', incident raised'}): ${describe(error)}`);
    await this.jobs.recordFailure({ id: job.id, owner: this.owner, error: describe(error), retryAt, now, incidentId: this.ids.next() });
  }
}

const describe = (error: unknown): string => (isDomainError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error));
