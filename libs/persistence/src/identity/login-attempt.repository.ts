import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Sql } from '../sql.js';

/** Failures counted for one key (`user:<name>` or `ip:<address>`) in its current window. */
export interface LoginFailures {
  key: string;
  failures: number;
  windowStartedAt: Date;
}

@Injectable()
export class LoginAttemptRepository {
  private readonly sql: Sql;

  constructor(dataSource: DataSource) {
    this.sql = new Sql(dataSource);
  }

  /** The failures of the keys whose window started after `windowStart` (older windows count as none). */
  async current(keys: string[], windowStart: Date): Promise<LoginFailures[]> {
    return this.sql.rows<LoginFailures>(`SELECT key, failures, window_started_at AS "windowStartedAt" FROM login_attempt WHERE key = ANY($1) AND window_started_at > $2`, [
      keys,
      windowStart,
    ]);
  }

  /** Counts one failure for each key, opening a new window at `at` where the last one is over. */
  async recordFailure(keys: string[], at: Date, windowStart: Date): Promise<void> {
    await this.sql.rows(
      `INSERT INTO login_attempt (key, failures, window_started_at) SELECT unnest($1::text[]), 1, $2
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN login_attempt.window_started_at > $3 THEN login_attempt.failures + 1 ELSE 1 END,
         window_started_at = CASE WHEN login_attempt.window_started_at > $3 THEN login_attempt.window_started_at ELSE $2 END`,
      [keys, at, windowStart],
    );
  }

  async clear(key: string): Promise<void> {
    await this.sql.rows(`DELETE FROM login_attempt WHERE key = $1`, [key]);
  }
}
