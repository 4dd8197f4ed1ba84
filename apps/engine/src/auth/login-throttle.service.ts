import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#core';
import type { Clock } from '#engine';
import { LoginAttemptRepository } from '#persistence';
import { APP_CONFIG, type AppConfig } from '../common/config.js';
import { CLOCK } from '../common/engine-ports.js';
import { AUTH_ERRORS } from './auth-errors.js';

const MINUTE_MS = 60_000;

/**
 * Slows password guessing: failed log-ins are counted per username and per client address in a
 * fixed window; once either count reaches its limit, every log-in for that username (or from that
 * address) is refused with 429 until the window ends, even with the right password, so a guesser
 * learns nothing. A successful log-in clears the username's count.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly attempts: LoginAttemptRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Refuses the attempt when the username or the address is over its limit. */
  async check(username: string, address: string | undefined): Promise<void> {
    const now = this.clock.now();
    const limits = this.limitsOf(username, address);
    const counted = await this.attempts.current([...limits.keys()], this.windowStart(now));
    const over = counted.find(({ key, failures }) => failures >= limits.get(key)!);
    if (over === undefined) return;
    const retryAfterSeconds = Math.max(1, Math.ceil((over.windowStartedAt.getTime() + this.windowMs() - now.getTime()) / 1000));
    const who = over.key.startsWith('user:') ? 'this username' : 'this address';
    throw new DomainError(AUTH_ERRORS.loginThrottled, `Too many failed log-ins for ${who}: try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }

  async failed(username: string, address: string | undefined): Promise<void> {
    const now = this.clock.now();
    await this.attempts.recordFailure([...this.limitsOf(username, address).keys()], now, this.windowStart(now));
  }

  async succeeded(username: string): Promise<void> {
    await this.attempts.clear(userKey(username));
  }

  private limitsOf(username: string, address: string | undefined): Map<string, number> {
    const limits = new Map([[userKey(username), this.config.auth.loginMaxFailures]]);
    if (address !== undefined) limits.set(`ip:${address}`, this.config.auth.loginMaxFailuresPerAddress);
    return limits;
  }

  private windowMs = () => this.config.auth.loginWindowMinutes * MINUTE_MS;
  private windowStart = (now: Date) => new Date(now.getTime() - this.windowMs());
}

// Usernames are matched case-insensitively at log-in, so their failures are counted that way too.
const userKey = (username: string) => `user:${username.toLowerCase()}`;
