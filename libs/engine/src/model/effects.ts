import type { CalledProcessBinding } from '#bpmn';
import type { ActivityState, Subscription, TaskClock, ThrownEvent, Timer, Variables } from './state.js';

/** What a command leaves for the persistence layer: the query-side rows (tasks, external tasks, timer jobs) it writes in the same transaction. */

export interface TaskCreated {
  kind: 'taskCreated';
  task: {
    id: string;
    elementId: string;
    name?: string;
    laneId?: string;
    candidateGroups: string[];
    candidateUsers: string[];
    assignee?: string;
    formKey?: string;
    dueAt?: string;
    followUpAt?: string;
    /** 0-100, higher first: `tandem:priority`, else derived from customerTier and category (tasks/task-priority.ts). */
    priority: number;
    category?: string;
    stage?: string;
    valueClass?: string;
    createdAt: string;
  };
}

/** A task command changed who holds the task or whom it is offered to: the task row takes this snapshot. */
export interface TaskUpdated {
  kind: 'taskUpdated';
  taskId: string;
  state: ActivityState;
  assignee: string | null;
  owner: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  laneId: string | null;
  claimedAt: string | null;
  startedAt: string | null;
  at: string;
  /** Set when the command moved the due date: an escalation to a tier with an SLA of its own. */
  dueAt?: string;
}

/** A task's SLA clock ran out while it was open. */
export interface TaskBreached {
  kind: 'taskBreached';
  taskId: string;
  clock: TaskClock['clock'];
  at: string;
}

export interface ExternalTaskCreated {
  kind: 'externalTaskCreated';
  externalTask: {
    id: string;
    elementId: string;
    topic: string;
    retries: number;
    createdAt: string;
  };
}

/**
 * A user task, external task or call activity left the wait state (completed, or canceled by a
 * boundary event, terminate, error or cancelInstance). A canceled call activity's child instance
 * is the app's to cancel.
 */
export interface WorkItemClosed {
  kind: 'taskClosed' | 'externalTaskClosed' | 'callActivityClosed';
  id: string;
  outcome: 'completed' | 'canceled';
  at: string;
}

export interface TimerScheduled {
  kind: 'timerScheduled';
  timer: Timer;
}

export interface TimerCanceled {
  kind: 'timerCanceled';
  timerId: string;
}

export interface InstanceEnded {
  kind: 'instanceEnded';
  status: 'completed' | 'canceled';
  at: string;
  /** An uncaught error ended this called instance (it went up to its call activity), not an operator. */
  byError?: boolean;
  /** Who canceled it and why (cancelInstance). */
  actor?: string;
  reason?: string;
}

export interface SubscriptionOpened {
  kind: 'subscriptionOpened';
  subscription: Subscription;
}

export interface SubscriptionClosed {
  kind: 'subscriptionClosed';
  subscription: Subscription;
  /** `correlated` when a message or signal completed it, `canceled` when its activity instance ended otherwise. */
  outcome: 'correlated' | 'canceled';
}

/** A signal end or throw event: the app broadcasts it to every subscription with that name (this instance's too). */
export interface SignalThrown {
  kind: 'signalThrown';
  name: string;
  variables: Variables;
  elementId: string;
  at: string;
}

/** A call activity started: the app starts the child instance and sends `completeCallActivity` when it ends. */
export interface CallActivityStarted {
  kind: 'callActivityStarted';
  activityInstanceId: string;
  elementId: string;
  processKey: string;
  binding: CalledProcessBinding;
  variables: Variables;
  businessKey?: string;
  at: string;
}

/** An escalation nobody catches: the instance continues (BPMN), the app may log or show it. */
export interface EscalationUncaught {
  kind: 'escalationUncaught';
  escalationCode?: string;
  elementId: string;
  at: string;
}

export interface InstanceSuspended {
  kind: 'instanceSuspended' | 'instanceResumed';
  at: string;
  actor?: string;
  reason?: string;
}

/** The audit record of setVariables: which variables changed, where, by whom. */
export interface VariablesSet {
  kind: 'variablesSet';
  names: string[];
  /** Set locally on this activity instance; absent for the instance's own variables. */
  activityInstanceId?: string;
  actor?: string;
  reason?: string;
  at: string;
}

/** An activity instance a migration moved: the rows of its work item (task, external task) show its new element. */
export interface MigratedActivity {
  id: string;
  elementId: string;
  name?: string;
  laneId?: string;
}

/**
 * The instance moved to another version. Activity instances keep their ids and follow `activities`;
 * a timer or subscription whose element changed is closed and opened anew (its own effects).
 */
export interface InstanceMigrated {
  kind: 'instanceMigrated';
  fromProcessVersionId: string;
  toProcessVersionId: string;
  /** Source element id -> target element id, for every element that holds a token or wait. */
  elementIds: Record<string, string>;
  activities: MigratedActivity[];
  actor?: string;
  reason?: string;
  at: string;
}

export type Effect =
  | TaskCreated
  | TaskUpdated
  | TaskBreached
  | ExternalTaskCreated
  | WorkItemClosed
  | TimerScheduled
  | TimerCanceled
  | InstanceEnded
  | SubscriptionOpened
  | SubscriptionClosed
  | SignalThrown
  | CallActivityStarted
  | EscalationUncaught
  | InstanceSuspended
  | VariablesSet
  | InstanceMigrated
  | ThrownToCallActivity;

/** A called instance handed an error or escalation up (see InstanceState.thrownToParent): the app delivers it to the call activity. */
export interface ThrownToCallActivity extends ThrownEvent {
  kind: 'thrownToCallActivity';
}
