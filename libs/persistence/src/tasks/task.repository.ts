import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Page, StoredInstance } from '../instances/instance.repository.js';
import { Sql } from '../sql.js';

export type TaskStatus = 'open' | 'completed' | 'canceled';

export interface TaskRecord {
  id: string;
  instanceId: string;
  elementId: string;
  name: string | null;
  laneId: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  assignee: string | null;
  formKey: string | null;
  dueAt: Date | null;
  status: TaskStatus;
  createdAt: Date;
  claimedAt: Date | null;
  completedAt: Date | null;
  canceledAt: Date | null;
}

export interface TaskFilter {
  instanceId?: string;
  candidateGroup?: string;
  candidateUser?: string;
  assignee?: string;
  status?: TaskStatus;
  /** Only the tasks this user may work: assigned to them, naming them a candidate, or offered to a group of theirs. */
  candidate?: TaskCandidate;
  limit: number;
  offset: number;
}

export interface TaskCandidate {
  username: string;
  groups: readonly string[];
}

/** Whether the user may work the task; the same rule as the `candidate` filter of `list`. */
export const isCandidate = (task: Pick<TaskRecord, 'assignee' | 'candidateUsers' | 'candidateGroups'>, { username, groups }: TaskCandidate): boolean =>
  task.assignee === username || task.candidateUsers.includes(username) || task.candidateGroups.some((group) => groups.includes(group));

const TASK_COLUMNS = [
  't.id',
  't.instance_id AS "instanceId"',
  't.element_id AS "elementId"',
  't.name',
  't.lane_id AS "laneId"',
  't.candidate_groups AS "candidateGroups"',
  't.candidate_users AS "candidateUsers"',
  't.assignee',
  't.form_key AS "formKey"',
  't.due_at AS "dueAt"',
  't.status',
  't.created_at AS "createdAt"',
  't.claimed_at AS "claimedAt"',
  't.completed_at AS "completedAt"',
  't.canceled_at AS "canceledAt"',
].join(', ');

/** Each filter field and the condition it adds; arrays are matched by containment (GIN-indexed). */
const FILTERS: ReadonlyArray<[keyof TaskFilter, (param: string) => string]> = [
  ['instanceId', (param) => `t.instance_id = ${param}`],
  ['candidateGroup', (param) => `t.candidate_groups @> ARRAY[${param}::text]`],
  ['candidateUser', (param) => `t.candidate_users @> ARRAY[${param}::text]`],
  ['assignee', (param) => `t.assignee = ${param}`],
  ['status', (param) => `t.status = ${param}`],
];

@Injectable()
export class TaskRepository {
  private readonly sql: Sql;

  constructor(dataSource: DataSource) {
    this.sql = new Sql(dataSource);
  }

  async findById(id: string): Promise<TaskRecord | null> {
    const rows = await this.sql.rows<TaskRecord>(`SELECT ${TASK_COLUMNS} FROM task t WHERE t.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The task with the state of its instance, in one round trip, for a claim or complete command. */
  async findWithInstance(id: string): Promise<{ task: TaskRecord; instance: StoredInstance } | null> {
    const rows = await this.sql.rows<TaskRecord & StoredInstance>(
      `SELECT ${TASK_COLUMNS}, i.state, i.revision FROM task t JOIN instance i ON i.id = t.instance_id WHERE t.id = $1`,
      [id],
    );
    if (rows.length === 0) return null;
    const { state, revision, ...task } = rows[0];
    return { task, instance: { state, revision } };
  }

  /** Oldest first, with the number of all matching tasks counted in the same query. */
  async list(filter: TaskFilter): Promise<Page<TaskRecord>> {
    const values: unknown[] = [];
    const conditions = FILTERS.filter(([field]) => filter[field] !== undefined).map(([field, condition]) => {
      values.push(filter[field]);
      return condition(`$${values.length}`);
    });
    if (filter.candidate !== undefined) {
      values.push(filter.candidate.username, filter.candidate.groups);
      const [user, groups] = [`$${values.length - 1}`, `$${values.length}`];
      conditions.push(`(t.assignee = ${user} OR t.candidate_users @> ARRAY[${user}::text] OR t.candidate_groups && ${groups}::text[])`);
    }
    values.push(filter.limit, filter.offset);
    const rows = await this.sql.rows<TaskRecord & { total: string }>(
      `SELECT ${TASK_COLUMNS}, count(*) OVER () AS total FROM task t
       ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY t.created_at, t.id
       LIMIT $${values.length - 1} OFFSET $${values.length}`,
      values,
    );
    const total = rows.length > 0 ? Number(rows[0].total) : 0;
    return { items: rows.map(({ total: _total, ...task }) => task), total };
  }
}
