import type { Effect, EngineResult, InstanceState, StepEvent, Subscription, Timer } from '#engine';
import { planCallActivities, type CallActivityPlan } from '../call-activities/call-activity-plan.js';
import type { NewAssignment } from '../experiments/experiment-assignment.js';
import { EXPERIMENT_ASSIGNMENT, EXTERNAL_TASK, IDEMPOTENCY_KEY, JOB, pick, STEP_EVENT, SUBSCRIPTION, TASK, type Columns, type RowOf } from '../tables.js';
import { auditRow, type AuditRow } from './instance-audit.js';

/** Columns a task patch changes only when given (COALESCE keeps the stored value for a null). */
export const TASK_PATCH_COLUMNS = pick(TASK.columns, 'status', 'completed_at', 'canceled_at', 'breached_at', 'due_at');

/** Columns a `held` patch (a task command's snapshot of who holds the task) sets, nulls included. */
export const TASK_HOLDING_COLUMNS = pick(TASK.columns, 'state', 'assignee', 'owner', 'candidate_groups', 'candidate_users', 'lane_id', 'claimed_at', 'started_at');

/** The element a migrated task or external task now shows (absent name and lane clear them). */
export const WORK_ITEM_MOVE_COLUMNS = pick(TASK.columns, 'id', 'element_id', 'name', 'lane_id');

/** An external task that left the wait state, and when: its open incidents resolve then. */
export const EXTERNAL_TASK_CLOSING_COLUMNS = { ...pick(EXTERNAL_TASK.columns, 'id', 'status'), at: 'timestamptz' } as const satisfies Columns;

export type WorkItemStatus = 'open' | 'completed' | 'canceled';

/** A row the commit inserts into `task`. */
export type TaskRow = RowOf<typeof TASK.columns, { status: WorkItemStatus }>;

/**
 * Changes to a `task` row that existed before the command; absent fields stay as they are, except
 * that a `held` patch (a task command's snapshot) sets every holding field, nulls included.
 */
export type TaskPatch = { id: string; held?: boolean } & Partial<RowOf<typeof TASK_PATCH_COLUMNS, { status: WorkItemStatus }> & RowOf<typeof TASK_HOLDING_COLUMNS>>;

/** A task or external task whose activity instance a migration moved to another element. */
export type WorkItemMove = RowOf<typeof WORK_ITEM_MOVE_COLUMNS>;

export type ExternalTaskRow = RowOf<typeof EXTERNAL_TASK.columns, { status: WorkItemStatus }>;

/** An external task that left the wait state; its lock is released with it. */
export type ExternalTaskClosing = RowOf<typeof EXTERNAL_TASK_CLOSING_COLUMNS, { status: Exclude<WorkItemStatus, 'open'> }>;

/** An instance's timer, or a task's SLA clock. */
export type JobRow = RowOf<typeof JOB.columns, { type: 'timer' | 'slaBreach' }>;

/** An open message or signal subscription, as `subscription` holds it for routing. */
export type SubscriptionRow = RowOf<typeof SUBSCRIPTION.columns, { event_type: Subscription['eventType'] }>;

export type StepRow = RowOf<typeof STEP_EVENT.columns, { detail: Record<string, unknown> | null }>;

/** The arm of an experiment a started case met (issue 7): written with the case or not at all. */
export type ExperimentAssignmentRow = RowOf<typeof EXPERIMENT_ASSIGNMENT.columns>;

/**
 * Everything one engine result changes, folded per row so that each row is written once:
 * a task created and canceled by the same command is one insert, never an insert plus an update.
 */
export interface CommitPlan {
  state: InstanceState;
  steps: StepRow[];
  taskInserts: TaskRow[];
  taskPatches: TaskPatch[];
  externalTaskInserts: ExternalTaskRow[];
  externalTaskClosings: ExternalTaskClosing[];
  jobInserts: JobRow[];
  jobDeletes: string[];
  /** Subscriptions opened, or changed (an instance migrated to another version), by the command. */
  subscriptionUpserts: SubscriptionRow[];
  subscriptionDeletes: string[];
  /** Variables new or changed since the previous state (values as JSON). */
  variableUpserts: Record<string, unknown>;
  variableDeletes: string[];
  callActivities: CallActivityPlan;
  /** Tasks and external tasks a migration moved: their rows show the new element. */
  workItemMoves: WorkItemMove[];
  /** The audit records of operator commands (cancel, suspend, resume, set variables, migrate). */
  audit: AuditRow[];
  /** Activity instances the command ended (completed or canceled): queued for the analytics aggregates. */
  analyticsPending: string[];
  /** The command ended the instance: its case figures are queued for the analytics aggregates. */
  analyticsCaseEnded: boolean;
  /** Set by the caller (not by planCommit) when an experiment routed the started case. */
  experimentAssignment?: ExperimentAssignmentRow;
  /** Set by the caller for a start sent with an Idempotency-Key: its answer, stored with the case or not at all. */
  idempotentAnswer?: IdempotentAnswerRow;
  /** Set by the caller for a start of a process marked tandem:uniqueBusinessKey: the case claims its business key. */
  uniqueBusinessKey?: true;
}

/** The answer to a keyed start, written by the claim that holds the key (see IdempotencyKeyRepository). */
export type IdempotentAnswerRow = RowOf<
  Pick<typeof IDEMPOTENCY_KEY.columns, 'principal' | 'key' | 'attempt' | 'status' | 'headers' | 'body' | 'completed_at'>,
  { status: number; headers: Record<string, string>; body: string; completed_at: string }
>;

/** The rows that follow the effects, folded per row while the effects are read in order. */
interface EffectRows {
  state: InstanceState;
  taskInserts: Map<string, TaskRow>;
  taskPatches: Map<string, TaskPatch>;
  externalTaskInserts: Map<string, ExternalTaskRow>;
  externalTaskClosings: ExternalTaskClosing[];
  workItemMoves: WorkItemMove[];
  /** Written with the change they record, or not at all. */
  audit: AuditRow[];
}

type EffectHandlers = { [E in Effect as E['kind']]: (rows: EffectRows, effect: E) => void };

/** A task created by the same command takes the change in its insert; an earlier one gets (one) patch. */
const patchTask = (rows: EffectRows, id: string, change: Omit<TaskPatch, 'id'>): void => {
  const inserted = rows.taskInserts.get(id);
  if (inserted) Object.assign(inserted, change);
  else rows.taskPatches.set(id, { ...rows.taskPatches.get(id), ...change, id });
};

/** The effect leaves no row of its own here: what it changes is written from elsewhere (named beside it). */
const noRow = (): void => undefined;

/** What each kind of effect writes, as libs/engine's commands.ts pairs each command with its handler. */
const EFFECT_ROWS: EffectHandlers = {
  taskCreated: (rows, { task }) => {
    rows.taskInserts.set(task.id, {
      id: task.id,
      element_id: task.elementId,
      name: task.name ?? null,
      lane_id: task.laneId ?? null,
      candidate_groups: task.candidateGroups,
      candidate_users: task.candidateUsers,
      assignee: task.assignee ?? null,
      form_key: task.formKey ?? null,
      due_at: task.dueAt ?? null,
      status: 'open',
      created_at: task.createdAt,
      claimed_at: null,
      completed_at: null,
      canceled_at: null,
      state: 'ready',
      owner: null,
      process_key: rows.state.processKey,
      priority: task.priority,
      category: task.category ?? null,
      stage: task.stage ?? null,
      value_class: task.valueClass ?? null,
      follow_up_at: task.followUpAt ?? null,
      started_at: null,
      breached_at: null,
    });
  },
  taskUpdated: (rows, effect) =>
    patchTask(rows, effect.taskId, {
      held: true,
      state: effect.state,
      assignee: effect.assignee,
      owner: effect.owner,
      candidate_groups: effect.candidateGroups,
      candidate_users: effect.candidateUsers,
      lane_id: effect.laneId,
      claimed_at: effect.claimedAt,
      started_at: effect.startedAt,
      // An escalation to a tier with its own SLA moves the due date.
      ...(effect.dueAt !== undefined && { due_at: effect.dueAt }),
    }),
  // Only the due date's breach is the task's; a follow-up date passing is the ledger's marker alone.
  taskBreached: (rows, effect) => {
    if (effect.clock === 'due') patchTask(rows, effect.taskId, { breached_at: effect.at });
  },
  taskClosed: (rows, effect) =>
    patchTask(rows, effect.id, effect.outcome === 'completed' ? { status: 'completed', completed_at: effect.at } : { status: 'canceled', canceled_at: effect.at }),
  externalTaskCreated: (rows, { externalTask }) => {
    rows.externalTaskInserts.set(externalTask.id, {
      id: externalTask.id,
      element_id: externalTask.elementId,
      topic: externalTask.topic,
      retries: externalTask.retries,
      status: 'open',
      created_at: externalTask.createdAt,
    });
  },
  externalTaskClosed: (rows, effect) => {
    const inserted = rows.externalTaskInserts.get(effect.id);
    if (inserted) inserted.status = effect.outcome;
    else rows.externalTaskClosings.push({ id: effect.id, status: effect.outcome, at: effect.at });
  },
  instanceMigrated: (rows, effect) => {
    for (const { id, elementId, name, laneId } of effect.activities) rows.workItemMoves.push({ id, element_id: elementId, name: name ?? null, lane_id: laneId ?? null });
    const { fromProcessVersionId, toProcessVersionId, elementIds } = effect;
    rows.audit.push(auditRow('migrate', effect, { fromProcessVersionId, toProcessVersionId, elementIds }));
  },
  // Only cancelInstance ends an instance as canceled; a completed one, or a called one ended by its error, is no operator's doing.
  instanceEnded: (rows, effect) => {
    if (effect.status === 'canceled' && !effect.byError) rows.audit.push(auditRow('cancel', effect));
  },
  instanceSuspended: (rows, effect) => {
    rows.audit.push(auditRow('suspend', effect));
  },
  instanceResumed: (rows, effect) => {
    rows.audit.push(auditRow('resume', effect));
  },
  variablesSet: (rows, effect) => {
    const activity = effect.activityInstanceId !== undefined && { activityInstanceId: effect.activityInstanceId };
    rows.audit.push(auditRow('setVariables', effect, { names: effect.names, ...activity }));
  },
  // Jobs follow the state's timers, subscription rows its subscriptions, the instance row and variables the state (planCommit, below).
  timerScheduled: noRow,
  timerCanceled: noRow,
  subscriptionOpened: noRow,
  subscriptionClosed: noRow,
  // call_activity rows: planCallActivities.
  callActivityStarted: noRow,
  callActivityClosed: noRow,
  thrownToCallActivity: noRow,
  // Signals and uncaught escalations are handled by the app after the commit.
  signalThrown: noRow,
  escalationUncaught: noRow,
};

/**
 * Plans the writes for one engine result. Tasks, external tasks and audit records follow the effects; timer jobs
 * and variables follow the difference between the previous and the new state, which also covers
 * a timer that fired (it simply leaves the state).
 */
export const planCommit = (result: EngineResult, previous: InstanceState | null): CommitPlan => {
  const rows: EffectRows = {
    state: result.state,
    taskInserts: new Map(),
    taskPatches: new Map(),
    externalTaskInserts: new Map(),
    externalTaskClosings: [],
    workItemMoves: [],
    audit: [],
  };
  for (const effect of result.effects) {
    // The mapped type pairs each effect kind with its handler; indexing by a union loses that pairing.
    (EFFECT_ROWS[effect.kind] as (rows: EffectRows, effect: Effect) => void)(rows, effect);
  }
  const { taskInserts, taskPatches, externalTaskInserts, externalTaskClosings, workItemMoves, audit } = rows;

  const before = new Map<string, JobRow>(scheduledJobs(previous).map((job) => [job.id, job]));
  const after = new Set(scheduledJobs(result.state).map((job) => job.id));
  const { upserts, deletes } = diffVariables(previous?.variables ?? {}, result.state.variables);
  const subscriptionsBefore = new Map(routed(previous?.subscriptions ?? []).map((subscription) => [subscription.id, subscription]));
  const subscriptionsAfter = new Set(routed(result.state.subscriptions).map((subscription) => subscription.id));

  return {
    state: result.state,
    steps: result.steps.map(toStepRow),
    taskInserts: [...taskInserts.values()],
    taskPatches: [...taskPatches.values()],
    externalTaskInserts: [...externalTaskInserts.values()],
    externalTaskClosings,
    jobInserts: scheduledJobs(result.state).filter((job) => !before.has(job.id)),
    jobDeletes: [...before.keys()].filter((id) => !after.has(id)),
    subscriptionUpserts: routed(result.state.subscriptions)
      .filter((subscription) => JSON.stringify(subscription) !== JSON.stringify(subscriptionsBefore.get(subscription.id)))
      .map((subscription) => toSubscriptionRow(subscription, result.state)),
    subscriptionDeletes: [...subscriptionsBefore.keys()].filter((id) => !subscriptionsAfter.has(id)),
    variableUpserts: upserts,
    variableDeletes: deletes,
    callActivities: planCallActivities(result, previous),
    workItemMoves,
    audit,
    analyticsPending: result.steps.filter(({ type }) => type === 'completed' || type === 'canceled').map(({ activityInstanceId }) => activityInstanceId),
    analyticsCaseEnded: result.state.endedAt !== undefined && previous?.endedAt === undefined,
  };
};

/** The row of the arm the router picked (NewAssignment, the model's shape) for the case's commit. */
export const assignmentRow = (assignment: NewAssignment): ExperimentAssignmentRow => ({
  experiment_id: assignment.experimentId,
  arm_id: assignment.armId,
  process_version_id: assignment.processVersionId,
  reason: assignment.reason,
  unit_key: assignment.unitKey,
  hash: assignment.hash ?? null,
  ramp_step: assignment.rampStep ?? null,
  candidate_share: assignment.candidateShare ?? null,
  assigned_at: assignment.assignedAt.toISOString(),
});

/** The subscriptions the app routes messages and signals to; a conditional one is the engine's own, evaluated by commands. */
const routed = (subscriptions: Subscription[]): Subscription[] => subscriptions.filter(({ eventType }) => eventType !== 'conditional');

/**
 * The jobs an instance's state calls for: its timers and its tasks' running SLA clocks (a clock
 * leaves with its task, so an ended task's job goes too). None while the instance is suspended, so
 * they wait; resuming schedules them again.
 */
const scheduledJobs = (state: InstanceState | null): JobRow[] => {
  if (state === null || state.status === 'suspended') return [];
  const timers = state.timers.map((timer: Timer): JobRow => ({
    id: timer.id,
    type: 'timer',
    element_id: timer.elementId,
    activity_instance_id: timer.activityInstanceId,
    due_at: timer.dueAt,
  }));
  const clocks = state.activities.flatMap((activity) =>
    (activity.holding?.clocks ?? []).map((clock): JobRow => ({
      id: clock.id,
      type: 'slaBreach',
      element_id: activity.elementId,
      activity_instance_id: activity.id,
      due_at: clock.dueAt,
    })),
  );
  return [...timers, ...clocks];
};

const toStepRow = (step: StepEvent): StepRow => ({
  id: step.id,
  activity_instance_id: step.activityInstanceId,
  element_id: step.elementId,
  element_type: step.elementType,
  type: step.type,
  at: step.at,
  actor: step.actor ?? null,
  lane_id: step.laneId ?? null,
  previous_activity_instance_id: step.previousActivityInstanceId ?? null,
  detail: step.detail ?? null,
});

/** A subscription opens when its holder (an activity instance, or the instance for the process level) starts waiting. */
const toSubscriptionRow = (subscription: Subscription, state: InstanceState): SubscriptionRow => ({
  id: subscription.id,
  activity_instance_id: subscription.activityInstanceId,
  element_id: subscription.elementId,
  event_type: subscription.eventType,
  name: subscription.name,
  correlation_key: subscription.correlationKey ?? null,
  created_at: state.activities.find(({ id }) => id === subscription.activityInstanceId)?.readyAt ?? state.startedAt,
});

const diffVariables = (before: Record<string, unknown>, after: Record<string, unknown>) => {
  const upserts: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(after)) {
    if (!(name in before) || JSON.stringify(before[name]) !== JSON.stringify(value)) upserts[name] = value;
  }
  const deletes = Object.keys(before).filter((name) => !(name in after));
  return { upserts, deletes };
};
