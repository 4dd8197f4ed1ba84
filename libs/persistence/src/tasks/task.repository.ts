import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { StoredInstance } from '../instances/instance.repository.js';
import type { TaskCommentFields, TaskCountView, TaskEscalationFields, TaskFields, TaskHistoryStepFields, TaskListView, TaskSort, TaskState, TaskStatus } from '#api-types';
import { Sql } from '../sql.js';

/** Where a waiting task is in its life (see the engine's tasks/task-lifecycle.ts), and whether it is still open. */
export type { TaskListView, TaskSort, TaskState, TaskStatus };

/** A task as the repository reads it: the API's fields with instants as dates. */
export type TaskRecord = TaskFields<Date>;

/** A task's last escalation, from its `escalated` step. */
export type TaskEscalation = TaskEscalationFields<Date>;

/** A task as lists and a single read show it: with its last escalation (null: none). */
export type ShownTaskRecord = TaskRecord & { escalation: TaskEscalation | null; columns?: Record<string, unknown> };

export interface TaskFilter {
  view?: TaskListView;
  /** The caller, for `view` and visibility; absent for an admin, who sees every task. */
  candidate?: TaskCandidate;
  /** The caller's name, for `view=mine` when they are an admin. */
  username?: string;
  instanceId?: string;
  candidateGroup?: string;
  candidateUser?: string;
  assignee?: string;
  status?: TaskStatus;
  stage?: string;
  /** Tasks of at least this priority. */
  priority?: number;
  category?: string;
  processKey?: string;
  /** Tasks due before this instant. */
  dueBefore?: Date;
  breached?: boolean;
  /** Default: priority (highest first), then due date (soonest first). */
  sort?: TaskSort;
  order?: 'asc' | 'desc';
  /** Case variables to answer beside each task (`columns`). */
  columns?: readonly string[];
  /** false: the page only, its total not counted (a caller that counts elsewhere, or needs no total). */
  total?: boolean;
  limit: number;
  offset: number;
}

/** What a count filters by: a list's filter without its page, order and columns. */
export type TaskCountFilter = Omit<TaskFilter, 'limit' | 'offset' | 'sort' | 'order' | 'columns' | 'total'>;

/** A page of tasks, and the number of all matching ones unless the filter said `total: false`. */
export interface TaskPage {
  items: ShownTaskRecord[];
  total?: number;
}

/** A count up to a cap: `more` when tasks past the cap match too (then `count` is the cap). */
export type TaskCount = TaskCountView;

export interface TaskCandidate {
  username: string;
  groups: readonly string[];
}

/** One step of a case, for the task's history. */
export type TaskHistoryStep = TaskHistoryStepFields<Date>;

export type TaskComment = TaskCommentFields<Date>;

/** Whether the user may work the task; the same rule as the `candidate` filter of `list`. */
export const isCandidate = (task: Pick<TaskRecord, 'assignee' | 'candidateUsers' | 'candidateGroups'>, { username, groups }: TaskCandidate): boolean =>
  task.assignee === username || task.candidateUsers.includes(username) || task.candidateGroups.some((group) => groups.includes(group));

const TASK_COLUMNS = [
  't.id',
  't.instance_id AS "instanceId"',
  't.process_key AS "processKey"',
  't.element_id AS "elementId"',
  't.name',
  't.lane_id AS "laneId"',
  't.candidate_groups AS "candidateGroups"',
  't.candidate_users AS "candidateUsers"',
  't.assignee',
  't.owner',
  't.form_key AS "formKey"',
  't.state',
  't.priority',
  't.category',
  't.stage',
  't.value_class AS "valueClass"',
  't.due_at AS "dueAt"',
  't.follow_up_at AS "followUpAt"',
  't.breached_at AS "breachedAt"',
  't.status',
  't.created_at AS "createdAt"',
  't.claimed_at AS "claimedAt"',
  't.started_at AS "startedAt"',
  't.completed_at AS "completedAt"',
  't.canceled_at AS "canceledAt"',
].join(', ');

/** The instance's columns a task shows (its version moves with a migration, so it is not copied onto the task). */
const INSTANCE_COLUMNS = 'i.process_version_id AS "processVersionId", i.business_key AS "businessKey"';

/**
 * The task's last `escalated` step, joined to a page (or one task) after its limit: one index probe
 * per shown task (step_event_activity_instance_idx), in the same statement.
 */
const ESCALATION_JOIN = `LEFT JOIN LATERAL (
    SELECT jsonb_build_object('reasonCode', s.detail->>'reasonCode', 'comment', s.detail->>'comment', 'by', s.actor, 'at', s.at, 'fromLaneId', s.lane_id) AS escalation
    FROM step_event s WHERE s.activity_instance_id = t.id AND s.type = 'escalated' ORDER BY s.seq DESC LIMIT 1
  ) e ON true`;

const escalationOf = (row: { escalation: (Omit<TaskEscalation, 'at'> & { at: string }) | null }): TaskEscalation | null =>
  row.escalation === null ? null : { ...row.escalation, at: new Date(row.escalation.at) };

/** Each plain filter field and the condition it adds; arrays are matched by containment (GIN-indexed). */
const FILTERS: ReadonlyArray<[keyof TaskCountFilter, (param: string) => string]> = [
  ['instanceId', (param) => `t.instance_id = ${param}`],
  ['candidateGroup', (param) => `t.candidate_groups @> ARRAY[${param}::text]`],
  ['candidateUser', (param) => `t.candidate_users @> ARRAY[${param}::text]`],
  ['assignee', (param) => `t.assignee = ${param}`],
  ['stage', (param) => `t.stage = ${param}`],
  ['priority', (param) => `t.priority >= ${param}`],
  ['category', (param) => `t.category = ${param}`],
  ['processKey', (param) => `t.process_key = ${param}`],
  ['dueBefore', (param) => `t.due_at < ${param}`],
  ['breached', (param) => `(t.breached_at IS NOT NULL) = ${param}`],
];

const STATUS_LITERALS: Record<TaskStatus, string> = { open: 'open', completed: 'completed', canceled: 'canceled' };

/** Sort keys; the default (priority) matches the partial queue indexes, so the first page is read in index order. */
const ORDERS: Record<TaskSort, (direction: 'ASC' | 'DESC') => string> = {
  priority: (direction) => `t.priority ${direction}, t.due_at ${direction === 'DESC' ? 'ASC' : 'DESC'} NULLS LAST, t.id`,
  due: (direction) => `t.due_at ${direction} NULLS LAST, t.priority DESC, t.id`,
  created: (direction) => `t.created_at ${direction}, t.id`,
};

@Injectable()
export class TaskRepository {
  private readonly sql: Sql;

  constructor(dataSource: DataSource) {
    this.sql = new Sql(dataSource);
  }

  async findById(id: string): Promise<ShownTaskRecord | null> {
    const rows = await this.sql.rows<ShownTaskRecord>(
      `SELECT ${TASK_COLUMNS}, ${INSTANCE_COLUMNS}, e.escalation FROM task t JOIN instance i ON i.id = t.instance_id ${ESCALATION_JOIN} WHERE t.id = $1`,
      [id],
    );
    return rows[0] === undefined ? null : { ...rows[0], escalation: escalationOf(rows[0] as never) };
  }

  /** The task with the state of its instance, in one round trip, for a task command. */
  async findWithInstance(id: string): Promise<{ task: TaskRecord; instance: StoredInstance } | null> {
    const rows = await this.sql.rows<TaskRecord & { instanceState: StoredInstance['state']; revision: number }>(
      `SELECT ${TASK_COLUMNS}, ${INSTANCE_COLUMNS}, i.state AS "instanceState", i.revision
       FROM task t JOIN instance i ON i.id = t.instance_id WHERE t.id = $1`,
      [id],
    );
    if (rows.length === 0) return null;
    const { instanceState, revision, ...task } = rows[0];
    return { task, instance: { state: instanceState, revision } };
  }

  /**
   * One page in the asked order, and the number of all matching tasks: counted by a statement of
   * its own only when the page is full (a window count would make the page read every match). The
   * instance columns are joined to the page only, after the limit.
   */
  async list(filter: TaskFilter): Promise<TaskPage> {
    const { where, values, param } = whereOf(filter);
    const direction = filter.order === undefined ? (filter.sort === 'priority' || filter.sort === undefined ? 'DESC' : 'ASC') : filter.order === 'asc' ? 'ASC' : 'DESC';
    const orderBy = ORDERS[filter.sort ?? 'priority'](direction);
    const countValues = [...values];
    // The asked case variables, read from the page's instances only (absent ones as null).
    const columns =
      filter.columns !== undefined && filter.columns.length > 0
        ? `, (SELECT jsonb_object_agg(name, i.state->'variables'->name) FROM unnest(${param(filter.columns)}::text[]) name) AS columns`
        : '';
    const rows = await this.sql.rows<ShownTaskRecord>(
      `SELECT t.*, ${INSTANCE_COLUMNS}, e.escalation${columns}
       FROM (SELECT ${TASK_COLUMNS} FROM task t ${where} ORDER BY ${orderBy} LIMIT ${param(filter.limit)} OFFSET ${param(filter.offset)}) t
       JOIN instance i ON i.id = t."instanceId"
       ${ESCALATION_JOIN}
       ORDER BY ${orderBy.replace(/t\.(\w+)/g, (_, column: string) => `t."${camel(column)}"`)}`,
      values,
    );
    const items = rows.map((row) => ({ ...row, escalation: escalationOf(row as never) }));
    if (filter.total === false) return { items };
    // A page that is not full tells the total (an empty first page: none); a full one, or an empty one past the end, is counted.
    if (items.length > 0 ? items.length < filter.limit : filter.offset === 0) return { items, total: filter.offset + items.length };
    const [{ total }] = await this.sql.rows<{ total: string }>(`SELECT count(*) AS total FROM task t ${where}`, countValues);
    return { items, total: Number(total) };
  }

  /**
   * How many tasks match, counted up to `cap`: the count stops reading at the first task past it
   * (`more`), so a queue of 100,000 costs what one of 51 does. A tab says "50+" where an exact
   * figure would cost a scan of the whole queue. Read in the first page's order, so the plan is the
   * first page's: a walk of the partial open-task index that stops after cap + 1 rows (a plain
   * LIMIT would let the planner pick a sequential scan, which reads every closed task lying
   * before the open ones in the table).
   */
  async countUpTo(filter: TaskCountFilter, cap: number): Promise<TaskCount> {
    const { where, values, param } = whereOf(filter);
    const [{ found }] = await this.sql.rows<{ found: number }>(
      `SELECT count(*)::int AS found FROM (SELECT 1 FROM task t ${where} ORDER BY ${ORDERS.priority('DESC')} LIMIT ${param(cap + 1)}) matching`,
      values,
    );
    return { count: Math.min(found, cap), more: found > cap };
  }

  async addComment(comment: TaskComment): Promise<void> {
    await this.sql.rows(`INSERT INTO task_comment (id, task_id, author, text, created_at) VALUES ($1, $2, $3, $4, $5)`, [
      comment.id,
      comment.taskId,
      comment.author,
      comment.text,
      comment.createdAt,
    ]);
  }

  /** A task's comments, oldest first. */
  async findComments(taskId: string): Promise<TaskComment[]> {
    return this.sql.rows<TaskComment>(`SELECT id, task_id AS "taskId", author, text, created_at AS "createdAt" FROM task_comment WHERE task_id = $1 ORDER BY created_at, id`, [
      taskId,
    ]);
  }

  /** Every step of the task's case so far, in ledger order: the case's history beside the task. */
  async findHistory(instanceId: string): Promise<TaskHistoryStep[]> {
    return this.sql.rows<TaskHistoryStep>(
      `SELECT activity_instance_id AS "activityInstanceId", element_id AS "elementId", element_type AS "elementType",
              type, at, actor, lane_id AS "laneId", detail
       FROM step_event WHERE instance_id = $1 ORDER BY seq`,
      [instanceId],
    );
  }
}

/** The WHERE clause of a filter, and its values so far (`param` adds more, numbered after them). */
function whereOf(filter: TaskCountFilter): { where: string; values: unknown[]; param: (value: unknown) => string } {
  const values: unknown[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const conditions = FILTERS.filter(([field]) => filter[field] !== undefined).map(([field, condition]) => condition(param(filter[field])));
  // A literal, not a parameter: only then can a prepared statement's plan use the partial indexes on open tasks.
  if (filter.status !== undefined) conditions.unshift(`t.status = '${STATUS_LITERALS[filter.status]}'`);
  conditions.push(...viewConditions(filter, param));
  return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', values, param };
}

/** The view's conditions on who holds the task and whom it is offered to. */
function viewConditions({ view, candidate, username }: TaskCountFilter, param: (value: unknown) => string): string[] {
  const offered = (user: string, groups: string) => `(t.candidate_users @> ARRAY[${user}::text] OR t.candidate_groups && ${groups}::text[])`;
  if (candidate === undefined) {
    if (view === 'mine') return [`t.assignee = ${param(username ?? '')}`];
    if (view === 'queue') return ['t.assignee IS NULL'];
    return [];
  }
  const user = param(candidate.username);
  if (view === 'mine') return [`t.assignee = ${user}`];
  const groups = param(candidate.groups);
  switch (view) {
    case 'queue':
      return ['t.assignee IS NULL', offered(user, groups)];
    case 'all':
      return [`(t.assignee = ${user} OR (t.assignee IS NULL AND ${offered(user, groups)}))`];
    default:
      return [`(t.assignee = ${user} OR ${offered(user, groups)})`];
  }
}

const camel = (column: string): string => column.replace(/_(\w)/g, (_, letter: string) => letter.toUpperCase());
