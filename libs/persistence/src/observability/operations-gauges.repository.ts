import { AsyncResource } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Pool, PoolClient } from 'pg';
import { Sql } from '../sql.js';

/** The connection pool as pg counts it. */
export interface PoolUse {
  total: number;
  idle: number;
  waiting: number;
}

/** What the metrics endpoint reads at each scrape: small aggregate queries and the pool's own counters. */
@Injectable()
export class OperationsGaugesRepository {
  private readonly sql: Sql;

  constructor(private readonly dataSource: DataSource) {
    this.sql = new Sql(dataSource);
  }

  /** Open tasks per candidate group (a task offered to two groups counts in both; `none` for tasks offered to no group). */
  async openTasksByGroup(): Promise<Array<{ group: string; count: number }>> {
    const rows = await this.sql.rows<{ group: string; count: string }>(
      `SELECT coalesce(g.name, 'none') AS "group", count(*) AS count
       FROM task t LEFT JOIN LATERAL unnest(t.candidate_groups) AS g(name) ON true
       WHERE t.status = 'open' GROUP BY 1`,
    );
    return rows.map(({ group, count }) => ({ group, count: Number(count) }));
  }

  async openIncidents(): Promise<number> {
    const [{ count }] = await this.sql.rows<{ count: string }>(`SELECT count(*) AS count FROM incident WHERE resolved_at IS NULL`);
    return Number(count);
  }

  poolUse(): PoolUse {
    const pool = this.pool();
    return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
  }

  /**
   * Calls `onStatement` for every statement (one round trip) a connection of the pool sends, whoever
   * sends it (TypeORM, the Sql helper, a transaction's BEGIN and COMMIT). The LISTEN connections are
   * not pooled and not counted. Each connection's `query` is wrapped once, when first handed out.
   */
  countStatements(onStatement: () => void): void {
    const pool = this.pool();
    // pg-pool runs a waiting caller's callback in the async context of whoever released a connection:
    // bound, the statements it sends count for the request that asked (the callback form is what pool.query and TypeORM use).
    const connect = pool.connect;
    pool.connect = function (this: Pool, callback?: (...args: unknown[]) => void) {
      return (connect as (callback?: unknown) => unknown).call(this, callback && AsyncResource.bind(callback));
    } as Pool['connect'];
    const counted = new WeakSet<PoolClient>();
    pool.on('acquire', (client) => {
      if (counted.has(client)) return;
      counted.add(client);
      const query = client.query;
      client.query = function (this: PoolClient, ...args: unknown[]) {
        onStatement();
        return (query as (...args: unknown[]) => unknown).apply(this, args);
      } as PoolClient['query'];
    });
  }

  private pool(): Pool {
    // The pool TypeORM's postgres driver opened (typed `any` there).
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }
}
