import { Injectable } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';

/** What readiness needs from the database: does it answer, and has every migration of this build run. */
export interface DatabaseStatus {
  reachable: boolean;
  /** The pool hands out a working connection within the probe's budget (false when unreachable). */
  poolAvailable: boolean;
  /** Migrations this build knows that the database has not run (empty when unreachable). */
  pendingMigrations: string[];
}

/** The whole probe answers within this, so GET /api/health answers within about 2 s whatever the database does. */
export const HEALTH_PROBE_BUDGET_MS = 1_500;

/**
 * Probes on a fresh connection of its own, bounded separately from the pool: a full pool or a
 * frozen server can neither make readiness hang nor make it answer "up" from a connection opened
 * before the server stopped taking new ones. The pool is checked beside it, within the same budget.
 */
@Injectable()
export class DatabaseHealth {
  constructor(private readonly dataSource: DataSource) {}

  async status(): Promise<DatabaseStatus> {
    const [executed, poolAvailable] = await Promise.all([this.executedMigrations(), this.poolAnswers()]);
    if (executed === null) return { reachable: false, poolAvailable: false, pendingMigrations: [] };
    const pendingMigrations = this.dataSource.migrations.map(({ name }) => name!).filter((name) => !executed.has(name));
    return { reachable: true, poolAvailable, pendingMigrations };
  }

  private async executedMigrations(): Promise<Set<string> | null> {
    const { url } = this.dataSource.options as { url?: string };
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: HEALTH_PROBE_BUDGET_MS, query_timeout: HEALTH_PROBE_BUDGET_MS });
    // A connection that breaks after the probe is over must not become an unhandled 'error' event.
    client.on('error', () => undefined);
    const probe = (async () => {
      await client.connect();
      const { rows } = await client.query<{ name: string }>('SELECT name FROM migrations');
      return new Set(rows.map(({ name }) => name));
    })();
    try {
      return await withinBudget(probe);
    } catch {
      return null;
    } finally {
      void client.end().catch(() => undefined);
    }
  }

  private async poolAnswers(): Promise<boolean> {
    try {
      await withinBudget(this.dataSource.query('SELECT 1'));
      return true;
    } catch {
      return false;
    }
  }
}

const withinBudget = <T>(work: Promise<T>): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`no answer within ${HEALTH_PROBE_BUDGET_MS} ms`)), HEALTH_PROBE_BUDGET_MS);
  });
  // The loser keeps running in the background; its own timeouts end it.
  work.catch(() => undefined);
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
};
