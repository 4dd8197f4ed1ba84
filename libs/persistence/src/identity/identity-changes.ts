import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { listenToChannel, type ChannelListening } from '../notifications/channel-listening.js';

/** Where every engine process's writes to the identity tables are announced, by trigger (migration 1764000002000). */
export const IDENTITY_CHANNEL = 'tandem_identity';

/** What keeps identities in memory: told when they may have changed, and whether changes are heard at all. */
export interface IdentityChangeListener {
  /** A user, membership, session or API key changed (here or in another process), or changes may have been missed. */
  changed(): void;
  /** Whether every process's changes are heard now: false from a lost listening connection until it is back. */
  hearing(heard: boolean, lost?: Error): void;
}

/**
 * Changes to users, memberships, sessions and API keys: this process's own are told by the
 * repositories right after their writes (before the answer goes out, so the next request here sees
 * them), every process's through the channel after their commit.
 */
@Injectable()
export class IdentityChanges {
  private readonly listeners = new Set<IdentityChangeListener>();

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Tells the listener of every change until the listening is closed; resolves once the first
   * connection attempt is over. It hears only once a probe sent through the pool came back on the
   * listening connection: behind a transaction-mode pooler LISTEN succeeds and hears nothing.
   */
  async listen(listener: IdentityChangeListener): Promise<ChannelListening> {
    this.listeners.add(listener);
    const probe = `probe ${randomUUID()}`;
    const channel = await listenToChannel(this.dataSource, IDENTITY_CHANNEL, {
      notified: (payload) => (payload === probe ? listener.hearing(true) : listener.changed()),
      listening: () => {
        listener.changed();
        // A failed probe leaves the listener deaf (no caching) until the connection is next re-opened.
        this.dataSource.query(`SELECT pg_notify($1, $2)`, [IDENTITY_CHANNEL, probe]).catch(() => undefined);
      },
      lost: (error) => {
        listener.changed();
        listener.hearing(false, error);
      },
    });
    return {
      close: async () => {
        this.listeners.delete(listener);
        await channel.close();
      },
    };
  }

  /** A repository here wrote to the identity tables. */
  changed(): void {
    for (const listener of this.listeners) listener.changed();
  }
}
