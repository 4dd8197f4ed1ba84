import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Page } from '../instances/instance.repository.js';
import { Sql } from '../sql.js';

export interface IncidentRecord {
  id: string;
  /** Null for a failing timer start event: no instance exists yet. */
  instanceId: string | null;
  processKey: string;
  processVersionId: string;
  externalTaskId: string | null;
  jobId: string | null;
  elementId: string;
  message: string;
  createdAt: Date;
  resolvedAt: Date | null;
}

export interface IncidentFilter {
  instanceId?: string;
  processKey?: string;
  /** true: only incidents nobody has resolved yet; false: only resolved ones; absent: both. */
  open?: boolean;
}

export interface IncidentPaging {
  limit: number;
  offset: number;
}

/** What a retry or resolve did: nothing when the incident does not exist or was resolved before. */
export type IncidentOutcome = 'done' | 'notFound' | 'alreadyResolved';

export interface IncidentRetry {
  id: string;
  /** Failures allowed again: the external task's retries, or the job's attempts before a new incident. */
  retries: number;
  now: Date;
}

@Injectable()
export class IncidentRepository {
  private readonly sql: Sql;

  constructor(dataSource: DataSource) {
    this.sql = new Sql(dataSource);
  }

  /** Oldest first. */
  async list(filter: IncidentFilter): Promise<IncidentRecord[]> {
    return (await this.select(filter)).map(withoutTotal);
  }

  /** One page, oldest first, with the number of incidents matching. */
  async page(filter: IncidentFilter, { limit, offset }: IncidentPaging): Promise<Page<IncidentRecord>> {
    const rows = await this.select(filter, { limit, offset });
    if (rows.length > 0 || offset === 0) return { items: rows.map(withoutTotal), total: rows.length > 0 ? Number(rows[0].total) : 0 };
    // A page past the end still reports how many match.
    const all = await this.select(filter, { limit: 1, offset: 0 });
    return { items: [], total: all.length > 0 ? Number(all[0].total) : 0 };
  }

  async findById(id: string): Promise<IncidentRecord | null> {
    const rows = await this.sql.rows<IncidentRecord>(`SELECT ${INCIDENT_COLUMNS} ${INCIDENT_FROM} WHERE n.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /**
   * Resolves the incident and gives its work another chance, in one statement: a job is claimable
   * at once with `retries` attempts, an external task (still open) is fetchable at once with
   * `retries` retries. Also answers the topic of an external task made fetchable, to wake workers.
   */
  async retry({ id, retries, now }: IncidentRetry): Promise<{ outcome: IncidentOutcome; topic: string | null }> {
    const rows = await this.sql.rows<{ resolved: boolean; topic: string | null }>(
      `WITH target AS (
         SELECT id, external_task_id, job_id, resolved_at FROM incident WHERE id = $1 FOR UPDATE
       ), resolved AS (
         UPDATE incident n SET resolved_at = $3 FROM target WHERE n.id = target.id AND target.resolved_at IS NULL
         RETURNING n.id
       ), job_requeued AS (
         UPDATE job SET attempts = 0, max_attempts = $2, locked_by = NULL, lock_expires_at = NULL
         FROM target, resolved WHERE job.id = target.job_id
       ), external_task_requeued AS (
         UPDATE external_task e SET retries = $2, worker_id = NULL, lock_expires_at = NULL
         FROM target, resolved WHERE e.id = target.external_task_id AND e.status = 'open'
         RETURNING e.topic
       )
       SELECT EXISTS (SELECT 1 FROM resolved) AS resolved, (SELECT topic FROM external_task_requeued) AS topic FROM target`,
      [id, retries, now],
    );
    return { outcome: outcomeOf(rows[0]?.resolved), topic: rows[0]?.topic ?? null };
  }

  /** Marks the incident resolved without touching its work: the external task or job stays parked. */
  async resolve(id: string, now: Date): Promise<IncidentOutcome> {
    const rows = await this.sql.rows<{ resolved: boolean }>(
      `WITH target AS (
         SELECT id, resolved_at FROM incident WHERE id = $1 FOR UPDATE
       ), resolved AS (
         UPDATE incident n SET resolved_at = $2 FROM target WHERE n.id = target.id AND target.resolved_at IS NULL
         RETURNING n.id
       )
       SELECT EXISTS (SELECT 1 FROM resolved) AS resolved FROM target`,
      [id, now],
    );
    return outcomeOf(rows[0]?.resolved);
  }

  private select(filter: IncidentFilter, paging?: IncidentPaging): Promise<Array<IncidentRecord & { total: string }>> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const where = (condition: (placeholder: string) => string, value: unknown) => {
      if (value === undefined) return;
      params.push(value);
      conditions.push(condition(`$${params.length}`));
    };
    where((p) => `n.instance_id = ${p}`, filter.instanceId);
    where((p) => `COALESCE(i.process_key, v.key) = ${p}`, filter.processKey);
    if (filter.open !== undefined) conditions.push(filter.open ? 'n.resolved_at IS NULL' : 'n.resolved_at IS NOT NULL');
    let limits = '';
    if (paging) {
      params.push(paging.limit, paging.offset);
      limits = `LIMIT $${params.length - 1} OFFSET $${params.length}`;
    }
    return this.sql.rows(
      `SELECT ${INCIDENT_COLUMNS}, count(*) OVER () AS total ${INCIDENT_FROM}
       ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY n.created_at, n.id ${limits}`,
      params,
    );
  }
}

const INCIDENT_COLUMNS = `n.id, n.instance_id AS "instanceId", COALESCE(i.process_key, v.key) AS "processKey",
  COALESCE(i.process_version_id, n.process_version_id) AS "processVersionId",
  n.external_task_id AS "externalTaskId", n.job_id AS "jobId", n.element_id AS "elementId", n.message,
  n.created_at AS "createdAt", n.resolved_at AS "resolvedAt"`;

/** An instance's incident takes the instance's key and version; a start timer's, its version's. */
const INCIDENT_FROM = `FROM incident n
  LEFT JOIN instance i ON i.id = n.instance_id
  LEFT JOIN process_version v ON v.id = n.process_version_id`;

const outcomeOf = (resolved: boolean | undefined): IncidentOutcome => (resolved === undefined ? 'notFound' : resolved ? 'done' : 'alreadyResolved');

const withoutTotal = ({ total: _total, ...record }: IncidentRecord & { total: string }): IncidentRecord => record;
