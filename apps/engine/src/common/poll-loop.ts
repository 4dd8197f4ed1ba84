import type { Logger } from '@nestjs/common';
import { isDatabaseUnavailable } from './database-unavailable.js';

/**
 * Runs `poll` now and then again `intervalMs` after each run ends, until stopped; a failed run is
 * logged and the loop goes on. Used by the workers every engine process runs against the shared
 * database (job runner, call-activity reconciler): rows are claimed with SKIP LOCKED and a lease,
 * so the loops of several processes never do the same work twice. While the database is out of
 * reach the loop says so once and once more when it answers again, not once per run.
 */
export class PollLoop {
  private timeout: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;
  private databaseUnavailable = false;

  constructor(
    private readonly poll: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
    private readonly what: string,
  ) {}

  get isStopped(): boolean {
    return this.stopped;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Waits for the run in flight, so the database is not closed under it. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timeout);
    await this.running;
  }

  private schedule(delayMs: number): void {
    this.timeout = setTimeout(() => {
      this.running = this.poll()
        .then(
          () => this.succeeded(),
          (error: unknown) => this.failed(error),
        )
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.schedule(this.intervalMs);
        });
    }, delayMs);
  }

  private succeeded(): void {
    if (!this.databaseUnavailable) return;
    this.databaseUnavailable = false;
    this.logger.log(`${this.what} resumed: the database answers again`);
  }

  private failed(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (!isDatabaseUnavailable(error)) return void this.logger.error(`${this.what} failed: ${message}`);
    if (this.databaseUnavailable) return;
    this.databaseUnavailable = true;
    this.logger.warn(`${this.what} paused: the database is unavailable (${message}); trying again every ${this.intervalMs} ms`);
  }
}

/**
 * Claims batches and handles them until a batch comes back short (nothing more is due) or the
 * loop stops; answers how many were claimed.
 */
export async function drainBatches<T>(claim: () => Promise<T[]>, handle: (batch: T[]) => Promise<unknown>, batchSize: number, stopped: () => boolean): Promise<number> {
  let claimed = 0;
  for (;;) {
    const batch = await claim();
    await handle(batch);
    claimed += batch.length;
    if (batch.length < batchSize || stopped()) return claimed;
  }
}
