/**
 * The task list's answers (GET /api/tasks and a task's form, history and comments): the engine's
 * view classes implement these and the tasklist reads them. Instants are ISO strings.
 */
import type { FormSchema } from '#bpmn';
import type { ActivityState, StepType } from '#engine';

/** Where an open task is in its life; the last one for a closed task. */
export type TaskState = ActivityState;
export type TaskStatus = 'open' | 'completed' | 'canceled';

/**
 * Which tasks a list shows the viewer: `mine` those assigned to them, `queue` the open unassigned
 * ones offered to them (by name or one of their groups), `all` both. Without a viewer (an admin)
 * `mine` is nobody's, `queue` every unassigned task, `all` every task. Absent: every task the
 * viewer may see (assigned to them or offered to them, whoever holds it).
 */
export type TaskListView = 'mine' | 'queue' | 'all';

/**
 * How many tasks a query matches (GET /api/tasks/count), counted up to a cap: below it `count` is
 * exact and `more` false; past it `count` is the cap and `more` true (a tab shows "50+").
 */
export interface TaskCountView {
  count: number;
  more: boolean;
}

/** What a task list is sorted by (GET /api/tasks?sort=). */
export type TaskSort = 'due' | 'priority' | 'created';

/**
 * A task's fields, with its instants as `Instant`: `Date` where the repository reads them, ISO
 * strings where the API answers them (TaskView).
 */
export interface TaskFields<Instant> {
  /** the user task's activity instance id */
  id: string;
  instanceId: string;
  processKey: string;
  processVersionId: string;
  businessKey: string | null;
  elementId: string;
  name: string | null;
  /** the lane it is queued at (the next one after an escalation to it) */
  laneId: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  assignee: string | null;
  /** while delegated: the assignee it returns to */
  owner: string | null;
  formKey: string | null;
  state: TaskState;
  /** 0-100, higher first */
  priority: number;
  category: string | null;
  stage: string | null;
  valueClass: string | null;
  dueAt: Instant | null;
  followUpAt: Instant | null;
  /** when the due date passed while the task was open */
  breachedAt: Instant | null;
  status: TaskStatus;
  createdAt: Instant;
  claimedAt: Instant | null;
  /** when the current holder last started work */
  startedAt: Instant | null;
  completedAt: Instant | null;
  canceledAt: Instant | null;
}

/** The last escalation of a task, from its `escalated` step. */
export interface TaskEscalationFields<Instant> {
  reasonCode: string;
  comment: string | null;
  /** who escalated it */
  by: string | null;
  at: Instant;
  /** the lane (tier) it was escalated from */
  fromLaneId: string | null;
}

/** As answered: with the name of the tier it came from, from the case's model. */
export interface TaskEscalationView extends TaskEscalationFields<string> {
  fromLaneName: string | null;
}

/** Where an escalation of the task would go, when the model says so before it happens (a lane's or a fixed group). */
export interface TaskEscalationTargetView {
  groups: string[];
  /** the tier's lane, for a lane escalation */
  laneName: string | null;
}

/** One task as GET /api/tasks lists it. */
export interface TaskView extends TaskFields<string> {
  /** whether the model gives the task somewhere to escalate to */
  escalatable: boolean;
  /**
   * where an escalation would go, when the model fixes it (null: a boundary event or an expression
   * decides when it happens, or it cannot be escalated)
   */
  escalationTarget: TaskEscalationTargetView | null;
  /** its last escalation (null: never escalated); lists and GET /tasks/{id} carry it, a command's answer leaves it out */
  escalation?: TaskEscalationView | null;
  /** the case variables a list asked for (`?columns=customer,channel`), null where the case has none */
  columns?: Record<string, unknown>;
  /** the address of a form an outside app shows (Camunda 8's `zeebe:formDefinition externalReference`); null when none */
  externalFormReference: string | null;
  /** the user task's `zeebe:properties` in the model, name to value; `{}` when none */
  properties: Record<string, string>;
}

/** GET /api/tasks/{id}/form: the schema to render, prefilled from the case's variables. */
export interface TaskFormView {
  schema: FormSchema;
  variables: Record<string, unknown>;
  /** the deployed form it comes from (form:<key>), null for an embedded form */
  formKey: string | null;
  formVersion: number | null;
}

/** One step of the case a task belongs to, as stored (`Date`) or answered (ISO string): what happened where, when, and who did it. */
export interface TaskHistoryStepFields<Instant> {
  activityInstanceId: string;
  elementId: string;
  elementType: string;
  type: StepType;
  at: Instant;
  actor: string | null;
  laneId: string | null;
  /** by, reasonCode, comment, target, clock, dueAt */
  detail: Record<string, unknown> | null;
}

/** The step with the names of its element and lane, from the case's model. */
export interface TaskHistoryStepView extends TaskHistoryStepFields<string> {
  elementName: string | null;
  laneName: string | null;
}

/** A comment on a task, as stored (`Date`) or answered (ISO string). */
export interface TaskCommentFields<Instant> {
  id: string;
  taskId: string;
  author: string;
  text: string;
  createdAt: Instant;
}

export type TaskCommentView = TaskCommentFields<string>;

/**
 * One `task` event of GET /api/tasks/events (Server-Sent Events): a task the viewer may see (before
 * or after the change) was created, claimed, put back, escalated, completed, canceled, breached its
 * SLA or otherwise changed hands. The stream also sends `ready` when it is open and `resync` when
 * changes may have been missed (every list should be read again).
 */
export interface TaskEventView {
  taskId: string;
  instanceId: string;
  change: 'created' | 'claimed' | 'unclaimed' | 'escalated' | 'completed' | 'canceled' | 'breached' | 'updated';
  /** who holds the task now (null: nobody, or it ended unheld) */
  assignee: string | null;
  /** whom it is offered to now */
  candidateGroups: string[];
}

/** GET /api/analytics/events, event `cases`: cases that started or ended, in commit order. */
export interface CaseEventView {
  changes: Array<{ instanceId: string; processVersionId: string; change: 'started' | 'ended' }>;
}

/** POST /api/tasks/events/tickets (or /api/analytics/events/tickets): what opens one event stream (`?ticket=`), for a minute. */
export interface TaskEventTicketView {
  ticket: string;
  expiresAt: string;
}
