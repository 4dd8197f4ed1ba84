import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Sql } from '../sql.js';
import type { StoredInstance } from '../instances/instance.repository.js';
import type { TaskStatus } from '../tasks/task.repository.js';

export interface ExternalTaskRecord {
  id: string;
  instanceId: string;
  elementId: string;
  topic: string;
  retries: number;
  workerId: string | null;
  lockExpiresAt: Date | null;
  status: TaskStatus;
  errorMessage: string | null;
  createdAt: Date;
}

/** A task just locked, with its instance as the lock statement read it: the state the lock's command starts from. */
export interface LockedExternalTask extends ExternalTaskRecord {
  instance: StoredInstance;
}

export interface FetchAndLock {
  workerId: string;
  maxTasks: number;
  /** With a process key or business key, only the tasks of such cases (Camunda's topic filters). */
  topics: Array<{ name: string; lockDurationMs: number; processKey?: string; businessKey?: string }>;
  now: Date;
}

export interface ExternalTaskFailure {
  id: string;
  workerId: string;
  errorMessage: string;
  /** Retries left after this failure; by default one fewer than before. */
  retries?: number;
  /** How long until the task may be fetched again. */
  retryTimeoutMs: number;
  now: Date;
  /** The id the incident gets if no retries are left. */
  incidentId: string;
}

export interface FailureOutcome {
  externalTask: ExternalTaskRecord;
  /** Set when this failure used up the last retry. */
  incidentId: string | null;
}

/** Which open external tasks to list (Camunda's external task query); absent fields do not filter. */
export interface ExternalTaskListFilter {
  topic?: string;
  workerId?: string;
  instanceId?: string;
  elementId?: string;
  /** True: a lock runs now; false: none does. */
  locked?: boolean;
  /** True: retries left; false: none (an incident holds it). */
  retriesLeft?: boolean;
  now: Date;
  limit: number;
  offset: number;
}

@Injectable()
export class ExternalTaskRepository {
  private readonly sql: Sql;

  constructor(dataSource: DataSource) {
    this.sql = new Sql(dataSource);
  }

  /**
   * Locks up to `maxTasks` fetchable tasks of the topics for one worker: open, with retries left,
   * not locked (or the lock has expired, or the retry timeout has passed), of an active instance
   * (a suspended one does no work, so its tasks stay where they are until it resumes). Rows
   * another engine process is locking right now are skipped, never waited for.
   */
  async fetchAndLock({ workerId, maxTasks, topics, now }: FetchAndLock): Promise<LockedExternalTask[]> {
    const rows = await this.sql.rows<ExternalTaskRecord & StoredInstance>(
      `WITH topic AS (
         SELECT name, lock_duration_ms, process_key, business_key
         FROM jsonb_to_recordset($1::jsonb) AS t(name text, lock_duration_ms bigint, process_key text, business_key text)
       ), candidate AS (
         SELECT e.id, topic.lock_duration_ms
         FROM external_task e JOIN topic ON topic.name = e.topic JOIN instance i ON i.id = e.instance_id
         WHERE e.status = 'open' AND e.retries > 0 AND (e.lock_expires_at IS NULL OR e.lock_expires_at <= $2) AND i.status = 'active'
           AND (topic.process_key IS NULL OR i.process_key = topic.process_key)
           AND (topic.business_key IS NULL OR i.business_key = topic.business_key)
         ORDER BY e.created_at, e.id
         LIMIT $3
         FOR UPDATE OF e SKIP LOCKED
       ), locked AS (
         UPDATE external_task e
         SET worker_id = $4, lock_expires_at = $2::timestamptz + candidate.lock_duration_ms * interval '1 millisecond'
         FROM candidate WHERE e.id = candidate.id
         RETURNING ${EXTERNAL_TASK_COLUMNS}
       )
       SELECT locked.*, i.state, i.revision FROM locked JOIN instance i ON i.id = locked."instanceId" ORDER BY "createdAt", id`,
      [
        JSON.stringify(
          topics.map((topic) => ({ name: topic.name, lock_duration_ms: topic.lockDurationMs, process_key: topic.processKey ?? null, business_key: topic.businessKey ?? null })),
        ),
        now,
        maxTasks,
        workerId,
      ],
    );
    return rows.map(({ state, revision, ...externalTask }) => ({ ...externalTask, instance: { state, revision } }));
  }

  /** Gives up a lock that was never handed to the worker (its instance moved on or was suspended meanwhile): fetchable again at once. */
  async releaseLock(id: string, workerId: string): Promise<void> {
    await this.sql.rows(`UPDATE external_task SET worker_id = NULL, lock_expires_at = NULL WHERE id = $1 AND worker_id = $2 AND status = 'open'`, [id, workerId]);
  }

  /**
   * A new lock of `durationMs` from now for the worker holding a valid lock (Camunda's extendLock);
   * null when it holds none (another worker's, expired, or the task is done).
   */
  async extendLock(id: string, workerId: string, durationMs: number, now: Date): Promise<ExternalTaskRecord | null> {
    const rows = await this.sql.rows<ExternalTaskRecord>(
      `UPDATE external_task e SET lock_expires_at = $3::timestamptz + $4 * interval '1 millisecond'
       WHERE e.id = $1 AND e.worker_id = $2 AND e.status = 'open' AND e.lock_expires_at > $3
       RETURNING ${EXTERNAL_TASK_COLUMNS}`,
      [id, workerId, now, durationMs],
    );
    return rows[0] ?? null;
  }

  /** Frees the task of whichever worker holds it (Camunda's unlock): fetchable again at once. Null when it does not exist or is done. */
  async unlock(id: string): Promise<ExternalTaskRecord | null> {
    const rows = await this.sql.rows<ExternalTaskRecord>(
      `UPDATE external_task e SET worker_id = NULL, lock_expires_at = NULL WHERE e.id = $1 AND e.status = 'open' RETURNING ${EXTERNAL_TASK_COLUMNS}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The open external tasks matching the filter, oldest first. */
  async list(filter: ExternalTaskListFilter): Promise<ExternalTaskRecord[]> {
    const conditions = [`e.status = 'open'`];
    const params: unknown[] = [];
    const where = (condition: (placeholder: string) => string, value: unknown) => {
      params.push(value);
      conditions.push(condition(`$${params.length}`));
    };
    if (filter.topic !== undefined) where((p) => `e.topic = ${p}`, filter.topic);
    if (filter.workerId !== undefined) where((p) => `e.worker_id = ${p}`, filter.workerId);
    if (filter.instanceId !== undefined) where((p) => `e.instance_id = ${p}`, filter.instanceId);
    if (filter.elementId !== undefined) where((p) => `e.element_id = ${p}`, filter.elementId);
    if (filter.locked !== undefined) where((p) => (filter.locked ? `e.lock_expires_at > ${p}` : `(e.lock_expires_at IS NULL OR e.lock_expires_at <= ${p})`), filter.now);
    if (filter.retriesLeft !== undefined) conditions.push(filter.retriesLeft ? 'e.retries > 0' : 'e.retries = 0');
    params.push(filter.limit, filter.offset);
    return this.sql.rows(
      `SELECT ${EXTERNAL_TASK_COLUMNS} FROM external_task e WHERE ${conditions.join(' AND ')}
       ORDER BY e.created_at, e.id LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
  }

  async findById(id: string): Promise<ExternalTaskRecord | null> {
    const rows = await this.sql.rows<ExternalTaskRecord>(`SELECT ${EXTERNAL_TASK_COLUMNS} FROM external_task e WHERE e.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The external task with the state of its instance, in one round trip, for a command. */
  async findWithInstance(id: string): Promise<{ externalTask: ExternalTaskRecord; instance: StoredInstance } | null> {
    const rows = await this.sql.rows<ExternalTaskRecord & StoredInstance>(
      `SELECT ${EXTERNAL_TASK_COLUMNS}, i.state, i.revision
       FROM external_task e JOIN instance i ON i.id = e.instance_id WHERE e.id = $1`,
      [id],
    );
    if (rows.length === 0) return null;
    const { state, revision, ...externalTask } = rows[0];
    return { externalTask, instance: { state, revision } };
  }

  /**
   * Records a worker's failure if that worker still holds the lock: the lock is released, the task
   * waits `retryTimeoutMs` before it can be fetched again and, when no retries are left, an
   * incident is raised in the same statement. Returns null when the worker holds no valid lock.
   */
  async recordFailure(failure: ExternalTaskFailure): Promise<FailureOutcome | null> {
    const rows = await this.sql.rows<ExternalTaskRecord & { incidentId: string | null }>(
      `WITH failed AS (
         UPDATE external_task e
         SET retries = GREATEST(COALESCE($3::integer, e.retries - 1), 0), error_message = $4, worker_id = NULL,
             lock_expires_at = $5::timestamptz + $6::bigint * interval '1 millisecond'
         WHERE e.id = $1 AND e.worker_id = $2 AND e.status = 'open' AND e.lock_expires_at > $5
         RETURNING ${EXTERNAL_TASK_COLUMNS}
       ), incident_raised AS (
         INSERT INTO incident (id, instance_id, external_task_id, element_id, message, created_at)
         SELECT $7, failed."instanceId", failed.id, failed."elementId", $4, $5 FROM failed WHERE failed.retries = 0
         RETURNING id
       )
       SELECT failed.*, (SELECT id FROM incident_raised) AS "incidentId" FROM failed`,
      [failure.id, failure.workerId, failure.retries ?? null, failure.errorMessage, failure.now, failure.retryTimeoutMs, failure.incidentId],
    );
    if (rows.length === 0) return null;
    const { incidentId, ...externalTask } = rows[0];
    return { externalTask, incidentId };
  }
}

const EXTERNAL_TASK_COLUMNS = [
  'e.id',
  'e.instance_id AS "instanceId"',
  'e.element_id AS "elementId"',
  'e.topic',
  'e.retries',
  'e.worker_id AS "workerId"',
  'e.lock_expires_at AS "lockExpiresAt"',
  'e.status',
  'e.error_message AS "errorMessage"',
  'e.created_at AS "createdAt"',
].join(', ');
