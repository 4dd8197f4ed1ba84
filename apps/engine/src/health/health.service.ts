import { Injectable } from '@nestjs/common';
import { DatabaseHealth } from '#persistence';

/** Readiness: the database answers and its schema is this build's. */
export interface Health {
  status: 'ok' | 'unavailable';
  database: 'up' | 'down';
  migrations: 'current' | 'pending' | 'unknown';
  /** The migrations this build expects that have not run (only when pending). */
  pendingMigrations?: string[];
}

@Injectable()
export class HealthService {
  constructor(private readonly database: DatabaseHealth) {}

  async check(): Promise<Health> {
    const { reachable, pendingMigrations } = await this.database.status();
    if (!reachable) return { status: 'unavailable', database: 'down', migrations: 'unknown' };
    if (pendingMigrations.length > 0) return { status: 'unavailable', database: 'up', migrations: 'pending', pendingMigrations };
    return { status: 'ok', database: 'up', migrations: 'current' };
  }
}
