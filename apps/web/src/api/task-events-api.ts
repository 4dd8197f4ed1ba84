import type { CaseEventView, TaskEventTicketView, TaskEventView } from '#api-types';
import { ApiError } from './api-error.js';
import { requestJson } from './http-client.js';

export type { CaseEventView, TaskEventView };

export interface TaskEventHandlers {
  /** A task the user may see changed (the tasklist's stream). */
  task?(event: TaskEventView): void;
  /** Cases started or ended (the insights' stream). */
  cases?(event: CaseEventView): void;
  /** The stream is (again) open, or the engine says changes may have been missed: read the lists again. */
  resync(): void;
  /** Whether the stream is open now. */
  connected(open: boolean): void;
}

const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 5_000;

/** The tasklist's stream (tasks the user may see) or the insights' (cases that start and end). */
export type EventStreamPath = 'tasks/events' | 'analytics/events';

/**
 * Live updates from the engine: the tasklist's (GET /api/tasks/events) or the insights' (GET /api/analytics/events). EventSource cannot send the Authorization
 * header and the access token stays in memory, so each connection first gets a one-minute ticket
 * with the token and passes it in the URL. A dropped stream is opened again, with a new ticket, by
 * this client rather than by EventSource's own retry (which would present the old ticket).
 */
export class TaskEventStream {
  private source: EventSource | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private delayMs = FIRST_RETRY_MS;
  private stopped = false;

  constructor(
    private readonly handlers: TaskEventHandlers,
    private readonly path: EventStreamPath = 'tasks/events',
  ) {}

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    this.source?.close();
    this.source = undefined;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    let ticket: string;
    try {
      ({ ticket } = await requestJson<TaskEventTicketView>(`${this.path}/tickets`, { method: 'POST' }));
    } catch (error) {
      // Not the user's to hear (no agent, or no analyst): asking again would change nothing.
      if (error instanceof ApiError && error.status === 403) return;
      this.reconnectLater();
      return;
    }
    if (this.stopped) return;
    const source = new EventSource(`api/${this.path}?ticket=${encodeURIComponent(ticket)}`);
    this.source = source;
    source.addEventListener('ready', () => {
      this.delayMs = FIRST_RETRY_MS;
      this.handlers.connected(true);
      this.handlers.resync();
    });
    source.addEventListener('resync', () => this.handlers.resync());
    source.addEventListener('task', (message) => this.handlers.task?.(JSON.parse((message as MessageEvent<string>).data) as TaskEventView));
    source.addEventListener('cases', (message) => this.handlers.cases?.(JSON.parse((message as MessageEvent<string>).data) as CaseEventView));
    source.addEventListener('error', () => {
      if (this.source !== source) return;
      source.close();
      this.source = undefined;
      this.handlers.connected(false);
      this.reconnectLater();
    });
  }

  private reconnectLater(): void {
    if (this.stopped) return;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.connect(), this.delayMs);
    this.delayMs = Math.min(LAST_RETRY_MS, this.delayMs * 2);
  }
}
