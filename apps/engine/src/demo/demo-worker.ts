import { Logger, type INestApplication } from '@nestjs/common';
import { PollLoop } from '../common/poll-loop.js';
import { ExternalTasksService } from '../external-tasks/external-tasks.service.js';

/** The service tasks of the reference processes: CRM sync, reminders and surveys. */
const TOPICS = ['crm-sync', 'send-reminder', 'send-survey'];
const WORKER_ID = 'demo-worker';
const POLL_MS = 2_000;

/**
 * `npm run demo`'s stand-in for the systems behind the reference processes' service tasks: it
 * completes every CRM sync, reminder and survey task at once, so live cases move on to the next
 * person's tasklist as they would with the real integrations running.
 */
export class DemoWorker {
  private readonly loop: PollLoop;

  constructor(private readonly app: INestApplication) {
    this.loop = new PollLoop(() => this.drain(), POLL_MS, new Logger(DemoWorker.name), 'demo worker');
  }

  /** Completes the service tasks waiting now; answers how many. */
  async drain(): Promise<number> {
    const externalTasks = this.app.get(ExternalTasksService, { strict: false });
    let done = 0;
    for (;;) {
      const locked = await externalTasks.fetchAndLock({ workerId: WORKER_ID, maxTasks: 50, topics: TOPICS.map((name) => ({ name, lockDurationMs: 60_000 })) });
      for (const { id } of locked) await externalTasks.complete(id, { workerId: WORKER_ID });
      done += locked.length;
      if (locked.length < 50) return done;
    }
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }
}
