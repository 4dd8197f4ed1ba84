import type { InstanceState } from '#engine';
import { CALL_ACTIVITY_CLOSING_COLUMNS, type CallActivityPlan } from '../call-activities/call-activity-plan.js';
import {
  CALL_ACTIVITY,
  columnDefinitions,
  columnNames,
  EXPERIMENT_ASSIGNMENT,
  EXTERNAL_TASK,
  INSTANCE,
  INSTANCE_AUDIT,
  JOB,
  omit,
  sqlType,
  STEP_EVENT,
  SUBSCRIPTION,
  TASK,
  type Column,
  type Columns,
  type RowOf,
  type Table,
} from '../tables.js';
import { EXTERNAL_TASK_CLOSING_COLUMNS, TASK_HOLDING_COLUMNS, TASK_PATCH_COLUMNS, WORK_ITEM_MOVE_COLUMNS, type CommitPlan } from './commit-plan.js';

export interface Statement {
  sql: string;
  params: unknown[];
}

/** Adds a statement parameter and answers its placeholder (`json`: as jsonb). */
interface Params {
  param: (value: unknown) => string;
  json: (value: unknown) => string;
}

/** The CTEs that write one table's share of a plan, each hanging off `guard`; none when the plan has nothing for it. */
type TableWrites = (plan: CommitPlan, params: Params, isStart: boolean) => string[];

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
  const values: unknown[] = [];
  const param = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  const params: Params = { param, json: (value) => `${param(JSON.stringify(value))}::jsonb` };
  const isStart = expectedRevision === null;
  const ctes = [...instanceWrites(plan, params, expectedRevision), ...TABLE_WRITES.flatMap((writes) => writes(plan, params, isStart))];
  return { sql: `WITH ${ctes.join(',\n')}\nSELECT revision FROM guard`, params: values };
};

/**
 * `guard`: the instance insert, or the update guarded by the expected revision. A new instance that
 * conflicts (a second child for one call activity instance: a retried start) writes nothing and
 * returns no row, like a stale revision. A keyed start commits only while its attempt still holds
 * the key: a retry that took over an abandoned claim (see IdempotencyKeyRepository.claim) makes it write nothing.
 */
const instanceWrites = ({ state, idempotentAnswer: answer }: CommitPlan, params: Params, expectedRevision: number | null): string[] => {
  const { param } = params;
  const row = instanceRow(state);
  const value = (name: keyof typeof INSTANCE_STATE_COLUMNS): string => typed(row[name], INSTANCE_STATE_COLUMNS[name], params);
  if (expectedRevision !== null) {
    return [
      `guard AS (
        UPDATE instance SET ${INSTANCE_CHANGES.map((name) => `${name} = ${value(name)}`).join(', ')}, revision = revision + 1
        WHERE id = ${param(state.id)} AND revision = ${param(expectedRevision)}
        RETURNING id, revision)`,
    ];
  }
  const held = answer
    ? [
        `idempotency_held AS (
      SELECT 1 FROM idempotency_key
      WHERE principal = ${param(answer.principal)} AND key = ${param(answer.key)} AND attempt = ${param(answer.attempt)}::uuid AND status IS NULL
      FOR UPDATE)`,
      ]
    : [];
  const values = `${Object.keys(INSTANCE_STATE_COLUMNS)
    .map((name) => value(name as keyof typeof INSTANCE_STATE_COLUMNS))
    .join(', ')}, 1`;
  return [
    ...held,
    `guard AS (
        INSERT INTO instance (${columnNames(INSTANCE_STATE_COLUMNS)}, revision)
        ${answer ? `SELECT ${values} FROM idempotency_held` : `VALUES (${values})`}
        ON CONFLICT DO NOTHING
        RETURNING id, revision)`,
  ];
};

/** The instance columns that follow from its engine state: all but the commit's revision and a simulated import's origin. */
const INSTANCE_STATE_COLUMNS = omit(INSTANCE.columns, 'revision', 'origin');

/** What a command may change of a case that exists. */
const INSTANCE_CHANGES = ['status', 'state', 'ended_at', 'process_version_id', 'business_key'] as const;

const instanceRow = (state: InstanceState): RowOf<typeof INSTANCE_STATE_COLUMNS> => ({
  id: state.id,
  process_version_id: state.processVersionId,
  process_key: state.processKey,
  business_key: state.businessKey ?? null,
  status: state.status,
  state,
  started_at: state.startedAt,
  ended_at: state.endedAt ?? null,
  parent_instance_id: state.parent?.instanceId ?? null,
  parent_activity_instance_id: state.parent?.activityInstanceId ?? null,
});

/** A value's placeholder cast to its column's type (a jsonb value travels as its JSON text). */
const typed = (value: unknown, column: Column, { param, json }: Params): string => (sqlType(column) === 'jsonb' ? json(value) : `${param(value)}::${sqlType(column)}`);

const stepEventWrites: TableWrites = ({ steps }, params) => (steps.length > 0 ? [insertRows('steps', STEP_EVENT, steps, params, { ordered: true })] : []);

const taskWrites: TableWrites = ({ taskInserts, taskPatches, workItemMoves }, params) => {
  const ctes: string[] = [];
  if (taskInserts.length > 0) ctes.push(insertRows('tasks_created', TASK, taskInserts, params));
  if (taskPatches.length > 0) {
    const patchColumns: Columns = { id: 'uuid', held: 'boolean', ...TASK_PATCH_COLUMNS, ...TASK_HOLDING_COLUMNS };
    ctes.push(`tasks_changed AS (
      UPDATE task SET ${[
        ...Object.keys(TASK_PATCH_COLUMNS).map((name) => `${name} = COALESCE(p.${name}, task.${name})`),
        ...Object.keys(TASK_HOLDING_COLUMNS).map((name) => `${name} = CASE WHEN p.held THEN p.${name} ELSE task.${name} END`),
      ].join(', ')}
      FROM guard, jsonb_to_recordset(${params.json(taskPatches)}) AS p(${columnDefinitions(patchColumns)})
      WHERE task.id = p.id AND task.instance_id = guard.id)`);
  }
  if (workItemMoves.length > 0) {
    ctes.push(`tasks_migrated AS (
      UPDATE task SET element_id = m.element_id, name = m.name, lane_id = m.lane_id
      FROM guard, jsonb_to_recordset(${params.json(workItemMoves)}) AS m(${columnDefinitions(WORK_ITEM_MOVE_COLUMNS)})
      WHERE task.id = m.id AND task.instance_id = guard.id)`);
  }
  return ctes;
};

const externalTaskWrites: TableWrites = ({ externalTaskInserts, externalTaskClosings, workItemMoves }, params) => {
  const ctes: string[] = [];
  if (externalTaskInserts.length > 0) ctes.push(insertRows('external_tasks_created', EXTERNAL_TASK, externalTaskInserts, params));
  if (externalTaskClosings.length > 0) {
    ctes.push(`external_tasks_closed AS (
      UPDATE external_task SET status = c.status, lock_expires_at = NULL
      FROM guard, jsonb_to_recordset(${params.json(externalTaskClosings)}) AS c(${columnDefinitions(EXTERNAL_TASK_CLOSING_COLUMNS)})
      WHERE external_task.id = c.id AND external_task.instance_id = guard.id)`);
  }
  if (workItemMoves.length > 0) {
    ctes.push(`external_tasks_migrated AS (
      UPDATE external_task SET element_id = m.element_id
      FROM guard, jsonb_to_recordset(${params.json(workItemMoves)}) AS m(${columnDefinitions(WORK_ITEM_MOVE_COLUMNS)})
      WHERE external_task.id = m.id AND external_task.instance_id = guard.id)`);
  }
  return ctes;
};

const jobWrites: TableWrites = ({ jobInserts, jobDeletes }, params) => {
  const ctes: string[] = [];
  if (jobInserts.length > 0) ctes.push(insertRows('jobs_scheduled', JOB, jobInserts, params));
  if (jobDeletes.length > 0) {
    ctes.push(`jobs_done AS (
      DELETE FROM job USING guard
      WHERE job.instance_id = guard.id AND job.id = ANY(${params.param(jobDeletes)}::uuid[])
      RETURNING job.id)`);
  }
  return ctes;
};

/** After jobWrites: a parked job's incident resolves with `jobs_done`. */
const incidentWrites: TableWrites = (plan, { param, json }) => {
  const ctes: string[] = [];
  if (plan.externalTaskClosings.length > 0) {
    // An incident on work that has left the wait state needs nobody any more.
    ctes.push(`incidents_resolved AS (
      UPDATE incident SET resolved_at = c.at
      FROM guard, jsonb_to_recordset(${json(plan.externalTaskClosings)}) AS c(${columnDefinitions(EXTERNAL_TASK_CLOSING_COLUMNS)})
      WHERE incident.external_task_id = c.id AND incident.instance_id = guard.id AND incident.resolved_at IS NULL)`);
  }
  const at = commandTime(plan);
  if (plan.jobDeletes.length > 0 && at !== undefined) {
    // The incident of a parked job needs nobody once its timer is gone (fired, or the instance moved on).
    ctes.push(`job_incidents_resolved AS (
        UPDATE incident SET resolved_at = ${param(at)}
        FROM jobs_done WHERE incident.job_id = jobs_done.id AND incident.resolved_at IS NULL)`);
  }
  return ctes;
};

const subscriptionWrites: TableWrites = ({ subscriptionUpserts, subscriptionDeletes }, params) => {
  const ctes: string[] = [];
  if (subscriptionUpserts.length > 0) {
    ctes.push(
      insertRows('subscriptions_opened', SUBSCRIPTION, subscriptionUpserts, params, {
        onConflict: `ON CONFLICT (id) DO UPDATE SET activity_instance_id = EXCLUDED.activity_instance_id, element_id = EXCLUDED.element_id,
                                     name = EXCLUDED.name, correlation_key = EXCLUDED.correlation_key`,
      }),
    );
  }
  if (subscriptionDeletes.length > 0) {
    ctes.push(`subscriptions_closed AS (
      DELETE FROM subscription USING guard
      WHERE subscription.instance_id = guard.id AND subscription.id = ANY(${params.param(subscriptionDeletes)}::uuid[]))`);
  }
  return ctes;
};

/** Folded into the analytics aggregates by AnalyticsAggregator, which deletes them in the same transaction. */
const analyticsPendingWrites: TableWrites = ({ analyticsPending }, { param }) =>
  analyticsPending.length > 0
    ? [
        `analytics_queued AS (
      INSERT INTO analytics_pending (activity_instance_id, instance_id)
      SELECT p.id, guard.id FROM guard, unnest(${param(analyticsPending)}::uuid[]) AS p(id)
      ON CONFLICT DO NOTHING)`,
      ]
    : [];

const analyticsCasePendingWrites: TableWrites = ({ analyticsCaseEnded }) =>
  analyticsCaseEnded
    ? [
        `analytics_case_queued AS (
      INSERT INTO analytics_case_pending (instance_id) SELECT guard.id FROM guard ON CONFLICT DO NOTHING)`,
      ]
    : [];

const instanceAuditWrites: TableWrites = ({ audit }, params) => (audit.length > 0 ? [insertRows('audited', INSTANCE_AUDIT, audit, params, { ordered: true })] : []);

const experimentAssignmentWrites: TableWrites = ({ experimentAssignment }, params) =>
  experimentAssignment ? [insertRows('experiment_assigned', EXPERIMENT_ASSIGNMENT, [experimentAssignment], params)] : [];

/**
 * A process marked tandem:uniqueBusinessKey claims its business key with the case; the primary
 * key refuses a second claim (a concurrent one waits for the first to commit, then fails). The
 * caller says whether the process is marked (it holds the compiled graph): reading the flag from
 * the stored graph made every start with a business key decompress that graph in the database.
 */
const businessKeyClaimWrites: TableWrites = ({ state, uniqueBusinessKey }, { param }, isStart) =>
  isStart && uniqueBusinessKey && state.businessKey !== undefined
    ? [
        `business_key_claimed AS (
      INSERT INTO business_key_claim (process_key, business_key, instance_id)
      SELECT ${param(state.processKey)}::text, ${param(state.businessKey)}::text, guard.id FROM guard)`,
      ]
    : [];

const idempotencyKeyWrites: TableWrites = ({ idempotentAnswer: answer }, { param, json }) =>
  answer
    ? [
        `idempotency_answered AS (
      UPDATE idempotency_key SET status = ${param(answer.status)}, headers = ${json(answer.headers)}, body = ${param(answer.body)},
                                 completed_at = ${param(answer.completed_at)}
      FROM guard
      WHERE idempotency_key.principal = ${param(answer.principal)} AND idempotency_key.key = ${param(answer.key)}
        AND idempotency_key.attempt = ${param(answer.attempt)}::uuid)`,
      ]
    : [];

/**
 * call_activity rows: the call activities the command started or closed (a canceled one owes the
 * cancellation of its child), and, for a called instance that started or ended, its parent's row.
 */
const callActivityWrites: TableWrites = ({ callActivities }, params) => callActivityCtes(callActivities, params);

const callActivityCtes = ({ inserts, closings, parentNotice }: CallActivityPlan, params: Params): string[] => {
  const { param, json } = params;
  const ctes: string[] = [];
  if (inserts.length > 0) ctes.push(insertRows('call_activities_started', CALL_ACTIVITY, inserts, params));
  if (closings.length > 0) {
    ctes.push(`call_activities_closed AS (
      UPDATE call_activity SET status = c.status, closed_at = c.at,
                               follow_up_since = CASE WHEN c.status = 'canceled' THEN c.at END
      FROM guard, jsonb_to_recordset(${json(closings)}) AS c(${columnDefinitions(CALL_ACTIVITY_CLOSING_COLUMNS)})
      WHERE call_activity.activity_instance_id = c.activity_instance_id AND call_activity.instance_id = guard.id)`);
  }
  if (parentNotice) {
    // A waiting parent is owed nothing while its child runs, and the result once it ended, and
    // every error or escalation the child handed up. A child started (or running) under a call
    // activity already closed owes its cancellation, until it has ended.
    const { activity_instance_id, event, threw, at } = parentNotice;
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
};

const variableWrites: TableWrites = ({ variableUpserts, variableDeletes }, { param, json }) => {
  const ctes: string[] = [];
  if (Object.keys(variableUpserts).length > 0) {
    ctes.push(`variables_set AS (
      INSERT INTO variable (instance_id, name, value)
      SELECT guard.id, v.key, v.value FROM guard, jsonb_each(${json(variableUpserts)}) AS v
      ON CONFLICT (instance_id, name) DO UPDATE SET value = EXCLUDED.value)`);
  }
  if (variableDeletes.length > 0) {
    ctes.push(`variables_unset AS (
      DELETE FROM variable USING guard
      WHERE variable.instance_id = guard.id AND variable.name = ANY(${param(variableDeletes)}::text[]))`);
  }
  return ctes;
};

/** One builder per table, after `guard`; a CTE may only read the ones before it (job incidents read `jobs_done`). */
const TABLE_WRITES: readonly TableWrites[] = [
  stepEventWrites,
  taskWrites,
  externalTaskWrites,
  jobWrites,
  incidentWrites,
  subscriptionWrites,
  analyticsPendingWrites,
  analyticsCasePendingWrites,
  instanceAuditWrites,
  experimentAssignmentWrites,
  businessKeyClaimWrites,
  idempotencyKeyWrites,
  callActivityWrites,
  variableWrites,
];

/**
 * Inserts JSON rows into a table, each with the guarded instance's id. `ordered` inserts them in
 * the given order (a serial id, as the ledger's, follows it).
 */
const insertRows = (cte: string, { name, columns }: Table, rows: readonly unknown[], { json }: Params, { ordered = false, onConflict = '' } = {}): string => {
  const source = ordered
    ? `ROWS FROM (jsonb_to_recordset(${json(rows)}) AS (${columnDefinitions(columns)}))
           WITH ORDINALITY AS r(${columnNames(columns)}, position)
      ORDER BY r.position`
    : `jsonb_to_recordset(${json(rows)}) AS r(${columnDefinitions(columns)})`;
  return `${cte} AS (
      INSERT INTO ${name} (instance_id, ${columnNames(columns)})
      SELECT guard.id, ${columnNames(columns, 'r.')}
      FROM guard, ${source}${onConflict === '' ? '' : `\n      ${onConflict}`})`;
};

/** When the command happened: its latest step or audit record (ISO instants in UTC compare as text). */
const commandTime = (plan: CommitPlan): string | undefined =>
  [...plan.steps, ...plan.audit].reduce<string | undefined>((latest, { at }) => (latest === undefined || at > latest ? at : latest), undefined);
