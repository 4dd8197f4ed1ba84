import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Clock } from '#engine';
import { CallActivityRepository } from '#persistence';
import { APP_CONFIG, type AppConfig } from '../common/config.js';
import { CLOCK } from '../common/engine-ports.js';
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
  private readonly logger = new Logger(CallActivityReconciler.name);
  private timeout: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;

  constructor(
    private readonly calls: CallActivityRepository,
    private readonly followUps: CallActivityFollowUps,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

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

  /** Claims and performs owed follow-ups until none is due; returns how many were claimed. */
  async runDue(): Promise<number> {
    let claimed = 0;
    for (;;) {
      const records = await this.calls.claimFollowUps({ now: this.clock.now(), graceMs: this.config.jobLeaseMs, limit: this.config.jobBatchSize });
      for (const record of records) await this.followUps.perform(record);
      claimed += records.length;
      if (records.length < this.config.jobBatchSize || this.stopped) return claimed;
    }
  }

  private schedule(delayMs: number): void {
    this.timeout = setTimeout(() => {
      this.running = this.runDue()
        .catch((error: unknown) => this.logger.error(`Call activity follow-up poll failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.schedule(this.config.jobPollMs);
        });
    }, delayMs);
  }
}
