import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Clock } from '#engine';
import { CallActivityRepository } from '#persistence';
import { APP_CONFIG, type AppConfig } from '../common/config.js';
import { CLOCK } from '../common/engine-ports.js';
import { drainBatches, PollLoop } from '../common/poll-loop.js';
import { CallActivityFollowUps } from './call-activity-follow-ups.service.js';

/**
 * Does the call-activity work that is still owed a lease after the commit that owed it: the engine
 * process that committed died before doing it (or failed and recorded the failure). Polls like the
 * job runner; rows are claimed with SKIP LOCKED and a lease, so any number of engine processes can
 * run it, and every follow-up is idempotent (one child per call activity instance, commands
 * guarded by the instance revision).
 */
@Injectable()
export class CallActivityReconciler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly loop: PollLoop;

  constructor(
    private readonly calls: CallActivityRepository,
    private readonly followUps: CallActivityFollowUps,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.loop = new PollLoop(() => this.runDue(), config.jobPollMs, new Logger(CallActivityReconciler.name), 'Call activity follow-up poll');
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }

  /** Claims and performs owed follow-ups until none is due; returns how many were claimed. */
  runDue(): Promise<number> {
    return drainBatches(
      () => this.calls.claimFollowUps({ now: this.clock.now(), graceMs: this.config.jobLeaseMs, limit: this.config.jobBatchSize }),
      async (records) => {
        for (const record of records) await this.followUps.perform(record);
      },
      this.config.jobBatchSize,
      () => this.loop.isStopped,
    );
  }
}
