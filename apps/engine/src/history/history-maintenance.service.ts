import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Clock } from '#engine';
import { HistoryPartitionRepository, IdempotencyKeyRepository, PARTITION_MONTHS_AHEAD, type RetentionResult } from '#persistence';
import { AnalyticsService } from '../analytics/analytics.service.js';
import { APP_CONFIG, type AppConfig } from '../common/config.js';
import { CLOCK } from '../common/engine-ports.js';
import { PollLoop } from '../common/poll-loop.js';

/** Months turn slowly: once an hour is often enough to make the next partitions and drop old ones. */
const MAINTENANCE_INTERVAL_MS = 60 * 60_000;

export interface MaintenanceResult extends RetentionResult {
  /** The month partitions made, by name. */
  created: string[];
  /** Idempotency keys forgotten because their replay window had passed. */
  purgedIdempotencyKeys: number;
}

/**
 * Keeps history bounded (docs/history-retention.md): makes the month partitions of the step ledger
 * and the ended cases ahead of time and, with a retention set, drops the ones older than it once
 * the analytics aggregator has folded what they hold; it also forgets expired idempotency keys.
 * Every engine process runs it; the repository serializes them with an advisory lock.
 */
@Injectable()
export class HistoryMaintenance implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly loop: PollLoop;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly partitions: HistoryPartitionRepository,
    private readonly idempotencyKeys: IdempotencyKeyRepository,
    private readonly analytics: AnalyticsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.loop = new PollLoop(() => this.maintain(), MAINTENANCE_INTERVAL_MS, new Logger(HistoryMaintenance.name), 'History maintenance');
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
    await this.running.catch(() => undefined);
  }

  /** One maintenance run (one at a time in this process). */
  maintain(): Promise<MaintenanceResult> {
    const run = this.running.catch(() => undefined).then(() => this.run());
    this.running = run;
    return run;
  }

  private async run(): Promise<MaintenanceResult> {
    const now = this.clock.now();
    const created = await this.partitions.ensureAhead(now, PARTITION_MONTHS_AHEAD);
    const purgedIdempotencyKeys = await this.idempotencyKeys.purgeExpired(now);
    if (this.config.historyRetentionMonths === undefined) return { created, purgedIdempotencyKeys, dropped: [], deletedInstances: 0 };
    // What ended is counted before its history may go; what is still queued stays for a later run.
    await this.analytics.drain();
    return { created, purgedIdempotencyKeys, ...(await this.partitions.dropExpired(now, this.config.historyRetentionMonths)) };
  }
}
