import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Pool } from 'pg';
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
    // The pool TypeORM's postgres driver opened (typed `any` there).
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
  }
}
