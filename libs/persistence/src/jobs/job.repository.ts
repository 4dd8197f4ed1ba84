import { Injectable } from '@nestjs/common';
import type { Timer } from '#engine';
import { DataSource } from 'typeorm';
import { Sql } from '../sql.js';

export type TimerRepeat = NonNullable<Timer['repeat']>;

interface JobBase {
  id: string;
  elementId: string;
  dueAt: Date;
  /** Failed attempts so far. */
  attempts: number;
  /** Attempts allowed before an incident when an operator's retry set it; null: the configured number. */
  maxAttempts: number | null;
}

/** A timer inside an instance: firing it is the instance's `fireTimer` command. */
export interface TimerJob extends JobBase {
  type: 'timer';
  instanceId: string;
  activityInstanceId: string;
}

/** A task's SLA clock (due or follow-up date): firing it is the instance's `breachTaskClock` command. */
export interface SlaBreachJob extends JobBase {
  type: 'slaBreach';
  instanceId: string;
  activityInstanceId: string;
}

/** A process-level timer start event: firing it starts an instance, whose id is the job's id. */
export interface StartTimerJob extends JobBase {
  type: 'timerStart';
  processVersionId: string;
  repeat: TimerRepeat | null;
}

export type ClaimedJob = TimerJob | SlaBreachJob | StartTimerJob;

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

/** One occurrence of a timer start event, to be stored as a job. */
export interface StartTimer {
  id: string;
  elementId: string;
  dueAt: string;
  repeat?: TimerRepeat;
}

export interface StartTimerReplacement {
  processKey: string;
  processVersionId: string;
  timers: StartTimer[];
  now: Date;
}

@Injectable()
export class JobRepository {
  private readonly sql: Sql;

  constructor(private readonly dataSource: DataSource) {
    this.sql = new Sql(dataSource);
  }

  /**
   * Claims due jobs with a lease. `SKIP LOCKED` lets several engine processes claim from one table
   * at once without waiting on, or double-claiming, each other's rows.
   */
  async claimDue({ owner, now, limit, leaseMs }: JobClaim): Promise<ClaimedJob[]> {
    const rows = await this.sql.rows<JobRow>(
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
                   j.activity_instance_id AS "activityInstanceId", j.process_version_id AS "processVersionId",
                   j.due_at AS "dueAt", j.repeat, j.attempts, j.max_attempts AS "maxAttempts"
       )
       SELECT * FROM claimed ORDER BY "dueAt", id`,
      [now, limit, owner, leaseMs],
    );
    return rows.map(toClaimedJob);
  }

  /** Gives a claimed job back, to be claimed again on the next poll. */
  async release(id: string, owner: string): Promise<void> {
    await this.sql.rows(`UPDATE job SET locked_by = NULL, lock_expires_at = NULL WHERE id = $1 AND locked_by = $2`, [id, owner]);
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
         RETURNING id, instance_id, process_version_id, element_id
       )
       INSERT INTO incident (id, instance_id, process_version_id, job_id, element_id, message, created_at)
       SELECT $5, instance_id, process_version_id, id, element_id, $3, $6 FROM failed WHERE $4::timestamptz IS NULL`,
      [id, owner, error, retryAt, incidentId, now],
    );
  }

  /**
   * Makes `processVersionId` the one version of its key whose timer start events are scheduled
   * (Camunda's rule: the newest version's start timers replace the older ones'), once per version.
   * Nothing happens when the version is no longer the newest or was scheduled before, so a
   * redeploy of identical XML or a restart never schedules twice. Serialized with deployments of
   * the key by the same advisory lock. Returns whether it scheduled.
   */
  async replaceStartTimers({ processKey, processVersionId, timers, now }: StartTimerReplacement): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [processKey]);
      const marked: unknown[] = await manager.query(
        `INSERT INTO start_timer_schedule (process_version_id, scheduled_at)
         SELECT id, $3 FROM process_version WHERE key = $1 AND id = $2
           AND version = (SELECT max(version) FROM process_version WHERE key = $1)
         ON CONFLICT (process_version_id) DO NOTHING
         RETURNING process_version_id`,
        [processKey, processVersionId, now],
      );
      if (marked.length === 0) return false;
      // The replaced timers' incidents need nobody any more.
      await manager.query(
        `WITH replaced AS (
           DELETE FROM job USING process_version v
           WHERE job.type = 'timerStart' AND job.process_version_id = v.id AND v.key = $1 AND v.id <> $2
           RETURNING job.id
         )
         UPDATE incident SET resolved_at = $3 FROM replaced WHERE incident.job_id = replaced.id AND incident.resolved_at IS NULL`,
        [processKey, processVersionId, now],
      );
      if (timers.length > 0) {
        await manager.query(
          `INSERT INTO job (id, type, process_version_id, element_id, due_at, repeat)
           SELECT t.id, 'timerStart', $1, t.element_id, t.due_at, t.repeat
           FROM jsonb_to_recordset($2::jsonb) AS t(id uuid, element_id text, due_at timestamptz, repeat jsonb)`,
          [processVersionId, JSON.stringify(timers.map((timer) => ({ id: timer.id, element_id: timer.elementId, due_at: timer.dueAt, repeat: timer.repeat ?? null })))],
        );
      }
      return true;
    });
  }

  /** The newest version of each key whose start timers were never scheduled (a deploy cut short). */
  async findUnscheduledLatestVersionIds(): Promise<string[]> {
    const rows = await this.sql.rows<{ id: string }>(
      `SELECT latest.id FROM (SELECT DISTINCT ON (key) id FROM process_version ORDER BY key, version DESC) latest
       WHERE NOT EXISTS (SELECT 1 FROM start_timer_schedule s WHERE s.process_version_id = latest.id)`,
    );
    return rows.map((row) => row.id);
  }
}

interface JobRow {
  id: string;
  type: ClaimedJob['type'];
  instanceId: string | null;
  elementId: string;
  activityInstanceId: string | null;
  processVersionId: string | null;
  dueAt: Date;
  repeat: TimerRepeat | null;
  attempts: number;
  maxAttempts: number | null;
}

const toClaimedJob = ({ id, type, instanceId, elementId, activityInstanceId, processVersionId, dueAt, repeat, attempts, maxAttempts }: JobRow): ClaimedJob => {
  const base = { id, elementId, dueAt, attempts, maxAttempts };
  return type === 'timerStart'
    ? { ...base, type, processVersionId: processVersionId!, repeat }
    : { ...base, type, instanceId: instanceId!, activityInstanceId: activityInstanceId! };
};
