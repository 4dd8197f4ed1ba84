import type { CallActivityPlan } from '../call-activities/call-activity-plan.js';
import type { CommitPlan } from './commit-plan.js';

export interface Statement {
  sql: string;
  params: unknown[];
}

type Columns = ReadonlyArray<readonly [name: string, type: string]>;

const STEP_COLUMNS: Columns = [
  ['id', 'uuid'],
  ['activity_instance_id', 'uuid'],
  ['element_id', 'text'],
  ['element_type', 'text'],
  ['type', 'text'],
  ['at', 'timestamptz'],
  ['actor', 'text'],
  ['lane_id', 'text'],
  ['previous_activity_instance_id', 'uuid'],
  ['detail', 'jsonb'],
];

const TASK_COLUMNS: Columns = [
  ['id', 'uuid'],
  ['element_id', 'text'],
  ['name', 'text'],
  ['lane_id', 'text'],
  ['candidate_groups', 'text[]'],
  ['candidate_users', 'text[]'],
  ['assignee', 'text'],
  ['form_key', 'text'],
  ['due_at', 'timestamptz'],
  ['status', 'text'],
  ['created_at', 'timestamptz'],
  ['claimed_at', 'timestamptz'],
  ['completed_at', 'timestamptz'],
  ['canceled_at', 'timestamptz'],
  ['state', 'text'],
  ['owner', 'text'],
  ['process_key', 'text'],
  ['priority', 'smallint'],
  ['category', 'text'],
  ['stage', 'text'],
  ['value_class', 'text'],
  ['follow_up_at', 'timestamptz'],
  ['started_at', 'timestamptz'],
  ['breached_at', 'timestamptz'],
];

/** Columns a task patch changes only when given (COALESCE keeps the stored value for a null). */
const TASK_PATCH_COLUMNS: Columns = [
  ['status', 'text'],
  ['completed_at', 'timestamptz'],
  ['canceled_at', 'timestamptz'],
  ['breached_at', 'timestamptz'],
];

/** Columns a `held` patch (a task command's snapshot of who holds the task) sets, nulls included. */
const TASK_HOLDING_COLUMNS: Columns = [
  ['state', 'text'],
  ['assignee', 'text'],
  ['owner', 'text'],
  ['candidate_groups', 'text[]'],
  ['candidate_users', 'text[]'],
  ['lane_id', 'text'],
  ['claimed_at', 'timestamptz'],
  ['started_at', 'timestamptz'],
];

const EXTERNAL_TASK_COLUMNS: Columns = [
  ['id', 'uuid'],
  ['element_id', 'text'],
  ['topic', 'text'],
  ['retries', 'integer'],
  ['status', 'text'],
  ['created_at', 'timestamptz'],
];

const EXPERIMENT_ASSIGNMENT_COLUMNS: Columns = [
  ['experiment_id', 'uuid'],
  ['arm_id', 'text'],
  ['process_version_id', 'uuid'],
  ['reason', 'text'],
  ['unit_key', 'text'],
  ['hash', 'double precision'],
  ['ramp_step', 'integer'],
  ['candidate_share', 'double precision'],
  ['assigned_at', 'timestamptz'],
];

const EXTERNAL_TASK_CLOSING_COLUMNS: Columns = [
  ['id', 'uuid'],
  ['status', 'text'],
  ['at', 'timestamptz'],
];

const WORK_ITEM_MOVE_COLUMNS: Columns = [
  ['id', 'uuid'],
  ['element_id', 'text'],
  ['name', 'text'],
  ['lane_id', 'text'],
];

const AUDIT_COLUMNS: Columns = [
  ['operation', 'text'],
  ['actor', 'text'],
  ['reason', 'text'],
  ['details', 'jsonb'],
  ['at', 'timestamptz'],
];

const JOB_COLUMNS: Columns = [
  ['id', 'uuid'],
  ['type', 'text'],
  ['element_id', 'text'],
  ['activity_instance_id', 'uuid'],
  ['due_at', 'timestamptz'],
];

const SUBSCRIPTION_COLUMNS: Columns = [
  ['id', 'uuid'],
  ['activity_instance_id', 'uuid'],
  ['element_id', 'text'],
  ['event_type', 'text'],
  ['name', 'text'],
  ['correlation_key', 'text'],
  ['created_at', 'timestamptz'],
];

/**
 * The whole commit of one engine result as ONE SQL statement: data-modifying CTEs that all hang off
 * the `guard` CTE (the instance insert, or the update guarded by the expected revision). When the
 * revision does not match, `guard` is empty, so every other CTE writes nothing; one statement is
 * atomic on its own and costs one round trip. Rows travel as JSON and are unpacked by
 * `jsonb_to_recordset`, so the statement text depends only on which kinds of rows are present.
 *
 * The statement returns one row with the new revision, or no row on a revision conflict.
 */
export const commitStatement = (plan: CommitPlan, expectedRevision: number | null): Statement => {
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const json = (value: unknown): string => `${param(JSON.stringify(value))}::jsonb`;
  const { state } = plan;
  const ctes: string[] = [];

  const answer = plan.idempotentAnswer;
  if (answer && expectedRevision === null) {
    // The start commits only while its attempt still holds the key: a retry that took over an
    // abandoned claim (see IdempotencyKeyRepository.claim) makes this statement write nothing.
    ctes.push(`idempotency_held AS (
      SELECT 1 FROM idempotency_key
      WHERE principal = ${param(answer.principal)} AND key = ${param(answer.key)} AND attempt = ${param(answer.attempt)}::uuid AND status IS NULL
      FOR UPDATE)`);
  }
  // A new instance that conflicts (a second child for one call activity instance: a retried start)
  // writes nothing and returns no row, like a stale revision.
  ctes.push(
    expectedRevision === null
      ? `guard AS (
        INSERT INTO instance (id, process_version_id, process_key, business_key, status, state, revision, started_at, ended_at,
                              parent_instance_id, parent_activity_instance_id)
        ${answer ? 'SELECT ' : 'VALUES ('}${param(state.id)}::uuid, ${param(state.processVersionId)}::uuid, ${param(state.processKey)}::text,
                ${param(state.businessKey ?? null)}::text, ${param(state.status)}::text, ${json(state)}, 1, ${param(state.startedAt)}::timestamptz,
                ${param(state.endedAt ?? null)}::timestamptz, ${param(state.parent?.instanceId ?? null)}::uuid,
                ${param(state.parent?.activityInstanceId ?? null)}::uuid${answer ? ' FROM idempotency_held' : ')'}
        ON CONFLICT DO NOTHING
        RETURNING id, revision)`
      : `guard AS (
        UPDATE instance SET status = ${param(state.status)}, state = ${json(state)}, revision = revision + 1,
                            ended_at = ${param(state.endedAt ?? null)}, process_version_id = ${param(state.processVersionId)},
                            business_key = ${param(state.businessKey ?? null)}
        WHERE id = ${param(state.id)} AND revision = ${param(expectedRevision)}
        RETURNING id, revision)`,
  );

  if (plan.steps.length > 0) {
    ctes.push(`steps AS (
      INSERT INTO step_event (instance_id, ${names(STEP_COLUMNS)})
      SELECT guard.id, ${names(STEP_COLUMNS, 's.')}
      FROM guard, ROWS FROM (jsonb_to_recordset(${json(plan.steps)}) AS (${definitions(STEP_COLUMNS)}))
           WITH ORDINALITY AS s(${names(STEP_COLUMNS)}, position)
      ORDER BY s.position)`);
  }
  if (plan.taskInserts.length > 0) {
    ctes.push(`tasks_created AS (
      INSERT INTO task (instance_id, ${names(TASK_COLUMNS)})
      SELECT guard.id, ${names(TASK_COLUMNS, 't.')}
      FROM guard, jsonb_to_recordset(${json(plan.taskInserts)}) AS t(${definitions(TASK_COLUMNS)}))`);
  }
  if (plan.taskPatches.length > 0) {
    const patchColumns: Columns = [['id', 'uuid'], ['held', 'boolean'], ...TASK_PATCH_COLUMNS, ...TASK_HOLDING_COLUMNS];
    ctes.push(`tasks_changed AS (
      UPDATE task SET ${[
        ...TASK_PATCH_COLUMNS.map(([name]) => `${name} = COALESCE(p.${name}, task.${name})`),
        ...TASK_HOLDING_COLUMNS.map(([name]) => `${name} = CASE WHEN p.held THEN p.${name} ELSE task.${name} END`),
      ].join(', ')}
      FROM guard, jsonb_to_recordset(${json(plan.taskPatches)}) AS p(${definitions(patchColumns)})
      WHERE task.id = p.id AND task.instance_id = guard.id)`);
  }
  if (plan.externalTaskInserts.length > 0) {
    ctes.push(`external_tasks_created AS (
      INSERT INTO external_task (instance_id, ${names(EXTERNAL_TASK_COLUMNS)})
      SELECT guard.id, ${names(EXTERNAL_TASK_COLUMNS, 'e.')}
      FROM guard, jsonb_to_recordset(${json(plan.externalTaskInserts)}) AS e(${definitions(EXTERNAL_TASK_COLUMNS)}))`);
  }
  if (plan.externalTaskClosings.length > 0) {
    const closings = json(plan.externalTaskClosings);
    ctes.push(`external_tasks_closed AS (
      UPDATE external_task SET status = c.status, lock_expires_at = NULL
      FROM guard, jsonb_to_recordset(${closings}) AS c(${definitions(EXTERNAL_TASK_CLOSING_COLUMNS)})
      WHERE external_task.id = c.id AND external_task.instance_id = guard.id)`);
    // An incident on work that has left the wait state needs nobody any more.
    ctes.push(`incidents_resolved AS (
      UPDATE incident SET resolved_at = c.at
      FROM guard, jsonb_to_recordset(${closings}) AS c(${definitions(EXTERNAL_TASK_CLOSING_COLUMNS)})
      WHERE incident.external_task_id = c.id AND incident.instance_id = guard.id AND incident.resolved_at IS NULL)`);
  }
  if (plan.jobInserts.length > 0) {
    ctes.push(`jobs_scheduled AS (
      INSERT INTO job (instance_id, ${names(JOB_COLUMNS)})
      SELECT guard.id, ${names(JOB_COLUMNS, 'j.')}
      FROM guard, jsonb_to_recordset(${json(plan.jobInserts)}) AS j(${definitions(JOB_COLUMNS)}))`);
  }
  if (plan.jobDeletes.length > 0) {
    ctes.push(`jobs_done AS (
      DELETE FROM job USING guard
      WHERE job.instance_id = guard.id AND job.id = ANY(${param(plan.jobDeletes)}::uuid[])
      RETURNING job.id)`);
    // The incident of a parked job needs nobody once its timer is gone (fired, or the instance moved on).
    const at = commandTime(plan);
    if (at !== undefined) {
      ctes.push(`job_incidents_resolved AS (
        UPDATE incident SET resolved_at = ${param(at)}
        FROM jobs_done WHERE incident.job_id = jobs_done.id AND incident.resolved_at IS NULL)`);
    }
  }
  if (plan.subscriptionUpserts.length > 0) {
    ctes.push(`subscriptions_opened AS (
      INSERT INTO subscription (instance_id, ${names(SUBSCRIPTION_COLUMNS)})
      SELECT guard.id, ${names(SUBSCRIPTION_COLUMNS, 's.')}
      FROM guard, jsonb_to_recordset(${json(plan.subscriptionUpserts)}) AS s(${definitions(SUBSCRIPTION_COLUMNS)})
      ON CONFLICT (id) DO UPDATE SET activity_instance_id = EXCLUDED.activity_instance_id, element_id = EXCLUDED.element_id,
                                     name = EXCLUDED.name, correlation_key = EXCLUDED.correlation_key)`);
  }
  if (plan.subscriptionDeletes.length > 0) {
    ctes.push(`subscriptions_closed AS (
      DELETE FROM subscription USING guard
      WHERE subscription.instance_id = guard.id AND subscription.id = ANY(${param(plan.subscriptionDeletes)}::uuid[]))`);
  }
  if (plan.workItemMoves.length > 0) {
    const moves = json(plan.workItemMoves);
    ctes.push(`tasks_migrated AS (
      UPDATE task SET element_id = m.element_id, name = m.name, lane_id = m.lane_id
      FROM guard, jsonb_to_recordset(${moves}) AS m(${definitions(WORK_ITEM_MOVE_COLUMNS)})
      WHERE task.id = m.id AND task.instance_id = guard.id)`);
    ctes.push(`external_tasks_migrated AS (
      UPDATE external_task SET element_id = m.element_id
      FROM guard, jsonb_to_recordset(${moves}) AS m(${definitions(WORK_ITEM_MOVE_COLUMNS)})
      WHERE external_task.id = m.id AND external_task.instance_id = guard.id)`);
  }
  if (plan.analyticsPending.length > 0) {
    // Folded into the analytics aggregates by AnalyticsAggregator, which deletes them in the same transaction.
    ctes.push(`analytics_queued AS (
      INSERT INTO analytics_pending (activity_instance_id, instance_id)
      SELECT p.id, guard.id FROM guard, unnest(${param(plan.analyticsPending)}::uuid[]) AS p(id)
      ON CONFLICT DO NOTHING)`);
  }
  if (plan.analyticsCaseEnded) {
    ctes.push(`analytics_case_queued AS (
      INSERT INTO analytics_case_pending (instance_id) SELECT guard.id FROM guard ON CONFLICT DO NOTHING)`);
  }
  if (plan.audit.length > 0) {
    ctes.push(`audited AS (
      INSERT INTO instance_audit (instance_id, ${names(AUDIT_COLUMNS)})
      SELECT guard.id, ${names(AUDIT_COLUMNS, 'a.')}
      FROM guard, ROWS FROM (jsonb_to_recordset(${json(plan.audit)}) AS (${definitions(AUDIT_COLUMNS)}))
           WITH ORDINALITY AS a(${names(AUDIT_COLUMNS)}, position)
      ORDER BY a.position)`);
  }
  if (plan.experimentAssignment) {
    ctes.push(`experiment_assigned AS (
      INSERT INTO experiment_assignment (instance_id, ${names(EXPERIMENT_ASSIGNMENT_COLUMNS)})
      SELECT guard.id, ${names(EXPERIMENT_ASSIGNMENT_COLUMNS, 'a.')}
      FROM guard, jsonb_to_record(${json(plan.experimentAssignment)}) AS a(${definitions(EXPERIMENT_ASSIGNMENT_COLUMNS)}))`);
  }
  if (expectedRevision === null && state.businessKey !== undefined) {
    // A process marked tandem:uniqueBusinessKey claims its business key with the case; the primary
    // key refuses a second claim (a concurrent one waits for the first to commit, then fails).
    ctes.push(`business_key_claimed AS (
      INSERT INTO business_key_claim (process_key, business_key, instance_id)
      SELECT v.key, ${param(state.businessKey)}::text, guard.id
      FROM guard JOIN process_version v ON v.id = ${param(state.processVersionId)}::uuid
      WHERE v.graph ->> 'uniqueBusinessKey' = 'true')`);
  }
  if (answer) {
    ctes.push(`idempotency_answered AS (
      UPDATE idempotency_key SET status = ${param(answer.status)}, headers = ${json(answer.headers)}, body = ${param(answer.body)},
                                 completed_at = ${param(answer.completed_at)}
      FROM guard
      WHERE idempotency_key.principal = ${param(answer.principal)} AND idempotency_key.key = ${param(answer.key)}
        AND idempotency_key.attempt = ${param(answer.attempt)}::uuid)`);
  }
  ctes.push(...callActivityCtes(plan.callActivities, param, json));
  if (Object.keys(plan.variableUpserts).length > 0) {
    ctes.push(`variables_set AS (
      INSERT INTO variable (instance_id, name, value)
      SELECT guard.id, v.key, v.value FROM guard, jsonb_each(${json(plan.variableUpserts)}) AS v
      ON CONFLICT (instance_id, name) DO UPDATE SET value = EXCLUDED.value)`);
  }
  if (plan.variableDeletes.length > 0) {
    ctes.push(`variables_unset AS (
      DELETE FROM variable USING guard
      WHERE variable.instance_id = guard.id AND variable.name = ANY(${param(plan.variableDeletes)}::text[]))`);
  }

  return { sql: `WITH ${ctes.join(',\n')}\nSELECT revision FROM guard`, params };
};

const CALL_ACTIVITY_COLUMNS: Columns = [
  ['activity_instance_id', 'uuid'],
  ['element_id', 'text'],
  ['process_key', 'text'],
  ['binding', 'jsonb'],
  ['variables', 'jsonb'],
  ['business_key', 'text'],
  ['status', 'text'],
  ['created_at', 'timestamptz'],
  ['closed_at', 'timestamptz'],
  ['follow_up_since', 'timestamptz'],
];

const CALL_ACTIVITY_CLOSING_COLUMNS: Columns = [
  ['activity_instance_id', 'uuid'],
  ['status', 'text'],
  ['at', 'timestamptz'],
];

/**
 * call_activity rows: the call activities the command started or closed (a canceled one owes the
 * cancellation of its child), and, for a called instance that started or ended, its parent's row.
 */
function callActivityCtes(plan: CallActivityPlan, param: (value: unknown) => string, json: (value: unknown) => string): string[] {
  const ctes: string[] = [];
  if (plan.inserts.length > 0) {
    ctes.push(`call_activities_started AS (
      INSERT INTO call_activity (instance_id, ${names(CALL_ACTIVITY_COLUMNS)})
      SELECT guard.id, ${names(CALL_ACTIVITY_COLUMNS, 'c.')}
      FROM guard, jsonb_to_recordset(${json(plan.inserts)}) AS c(${definitions(CALL_ACTIVITY_COLUMNS)}))`);
  }
  if (plan.closings.length > 0) {
    ctes.push(`call_activities_closed AS (
      UPDATE call_activity SET status = c.status, closed_at = c.at,
                               follow_up_since = CASE WHEN c.status = 'canceled' THEN c.at END
      FROM guard, jsonb_to_recordset(${json(plan.closings)}) AS c(${definitions(CALL_ACTIVITY_CLOSING_COLUMNS)})
      WHERE call_activity.activity_instance_id = c.activity_instance_id AND call_activity.instance_id = guard.id)`);
  }
  if (plan.parentNotice) {
    // A waiting parent is owed nothing while its child runs, and the result once it ended, and
    // every error or escalation the child handed up. A child started (or running) under a call
    // activity already closed owes its cancellation, until it has ended.
    const { activity_instance_id, event, threw, at } = plan.parentNotice;
    const since = `${param(at)}::timestamptz`;
    const whileWaiting = event === 'ended' || (event === 'started' && threw) ? since : event === 'started' ? 'NULL' : `COALESCE(call_activity.follow_up_since, ${since})`;
    ctes.push(`parent_call_activity_noticed AS (
      UPDATE call_activity SET follow_up_since = CASE
          WHEN call_activity.status = 'waiting' THEN ${whileWaiting}
          ELSE ${event === 'ended' ? 'NULL' : since} END
      FROM guard
      WHERE call_activity.activity_instance_id = ${param(activity_instance_id)})`);
  }
  return ctes;
}

/** When the command happened: its latest step or audit record (ISO instants in UTC compare as text). */
const commandTime = (plan: CommitPlan): string | undefined =>
  [...plan.steps, ...plan.audit].reduce<string | undefined>((latest, { at }) => (latest === undefined || at > latest ? at : latest), undefined);

const names = (columns: Columns, prefix = ''): string => columns.map(([name]) => `${prefix}${name}`).join(', ');

const definitions = (columns: Columns): string => columns.map(([name, type]) => `${name} ${type}`).join(', ');
