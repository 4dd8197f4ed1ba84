import type { EngineResult, InstanceState, StepEvent, Subscription, Timer } from '#engine';
import { planCallActivities, type CallActivityPlan } from '../call-activities/call-activity-plan.js';
import type { NewAssignment } from '../experiments/experiment-assignment.js';
import { auditRowsOf, type AuditRow } from './instance-audit.js';

/** A row the commit inserts into `task`. */
export interface TaskRow {
  id: string;
  element_id: string;
  name: string | null;
  lane_id: string | null;
  candidate_groups: string[];
  candidate_users: string[];
  assignee: string | null;
  form_key: string | null;
  due_at: string | null;
  status: WorkItemStatus;
  created_at: string;
  claimed_at: string | null;
  completed_at: string | null;
  canceled_at: string | null;
  state: string;
  owner: string | null;
  process_key: string;
  priority: number;
  category: string | null;
  stage: string | null;
  value_class: string | null;
  follow_up_at: string | null;
  started_at: string | null;
  breached_at: string | null;
}

/**
 * Changes to a `task` row that existed before the command; absent fields stay as they are, except
 * that a `held` patch (a task command's snapshot) sets every holding field, nulls included.
 */
export interface TaskPatch {
  id: string;
  status?: WorkItemStatus;
  completed_at?: string;
  canceled_at?: string;
  breached_at?: string;
  held?: boolean;
  state?: string;
  assignee?: string | null;
  owner?: string | null;
  candidate_groups?: string[];
  candidate_users?: string[];
  lane_id?: string | null;
  claimed_at?: string | null;
  started_at?: string | null;
}

/** A task or external task whose activity instance a migration moved to another element (absent name and lane clear them). */
export interface WorkItemMove {
  id: string;
  element_id: string;
  name: string | null;
  lane_id: string | null;
}

export interface ExternalTaskRow {
  id: string;
  element_id: string;
  topic: string;
  retries: number;
  status: WorkItemStatus;
  created_at: string;
}

/** An external task that left the wait state; its lock is released with it. */
export interface ExternalTaskClosing {
  id: string;
  status: Exclude<WorkItemStatus, 'open'>;
  at: string;
}

export interface JobRow {
  id: string;
  /** An instance's timer, or a task's SLA clock. */
  type: 'timer' | 'slaBreach';
  element_id: string;
  activity_instance_id: string;
  due_at: string;
}

/** An open message or signal subscription, as `subscription` holds it for routing. */
export interface SubscriptionRow {
  id: string;
  activity_instance_id: string;
  element_id: string;
  event_type: Subscription['eventType'];
  name: string;
  correlation_key: string | null;
  created_at: string;
}

export interface StepRow {
  id: string;
  activity_instance_id: string;
  element_id: string;
  element_type: string;
  type: string;
  at: string;
  actor: string | null;
  lane_id: string | null;
  previous_activity_instance_id: string | null;
  detail: Record<string, unknown> | null;
}

export type WorkItemStatus = 'open' | 'completed' | 'canceled';

/** The arm of an experiment a started case met (issue 7): written with the case or not at all. */
export interface ExperimentAssignmentRow {
  experiment_id: string;
  arm_id: string;
  process_version_id: string;
  reason: string;
  unit_key: string;
  hash: number | null;
  ramp_step: number | null;
  candidate_share: number | null;
  assigned_at: string;
}

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
}

/** The answer to a keyed start, written by the claim that holds the key (see IdempotencyKeyRepository). */
export interface IdempotentAnswerRow {
  principal: string;
  key: string;
  attempt: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  completed_at: string;
}

/**
 * Plans the writes for one engine result. Tasks and external tasks follow the effects; timer jobs
 * and variables follow the difference between the previous and the new state, which also covers
 * a timer that fired (it simply leaves the state).
 */
export const planCommit = (result: EngineResult, previous: InstanceState | null): CommitPlan => {
  const taskInserts = new Map<string, TaskRow>();
  const taskPatches = new Map<string, TaskPatch>();
  const externalTaskInserts = new Map<string, ExternalTaskRow>();
  const externalTaskClosings: ExternalTaskClosing[] = [];
  const workItemMoves: WorkItemMove[] = [];
  const patchTask = (id: string, change: Omit<TaskPatch, 'id'>) => {
    const inserted = taskInserts.get(id);
    if (inserted) Object.assign(inserted, change);
    else taskPatches.set(id, { ...taskPatches.get(id), ...change, id });
  };

  for (const effect of result.effects) {
    switch (effect.kind) {
      case 'taskCreated': {
        const { task } = effect;
        taskInserts.set(task.id, {
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
          process_key: result.state.processKey,
          priority: task.priority,
          category: task.category ?? null,
          stage: task.stage ?? null,
          value_class: task.valueClass ?? null,
          follow_up_at: task.followUpAt ?? null,
          started_at: null,
          breached_at: null,
        });
        break;
      }
      case 'taskUpdated':
        patchTask(effect.taskId, {
          held: true,
          state: effect.state,
          assignee: effect.assignee,
          owner: effect.owner,
          candidate_groups: effect.candidateGroups,
          candidate_users: effect.candidateUsers,
          lane_id: effect.laneId,
          claimed_at: effect.claimedAt,
          started_at: effect.startedAt,
        });
        break;
      case 'taskBreached':
        // Only the due date's breach is the task's; a follow-up date passing is the ledger's marker alone.
        if (effect.clock === 'due') patchTask(effect.taskId, { breached_at: effect.at });
        break;
      case 'taskClosed':
        patchTask(effect.id, effect.outcome === 'completed' ? { status: 'completed', completed_at: effect.at } : { status: 'canceled', canceled_at: effect.at });
        break;
      case 'externalTaskCreated': {
        const { externalTask } = effect;
        externalTaskInserts.set(externalTask.id, {
          id: externalTask.id,
          element_id: externalTask.elementId,
          topic: externalTask.topic,
          retries: externalTask.retries,
          status: 'open',
          created_at: externalTask.createdAt,
        });
        break;
      }
      case 'externalTaskClosed': {
        const inserted = externalTaskInserts.get(effect.id);
        if (inserted) inserted.status = effect.outcome;
        else externalTaskClosings.push({ id: effect.id, status: effect.outcome, at: effect.at });
        break;
      }
      case 'timerScheduled':
      case 'timerCanceled':
      case 'subscriptionOpened':
      case 'subscriptionClosed':
      case 'instanceEnded':
      case 'instanceSuspended':
      case 'instanceResumed':
      case 'variablesSet':
        // Jobs follow the state's timers, subscription rows its subscriptions, variables and the instance row the state (below).
        break;
      case 'instanceMigrated':
        for (const { id, elementId, name, laneId } of effect.activities) {
          workItemMoves.push({ id, element_id: elementId, name: name ?? null, lane_id: laneId ?? null });
        }
        break;
      case 'callActivityStarted':
      case 'callActivityClosed':
      case 'thrownToCallActivity':
        // call_activity rows: planCallActivities (below).
        break;
      case 'signalThrown':
      case 'escalationUncaught':
        // Messages, signals and call activities (issue 3) get their rows and app handling there.
        break;
      default: {
        const unknown: never = effect;
        throw new Error(`No persistence for effect ${JSON.stringify(unknown)}`);
      }
    }
  }

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
    audit: auditRowsOf(result.effects),
    analyticsPending: result.steps.filter(({ type }) => type === 'completed' || type === 'canceled').map(({ activityInstanceId }) => activityInstanceId),
    analyticsCaseEnded: result.state.endedAt !== undefined && previous?.endedAt === undefined,
  };
};

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
