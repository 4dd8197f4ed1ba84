import pg from 'pg';
import type { DataSource } from 'typeorm';

export interface ChannelListening {
  close(): Promise<void>;
}

/** A listening connection that can also send on its channel. */
export interface ChannelNotifying extends ChannelListening {
  /**
   * Sends a notification on the listening connection itself, so the sender's request costs its pool
   * no statement; false when that connection is down (the caller may fall back to the pool).
   */
  notify(payload: string): Promise<boolean>;
}

/** What a listener hears on its channel. */
export interface ChannelHandlers {
  /** A notification's payload, after the commit that sent it. */
  notified(payload: string | undefined): void;
  /** The connection is listening; `reconnected` when it was lost before, so notifications may have been missed meanwhile. */
  listening(reconnected: boolean): void;
  /** The connection was lost (or could not be opened); it is re-opened with back-off. */
  lost(error: Error): void;
}

const FIRST_RECONNECT_MS = 500;
const LAST_RECONNECT_MS = 30_000;

/**
 * LISTENs to a channel on a connection of its own (a pooled one would be handed to others), so
 * notifications from every engine process on the database reach this one. A lost connection is
 * re-opened with back-off. Resolves once the first connection attempt is over (failed ones retry in
 * the background).
 */
export const listenToChannel = async (dataSource: DataSource, channel: string, handlers: ChannelHandlers): Promise<ChannelNotifying> => {
  const { url, extra } = dataSource.options as { url?: string; extra?: { connectionTimeoutMillis?: number } };
  // The pool's connect bound: a frozen server must not hold a reconnect (or the start) forever.
  const listening = new Listening(url, extra?.connectionTimeoutMillis, channel, handlers);
  await listening.connect();
  return listening;
};

class Listening implements ChannelNotifying {
  private client: pg.Client | undefined;
  private reconnect: NodeJS.Timeout | undefined;
  private delayMs = FIRST_RECONNECT_MS;
  private closed = false;

  constructor(
    private readonly url: string | undefined,
    private readonly connectTimeoutMs: number | undefined,
    private readonly channel: string,
    private readonly handlers: ChannelHandlers,
  ) {}

  async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: this.connectTimeoutMs });
    client.on('notification', (message) => this.handlers.notified(message.payload));
    client.on('error', (error) => this.lose(client, error));
    client.on('end', () => this.lose(client, new Error('The listening connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      this.lose(client, error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (this.closed) return void client.end().catch(() => undefined);
    const reconnected = this.delayMs > FIRST_RECONNECT_MS;
    this.client = client;
    this.delayMs = FIRST_RECONNECT_MS;
    this.handlers.listening(reconnected);
  }

  async notify(payload: string): Promise<boolean> {
    const { client } = this;
    if (client === undefined) return false;
    await client.query('SELECT pg_notify($1, $2)', [this.channel, payload]);
    return true;
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
    this.handlers.lost(error);
    this.reconnect = setTimeout(() => {
      this.reconnect = undefined;
      void this.connect();
    }, this.delayMs);
    this.delayMs = Math.min(this.delayMs * 2, LAST_RECONNECT_MS);
  }
}
