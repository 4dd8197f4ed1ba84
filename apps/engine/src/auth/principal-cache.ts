import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { IdentityChanges, type ChannelListening, type IdentityChangeListener } from '#persistence';
import type { Principal } from './principal.js';

/** Past this many principals the cache starts afresh: old sessions' entries must not pile up between changes. */
const MAX_ENTRIES = 10_000;

/**
 * The principals of recent credentials, so a warm engine authenticates without a query (issue 19).
 * Dropped whole on any change to users, memberships, sessions or API keys: at once for this
 * process's own writes, and within milliseconds for every other process's through LISTEN/NOTIFY
 * (a TTL would still query once per principal and period; a version stamp would still query).
 * While the listening connection is down nothing is cached, so a change missed meanwhile cannot
 * be served from memory.
 */
@Injectable()
export class PrincipalCache implements IdentityChangeListener, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PrincipalCache.name);
  private readonly entries = new Map<string, Principal>();
  /** Goes up on every change: a principal read before a change is not kept after it. */
  private generation = 0;
  private heard = false;
  private listening: ChannelListening | undefined;

  constructor(private readonly changes: IdentityChanges) {}

  async onApplicationBootstrap(): Promise<void> {
    this.listening = await this.changes.listen(this);
  }

  async onModuleDestroy(): Promise<void> {
    await this.listening?.close();
  }

  /** The cached principal of these credentials, or the one `load` answers (a refusal it throws is never cached). */
  async principal(key: string, load: () => Promise<Principal>): Promise<Principal> {
    const cached = this.entries.get(key);
    if (cached !== undefined) return cached;
    const generation = this.generation;
    const principal = await load();
    if (this.heard && generation === this.generation) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(key, principal);
    }
    return principal;
  }

  changed(): void {
    this.generation++;
    this.entries.clear();
  }

  hearing(heard: boolean, lost?: Error): void {
    this.heard = heard;
    if (lost !== undefined) this.logger.warn(`Listening for identity changes lost (${lost.message}); authenticating with a query per request until it is back`);
  }
}
