import { Injectable } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';

/**
 * The PostgreSQL channel new fetchable external tasks are announced on, after the commit that made
 * them: by a trigger for every insert (migration 1764000000300), and by `announce` for tasks made
 * fetchable again. The payload is a JSON array of topics, or `*` for any.
 */
export const EXTERNAL_TASK_CHANNEL = 'tandem_external_task';

/** The topics announced, or 'any' when the announcement names none or some may have been missed. */
export type AnnouncedTopics = string[] | 'any';

export interface ExternalTaskListening {
  close(): Promise<void>;
}

const FIRST_RECONNECT_MS = 500;
const LAST_RECONNECT_MS = 30_000;

/**
 * LISTENs on a connection of its own (a pooled one would be handed to others), so announcements
 * from every engine process on the database reach this one. A lost connection is re-opened with
 * back-off; since announcements may have been missed meanwhile, the re-opening announces 'any'.
 */
@Injectable()
export class ExternalTaskListener {
  constructor(private readonly dataSource: DataSource) {}

  /** Starts listening; resolves once the first connection attempt is over (failed ones retry in the background). */
  async listen(onAnnounced: (topics: AnnouncedTopics) => void, onLost: (error: Error) => void): Promise<ExternalTaskListening> {
    const { url, extra } = this.dataSource.options as { url?: string; extra?: { connectionTimeoutMillis?: number } };
    // The pool's connect bound: a frozen server must not hold a reconnect (or the start) forever.
    const listening = new Listening(url, extra?.connectionTimeoutMillis, onAnnounced, onLost);
    await listening.connect();
    return listening;
  }

  /** Announces topics whose tasks just became fetchable (call after the commit that did it). */
  async announce(topics: string[]): Promise<void> {
    await this.dataSource.query(`SELECT pg_notify($1, $2)`, [EXTERNAL_TASK_CHANNEL, JSON.stringify(topics)]);
  }
}

class Listening implements ExternalTaskListening {
  private client: pg.Client | undefined;
  private reconnect: NodeJS.Timeout | undefined;
  private delayMs = FIRST_RECONNECT_MS;
  private closed = false;

  constructor(
    private readonly url: string | undefined,
    private readonly connectTimeoutMs: number | undefined,
    private readonly onAnnounced: (topics: AnnouncedTopics) => void,
    private readonly onLost: (error: Error) => void,
  ) {}

  async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: this.connectTimeoutMs });
    client.on('notification', (message) => this.onAnnounced(parseTopics(message.payload)));
    client.on('error', (error) => this.lose(client, error));
    client.on('end', () => this.lose(client, new Error('The listening connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${EXTERNAL_TASK_CHANNEL}`);
    } catch (error) {
      this.lose(client, error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (this.closed) return void client.end().catch(() => undefined);
    const reconnected = this.delayMs > FIRST_RECONNECT_MS;
    this.client = client;
    this.delayMs = FIRST_RECONNECT_MS;
    if (reconnected) this.onAnnounced('any');
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnect);
    const { client } = this;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private lose(client: pg.Client, error: Error): void {
    client.removeAllListeners();
    // A late error from a client already given up must not surface as an unhandled 'error' event.
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (this.closed || (this.client !== undefined && this.client !== client) || this.reconnect !== undefined) return;
    this.client = undefined;
    this.onLost(error);
    this.reconnect = setTimeout(() => {
      this.reconnect = undefined;
      void this.connect();
    }, this.delayMs);
    this.delayMs = Math.min(this.delayMs * 2, LAST_RECONNECT_MS);
  }
}

const parseTopics = (payload: string | undefined): AnnouncedTopics => {
  try {
    const topics: unknown = JSON.parse(payload ?? '');
    return Array.isArray(topics) && topics.every((topic) => typeof topic === 'string') ? topics : 'any';
  } catch {
    return 'any';
  }
};
