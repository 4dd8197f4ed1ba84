import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Sql } from '../sql.js';

export interface ClaimedJob {
  id: string;
  type: 'timer';
  instanceId: string;
  elementId: string;
  activityInstanceId: string;
  dueAt: Date;
  attempts: number;
}

export interface JobClaim {
  /** The engine process claiming: only it may finish or release the jobs it holds. */
  owner: string;
  now: Date;
  limit: number;
  /** How long the claim holds; a crashed owner's jobs become claimable again after it. */
  leaseMs: number;
}

export interface JobFailure {
  id: string;
  owner: string;
  error: string;
  /** When to try again; null parks the job (no more attempts) and raises an incident. */
  retryAt: Date | null;
  now: Date;
  incidentId: string;
}

@Injectable()
export class JobRepository {
  private readonly sql: Sql;

  constructor(dataSource: DataSource) {
    this.sql = new Sql(dataSource);
  }

  /**
   * Claims due jobs with a lease. `SKIP LOCKED` lets several engine processes claim from one table
   * at once without waiting on, or double-claiming, each other's rows.
   */
  async claimDue({ owner, now, limit, leaseMs }: JobClaim): Promise<ClaimedJob[]> {
    return this.sql.rows(
      `WITH due AS (
         SELECT id FROM job
         WHERE due_at <= $1 AND (lock_expires_at IS NULL OR lock_expires_at <= $1)
         ORDER BY due_at, id
         LIMIT $2
         FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE job j SET locked_by = $3, lock_expires_at = $1::timestamptz + $4::bigint * interval '1 millisecond'
         FROM due WHERE j.id = due.id
         RETURNING j.id, j.type, j.instance_id AS "instanceId", j.element_id AS "elementId",
                   j.activity_instance_id AS "activityInstanceId", j.due_at AS "dueAt", j.attempts
       )
       SELECT * FROM claimed ORDER BY "dueAt", id`,
      [now, limit, owner, leaseMs],
    );
  }

  /** Gives a claimed job back, to be claimed again on the next poll. */
  async release(id: string, owner: string): Promise<void> {
    await this.sql.rows(
      `UPDATE job SET locked_by = NULL, lock_expires_at = NULL WHERE id = $1 AND locked_by = $2`,
      [id, owner],
    );
  }

  /** Drops a job whose timer the instance no longer has (it fired elsewhere, or the instance moved on). */
  async discard(id: string, owner: string): Promise<void> {
    await this.sql.rows(`DELETE FROM job WHERE id = $1 AND locked_by = $2`, [id, owner]);
  }

  /** Counts a failed attempt; when no retry is left the job is parked and an incident raised. */
  async recordFailure({ id, owner, error, retryAt, now, incidentId }: JobFailure): Promise<void> {
    await this.sql.rows(
      `WITH failed AS (
         UPDATE job SET attempts = attempts + 1, last_error = $3, locked_by = NULL,
                        lock_expires_at = COALESCE($4::timestamptz, 'infinity')
         WHERE id = $1 AND locked_by = $2
         RETURNING id, instance_id, element_id
       )
       INSERT INTO incident (id, instance_id, job_id, element_id, message, created_at)
       SELECT $5, instance_id, id, element_id, $3, $6 FROM failed WHERE $4::timestamptz IS NULL`,
      [id, owner, error, retryAt, incidentId, now],
    );
  }
}
