import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Effect } from '#engine';
import { ExternalTaskListener, type AnnouncedTopics, type ExternalTaskListening } from '#persistence';
import type { AfterCommit } from '../instances/instance-commands.service.js';

/**
 * Interest in some topics, registered before the worker's fetch so that an announcement between
 * the fetch and the wait is not lost: the next wait then returns at once.
 */
export class TopicWatch {
  private announced = false;
  private wake: (() => void) | undefined;
  private isEnded = false;

  constructor(
    readonly topics: ReadonlySet<string>,
    private readonly onClose: (watch: TopicWatch) => void,
  ) {}

  /** True once the app is closing or the worker has gone: answer now, fetch nothing more. */
  get ended(): boolean {
    return this.isEnded;
  }

  /** Resolves when one of the topics is announced (or was, since the last wait), the time is up, or the watch ends. */
  next(timeoutMs: number): Promise<void> {
    if (this.announced || this.isEnded) {
      this.announced = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timeout = setTimeout(() => this.wake?.(), timeoutMs);
      this.wake = () => {
        clearTimeout(timeout);
        this.wake = undefined;
        this.announced = false;
        resolve();
      };
    });
  }

  announce(): void {
    this.announced = true;
    this.wake?.();
  }

  end(): void {
    this.isEnded = true;
    this.wake?.();
  }

  close(): void {
    this.onClose(this);
    this.end();
  }
}

/**
 * Tells waiting (long-polling) workers that tasks of their topics may be fetchable: at once for
 * this process's own commits, and through PostgreSQL LISTEN/NOTIFY for every engine process's
 * (a trigger announces each new external task after its commit). Waiting costs the database
 * nothing: a worker fetches again only when its topic is announced, or when its wait is over.
 */
@Injectable()
export class ExternalTaskAvailability implements AfterCommit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ExternalTaskAvailability.name);
  private readonly watches = new Set<TopicWatch>();
  private listening: ExternalTaskListening | undefined;
  private closing = false;

  constructor(private readonly listener: ExternalTaskListener) {}

  /** This process's own new tasks wake their topics' workers at once, without waiting for the notification. */
  async afterCommit(_outcome: unknown, effects: Effect[]): Promise<void> {
    this.wake(createdTopics(effects));
  }

  async onApplicationBootstrap(): Promise<void> {
    this.listening = await this.listener.listen(
      (topics) => this.wake(topics),
      (error) => this.logger.warn(`Listening for new external tasks lost (${error.message}); reconnecting`),
    );
  }

  /** Pending long polls answer now, so the HTTP server can close without waiting for them. */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    for (const watch of this.watches) watch.end();
    await this.listening?.close();
  }

  /** How many long polls are waiting right now. */
  get waiting(): number {
    return this.watches.size;
  }

  /** Watches topics until closed; ends when the app closes or `signal` aborts (the worker went away). */
  watch(topics: string[], signal?: AbortSignal): TopicWatch {
    const watch = new TopicWatch(new Set(topics), (closed) => {
      this.watches.delete(closed);
      signal?.removeEventListener('abort', end);
    });
    const end = () => watch.end();
    this.watches.add(watch);
    signal?.addEventListener('abort', end);
    if (this.closing || signal?.aborted) watch.end();
    return watch;
  }

  /** Tasks of these topics became fetchable (after the commit that did it): wakes this process's workers and the others'. */
  async announce(topics: string[]): Promise<void> {
    this.wake(topics);
    await this.listener.announce(topics);
  }

  private wake(topics: AnnouncedTopics): void {
    if (topics !== 'any' && topics.length === 0) return;
    for (const watch of this.watches) {
      if (topics === 'any' || topics.some((topic) => watch.topics.has(topic))) watch.announce();
    }
  }
}

const createdTopics = (effects: Effect[]): string[] => effects.flatMap((effect) => (effect.kind === 'externalTaskCreated' ? [effect.externalTask.topic] : []));
