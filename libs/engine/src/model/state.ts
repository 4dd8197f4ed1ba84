import type { FlowNodeType } from '#bpmn';

/** An instance's state is plain JSON: it is stored as one JSONB document, guarded by a revision. */

export type Variables = Record<string, unknown>;

/**
 * A terminate end event also completes the instance: it is the process's own end. `canceled` is an
 * operator's cancelInstance; a `suspended` instance does no work (no task, external task, timer or
 * message moves it) and takes only the operator's commands: resume, cancel, set variables, migrate.
 */
export type InstanceStatus = 'active' | 'suspended' | 'completed' | 'canceled';

/**
 * What an activity instance (and its steps) is an instance of: a flow node, or the body of a
 * multi-instance activity, which holds one inner activity instance of the same element per item.
 */
export type ElementInstanceType = FlowNodeType | 'multiInstanceBody';

/** Lifecycle of one waiting activity instance; `paused` is a user task's (see tasks/task-lifecycle.ts). */
export type ActivityState = 'ready' | 'claimed' | 'started' | 'paused';

/**
 * A flow node instance that holds a token and waits: for the outside world (a user task, an external
 * task, a catch event, an event-based gateway, a call activity) or for the activity instances inside
 * it (a sub-process or multi-instance body: a scope). Scopes nest through `scopeId`; the process
 * itself is the root scope, whose variables and joins are the instance's own.
 */
export interface ActivityInstance {
  id: string;
  elementId: string;
  elementType: ElementInstanceType;
  state: ActivityState;
  readyAt: string;
  claimedAt?: string;
  startedAt?: string;
  /** The user who claimed it (or the one the model assigns it to), or the worker that locked it. */
  assignee?: string;
  /** A user task's human side: who it is offered to now, delegation, SLA clocks (tasks/task-lifecycle.ts). */
  holding?: TaskHolding;
  /** Timers of boundary events attached to this activity instance. */
  boundaryTimerIds: string[];
  /** The scope (sub-process or multi-instance body instance) it runs in; absent at the process level. */
  scopeId?: string;
  /** Local variables: input mappings, a multi-instance item, variables set locally. Inner scopes see them, the parent does not. */
  variables?: Variables;
  /** For a scope: join bookkeeping inside it, as the instance's `joins` for the process level. */
  joins?: Record<string, string[]>;
  /** The iteration of a standard loop or the item number of a multi-instance inner instance, from 1. */
  loopCounter?: number;
  /** For a multi-instance body: its items and progress. */
  multiInstance?: MultiInstanceProgress;
  /** For a call activity: how many of its called instance's thrown errors and escalations it has taken (each is taken once). */
  throwsReceived?: number;
}

/** What a user task carries beyond the activity instance: set when the task is created, changed by task commands. */
export interface TaskHolding {
  /** Who it is offered to now: the model's candidates, until an escalation re-queues it elsewhere. */
  candidateGroups: string[];
  candidateUsers: string[];
  /** The lane it is queued at now (the node's lane until an escalation moves it to the next lane). */
  laneId?: string;
  /** Set while delegated: the assignee it returns to when the delegate completes it. */
  owner?: string;
  /** The delegate's variables, handed back to the owner and merged into the owner's completion. */
  delegatedVariables?: Variables;
  /** The SLA clocks still running; a clock leaves the list when it breaches. */
  clocks: TaskClock[];
}

/** A task's due or follow-up date, watched by a job that records `breached` if the task is still open then. */
export interface TaskClock {
  id: string;
  clock: 'due' | 'followUp';
  dueAt: string;
}

export interface MultiInstanceProgress {
  items: unknown[];
  /** Items handed to an inner instance so far. */
  started: number;
  completed: number;
  /** `outputElement` values by item index (null until that item completes). */
  outputs: unknown[];
}

/**
 * A scheduled timer: a catch event's, a boundary event's, or an event sub-process start event's.
 * A repeating timer (timeCycle) is replaced by a new timer, with a new id, each time it fires.
 */
export interface Timer {
  id: string;
  /** The timer event's element id. */
  elementId: string;
  /**
   * The activity instance whose life bounds the timer: a catch event's own, the attached activity's
   * for a boundary event, the event-based gateway's, the enclosing scope's for an event
   * sub-process start (the instance id at the process level).
   */
  activityInstanceId: string;
  dueAt: string;
  /**
   * For a timeCycle: the interval and how many more times it fires after this one (absent:
   * unbounded), or a cron expression (unbounded).
   */
  repeat?: { interval: string; remaining?: number } | { cron: string };
}

/**
 * A waiting message, signal or conditional catch: an intermediate catch event, receive task,
 * boundary event, event-based gateway branch or event sub-process start. The app indexes the
 * message and signal ones to route `POST /messages` and broadcast signals to `correlateMessage` /
 * `receiveSignal`; conditional ones are evaluated by the engine when a command settles.
 */
export interface Subscription {
  id: string;
  /** A conditional one waits inside the engine: commands evaluate its condition, nothing outside routes to it. */
  eventType: 'message' | 'signal' | 'conditional';
  /** The message or signal name; a conditional one's condition. */
  name: string;
  /** Messages only: the value of the correlation key expression when the subscription opened. */
  correlationKey?: string;
  /** The catching element. */
  elementId: string;
  /** The activity instance whose life bounds the subscription, as for a Timer. */
  activityInstanceId: string;
  /** Conditional only: the condition's value when last evaluated (absent: not evaluated yet); it fires when this turns true. */
  satisfied?: boolean;
}

/** Where a called instance came from: the call activity instance that started it, in its parent instance. */
export interface ParentLink {
  instanceId: string;
  activityInstanceId: string;
}

export interface InstanceState {
  id: string;
  processKey: string;
  processVersionId: string;
  businessKey?: string;
  /** Set on an instance a call activity started; it reports its end there. */
  parent?: ParentLink;
  status: InstanceStatus;
  startedAt: string;
  endedAt?: string;
  variables: Variables;
  /** Waiting activity instances, scopes included (see ActivityInstance.scopeId); each one holds one token. */
  activities: ActivityInstance[];
  timers: Timer[];
  /** Open message and signal subscriptions (a state stored before they existed reads as none). */
  subscriptions: Subscription[];
  /**
   * Parallel join bookkeeping: gateway id -> the incoming flow ids that have arrived and
   * not yet been consumed by a firing of the join.
   */
  joins: Record<string, string[]>;
  /** A called instance: the errors and escalations it did not catch, in order, owed to its call activity (absent: none). */
  thrownToParent?: ThrownEvent[];
  /** Completed activity instances compensation can still undo, in completion order (absent: none). */
  compensable?: CompensableInstance[];
}

/**
 * A completed activity instance a compensation throw or end event in its scope can undo: one with
 * a compensation boundary event (it names the handler), or a completed scope (sub-process,
 * multi-instance body) holding such records. Each is taken once; a canceled scope drops its own.
 */
export interface CompensableInstance {
  /** The completed activity instance. */
  id: string;
  elementId: string;
  /** The scope it completed in (an activity instance id, maybe of a completed scope); absent at the process level. */
  scopeId?: string;
  /** The compensation handler to run for it; absent for a scope that only holds records. */
  handlerId?: string;
}

/** An error or escalation a called instance did not catch itself: its parent's call activity throws it on (Camunda 8 semantics). */
export interface ThrownEvent {
  eventType: 'error' | 'escalation';
  /** The error or escalation code (absent: an escalation without one). */
  code?: string;
  /** The throwing element, in the called instance. */
  elementId: string;
  at: string;
}
