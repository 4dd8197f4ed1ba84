import { Injectable } from '@nestjs/common';
import { DatabaseHealth } from '#persistence';

/** Readiness: the database answers, this process's pool can reach it, and its schema is this build's. */
export interface Health {
  status: 'ok' | 'unavailable';
  database: 'up' | 'down';
  /** `exhausted`: every pooled connection stays busy past the probe's budget (or the pool cannot connect). */
  pool: 'available' | 'exhausted' | 'unknown';
  migrations: 'current' | 'pending' | 'unknown';
  /** The migrations this build expects that have not run (only when pending). */
  pendingMigrations?: string[];
}

@Injectable()
export class HealthService {
  constructor(private readonly database: DatabaseHealth) {}

  async check(): Promise<Health> {
    const { reachable, poolAvailable, pendingMigrations } = await this.database.status();
    if (!reachable) return { status: 'unavailable', database: 'down', pool: 'unknown', migrations: 'unknown' };
    const pool = poolAvailable ? 'available' : 'exhausted';
    if (pendingMigrations.length > 0) return { status: 'unavailable', database: 'up', pool, migrations: 'pending', pendingMigrations };
    return { status: poolAvailable ? 'ok' : 'unavailable', database: 'up', pool, migrations: 'current' };
  }
}
