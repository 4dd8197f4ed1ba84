import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { KpiTarget } from '#api-types';
import { Sql } from '../sql.js';

export type { KpiTarget };

export interface KpiTargetSet {
  processKey: string;
  targets: Record<string, KpiTarget>;
  updatedAt: Date;
  updatedBy: string | null;
}

interface KpiTargetRow {
  process_key: string;
  targets: Record<string, KpiTarget>;
  updated_at: Date;
  updated_by: string | null;
}

/** The stored KPI baselines and targets per process key. */
@Injectable()
export class KpiTargetRepository {
  private readonly sql: Sql;

  constructor(dataSource: DataSource) {
    this.sql = new Sql(dataSource);
  }

  async find(processKey: string): Promise<KpiTargetSet | null> {
    const rows = await this.sql.rows<KpiTargetRow>(`SELECT process_key, targets, updated_at, updated_by FROM kpi_target WHERE process_key = $1`, [processKey]);
    return rows[0] ? setOf(rows[0]) : null;
  }

  /** Replaces the whole set of the process key in one statement. */
  async save(processKey: string, targets: Record<string, KpiTarget>, at: Date, by: string | null): Promise<KpiTargetSet> {
    const rows = await this.sql.rows<KpiTargetRow>(
      `INSERT INTO kpi_target (process_key, targets, updated_at, updated_by) VALUES ($1, $2::jsonb, $3, $4)
       ON CONFLICT (process_key) DO UPDATE SET targets = EXCLUDED.targets, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
       RETURNING process_key, targets, updated_at, updated_by`,
      [processKey, JSON.stringify(targets), at, by],
    );
    return setOf(rows[0]);
  }
}

const setOf = (row: KpiTargetRow): KpiTargetSet => ({ processKey: row.process_key, targets: row.targets, updatedAt: row.updated_at, updatedBy: row.updated_by });
