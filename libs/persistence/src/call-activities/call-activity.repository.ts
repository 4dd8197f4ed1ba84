import { Injectable } from '@nestjs/common';
import type { CalledProcessBinding } from '#bpmn';
import type { InstanceStatus, Variables } from '#engine';
import { DataSource } from 'typeorm';
import { Sql } from '../sql.js';
import type { CallActivityStatus } from './call-activity-plan.js';

/** A call activity instance with its child (if started): enough to decide what is owed. */
export interface CallActivityRecord {
  activityInstanceId: string;
  /** The parent instance. */
  instanceId: string;
  elementId: string;
  processKey: string;
  binding: CalledProcessBinding;
  variables: Variables;
  businessKey: string | null;
  status: CallActivityStatus;
  /** Since when work for another instance is owed; null when none. */
  followUpSince: Date | null;
  attempts: number;
  child: { id: string; status: InstanceStatus } | null;
}

export interface FollowUpClaim {
  now: Date;
  /** Work owed for less than this is left to the engine process that committed it. */
  graceMs: number;
  limit: number;
}

export interface FollowUpFailure {
  activityInstanceId: string;
  error: string;
  now: Date;
  /** Raise the incident now: retrying cannot help. */
  final: boolean;
  /** Failed attempts after which an incident is raised on the parent instance. */
  maxAttempts: number;
  incidentId: string;
}

const RECORD_COLUMNS = `c.activity_instance_id AS "activityInstanceId", c.instance_id AS "instanceId", c.element_id AS "elementId",
  c.process_key AS "processKey", c.binding, c.variables, c.business_key AS "businessKey", c.status,
  c.follow_up_since AS "followUpSince", c.attempts,
  CASE WHEN child.id IS NULL THEN NULL ELSE json_build_object('id', child.id, 'status', child.status) END AS child`;

/**
 * The follow-up side of call activities: the rows themselves are written with the parent's state
 * (commit-statement.ts); this reads them and records how the work owed to another instance went.
 */
@Injectable()
export class CallActivityRepository {
  private readonly sql: Sql;

  constructor(dataSource: DataSource) {
    this.sql = new Sql(dataSource);
  }

  async find(activityInstanceId: string): Promise<CallActivityRecord | null> {
    const rows = await this.sql.rows<CallActivityRecord>(
      `SELECT ${RECORD_COLUMNS}
       FROM call_activity c LEFT JOIN instance child ON child.parent_activity_instance_id = c.activity_instance_id
       WHERE c.activity_instance_id = $1`,
      [activityInstanceId],
    );
    return rows[0] ?? null;
  }

  /**
   * Claims rows owing work for longer than the grace period: the process that committed them has
   * died or failed. The claim moves `follow_up_since` to now, a lease: another engine process takes
   * the row only after another grace period. `SKIP LOCKED` lets processes claim side by side.
   */
  async claimFollowUps({ now, graceMs, limit }: FollowUpClaim): Promise<CallActivityRecord[]> {
    return this.sql.rows<CallActivityRecord>(
      `WITH due AS (
         SELECT activity_instance_id FROM call_activity
         WHERE follow_up_since <= $1::timestamptz - $2::bigint * interval '1 millisecond'
         ORDER BY follow_up_since
         LIMIT $3
         FOR UPDATE SKIP LOCKED
       ), c AS (
         UPDATE call_activity SET follow_up_since = $1 FROM due
         WHERE call_activity.activity_instance_id = due.activity_instance_id
         RETURNING call_activity.*
       )
       SELECT ${RECORD_COLUMNS} FROM c LEFT JOIN instance child ON child.parent_activity_instance_id = c.activity_instance_id
       ORDER BY c.follow_up_since, c.activity_instance_id`,
      [now, graceMs, limit],
    );
  }

  /**
   * Nothing is owed any more. Only if nobody changed what is owed since it was read (a child that
   * just started under a canceled call activity sets it anew), so no owed work is ever dropped.
   */
  async settle(activityInstanceId: string, followUpSince: Date | null): Promise<void> {
    await this.sql.rows(
      `UPDATE call_activity SET follow_up_since = NULL
       WHERE activity_instance_id = $1 AND follow_up_since IS NOT DISTINCT FROM $2::timestamptz`,
      [activityInstanceId, followUpSince],
    );
  }

  /** A follow-up worked after failures: forget them and resolve the incident they raised. */
  async recovered(activityInstanceId: string, now: Date): Promise<void> {
    await this.sql.rows(
      `WITH previous AS (
         SELECT incident_id FROM call_activity WHERE activity_instance_id = $1
       ), reset AS (
         UPDATE call_activity SET attempts = 0, last_error = NULL, incident_id = NULL WHERE activity_instance_id = $1
       )
       UPDATE incident SET resolved_at = $2 FROM previous WHERE incident.id = previous.incident_id AND incident.resolved_at IS NULL`,
      [activityInstanceId, now],
    );
  }

  /**
   * Counts a failed follow-up; it is tried again after the grace period. After `maxAttempts`
   * failures, or at once when it is final, an incident is raised on the parent instance at the call
   * activity (once), and a final failure owes nothing more until someone acts.
   */
  async recordFailure({ activityInstanceId, error, now, final, maxAttempts, incidentId }: FollowUpFailure): Promise<void> {
    await this.sql.rows(
      `WITH failed AS (
         UPDATE call_activity
         SET attempts = attempts + 1, last_error = $2,
             follow_up_since = CASE WHEN $4::boolean THEN NULL ELSE $3::timestamptz END,
             incident_id = CASE WHEN incident_id IS NULL AND ($4::boolean OR attempts + 1 >= $5) THEN $6::uuid ELSE incident_id END
         WHERE activity_instance_id = $1
         RETURNING instance_id, element_id, incident_id
       )
       INSERT INTO incident (id, instance_id, element_id, message, created_at)
       SELECT $6, instance_id, element_id, $2, $3 FROM failed WHERE incident_id = $6::uuid`,
      [activityInstanceId, error, now, final, maxAttempts, incidentId],
    );
  }
}
