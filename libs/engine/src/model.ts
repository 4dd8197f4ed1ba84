import type { CalledProcessBinding, FlowNodeType } from '#bpmn';
import type { DecisionLookup } from './dmn/decision-lookup.js';

/**
 * The engine core is `state + command -> state + steps + effects`.
 * Everything here is plain JSON data: the instance state is stored as one JSONB document and
 * guarded by a revision; steps go to the append-only ledger; effects tell the persistence layer
 * which query-side rows (tasks, external tasks, timer jobs) to write in the same transaction.
 */

/** Time, injected so tests and replays are deterministic. */
export interface Clock {
  now(): Date;
}

/** Identifiers, injected for the same reason (uuid in production, counters in tests). */
export interface IdGenerator {
  next(): string;
}

export interface EnginePorts {
  clock: Clock;
  ids: IdGenerator;
  /** The deployed decisions business-rule tasks evaluate (the app loads them); none when absent. */
  decisions?: DecisionLookup;
}

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

/**
 * `migrated`: an operator moved the waiting activity instance to another process version (its element may change).
 * User tasks add `claimed`, `unclaimed`, `started`, `paused`, `escalated` and the `breached` marker (tasks/task-lifecycle.ts).
 */
export type StepType = 'ready' | 'claimed' | 'unclaimed' | 'started' | 'paused' | 'escalated' | 'breached' | 'completed' | 'canceled' | 'migrated';

/**
 * One append-only ledger record. Every flow node instance leaves `ready` and `completed` (or
 * `canceled`); user tasks add `claimed` and `started`, external tasks `started` (first lock).
 */
export interface StepEvent {
  id: string;
  instanceId: string;
  activityInstanceId: string;
  elementId: string;
  elementType: ElementInstanceType;
  type: StepType;
  at: string;
  actor?: string;
  laneId?: string;
  /** On `ready`: the activity instance the token came from, to measure hand-offs. */
  previousActivityInstanceId?: string;
  /** Step-specific facts: `by` on claims and unclaims made for someone else, the reason on `escalated`, the clock on `breached`. */
  detail?: Record<string, unknown>;
}

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

export interface EngineResult {
  state: InstanceState;
  steps: StepEvent[];
  effects: Effect[];
}

export interface StartCommand {
  type: 'start';
  instanceId: string;
  processVersionId: string;
  businessKey?: string;
  variables?: Variables;
  /** A process-level start event (message, signal, timer); the none start event by default. */
  startEventId?: string;
  /** The call activity starting this instance as its child. */
  parent?: ParentLink;
}

export interface ClaimTaskCommand {
  type: 'claimTask';
  activityInstanceId: string;
  actor: string;
  /** Claim and start at once: the usual "pick up". */
  start?: boolean;
}

export interface CompleteTaskCommand {
  type: 'completeTask';
  activityInstanceId: string;
  actor?: string;
  variables?: Variables;
}

/** The assignee starts, pauses or gives back the task (`startTask` claims first when unclaimed). */
export interface TaskWorkCommand {
  type: 'startTask' | 'pauseTask' | 'unclaimTask';
  activityInstanceId: string;
  actor: string;
}

/** `actor` gives the task to `assignee` (the app checks the actor may: a supervisor or the current assignee). */
export interface AssignTaskCommand {
  type: 'assignTask';
  activityInstanceId: string;
  actor: string;
  assignee: string;
}

/** The assignee has `to` work the task; it keeps ownership, and `to` completing it hands it back. */
export interface DelegateTaskCommand {
  type: 'delegateTask';
  activityInstanceId: string;
  actor: string;
  to: string;
}

/** Hands the task on where the model says (tasks/task-escalation.ts), with a reason. */
export interface EscalateTaskCommand {
  type: 'escalateTask';
  activityInstanceId: string;
  actor: string;
  reasonCode: string;
  comment?: string;
}

/** A task's SLA clock (its job's id) ran out. */
export interface BreachTaskClockCommand {
  type: 'breachTaskClock';
  activityInstanceId: string;
  clockId: string;
}

/** A worker locked an external task: the first lock marks the work as started. */
export interface LockExternalTaskCommand {
  type: 'lockExternalTask';
  activityInstanceId: string;
  workerId: string;
}

export interface CompleteExternalTaskCommand {
  type: 'completeExternalTask';
  activityInstanceId: string;
  workerId: string;
  variables?: Variables;
}

export interface FireTimerCommand {
  type: 'fireTimer';
  timerId: string;
}

/** A message reached a waiting subscription: by its id, or by the one message subscription of an activity instance. */
export interface CorrelateMessageCommand {
  type: 'correlateMessage';
  subscriptionId?: string;
  activityInstanceId?: string;
  variables?: Variables;
}

/** A broadcast signal reached this instance: every signal subscription with that name is triggered. */
export interface ReceiveSignalCommand {
  type: 'receiveSignal';
  signalName: string;
  variables?: Variables;
}

/** The child instance of a call activity ended; its variables come back through the output mappings. */
export interface CompleteCallActivityCommand {
  type: 'completeCallActivity';
  activityInstanceId: string;
  variables?: Variables;
}

/**
 * A BPMN error thrown at a waiting activity instance: by the worker holding an external task
 * (Camunda's handleBpmnError), or by the called instance of a call activity, which ended with it.
 * The activity's own error boundary events catch it first, then scope by scope outwards; uncaught,
 * the command fails with ERROR_NOT_CAUGHT (or, in a called instance, it goes up to the parent).
 */
export interface ThrowErrorCommand {
  type: 'throwError';
  activityInstanceId: string;
  errorCode: string;
  /** The worker throwing it: it must hold the external task (the app checks the lock). */
  workerId?: string;
  /** Travel with the error to the catching event, through its output mappings (else to its scope). */
  variables?: Variables;
  /** For a call activity: the number of the called instance's throw (1, 2, ...); one it has taken already changes nothing. */
  sequence?: number;
}

/** An escalation a called instance did not catch, thrown on at its call activity. */
export interface ThrowEscalationCommand {
  type: 'throwEscalation';
  activityInstanceId: string;
  escalationCode?: string;
  /** As for ThrowErrorCommand: each throw of the called instance is taken once. */
  sequence?: number;
}

/** Every waiting activity is canceled and the instance ends as `canceled`. */
export interface CancelInstanceCommand {
  type: 'cancelInstance';
  actor?: string;
  /** Why, for the audit trail (as on every operator command). */
  reason?: string;
}

export interface SuspendInstanceCommand {
  type: 'suspendInstance' | 'resumeInstance';
  actor?: string;
  reason?: string;
}

/** Sets variables of the instance, or locally on one activity instance (a scope or a task). */
export interface SetVariablesCommand {
  type: 'setVariables';
  variables: Variables;
  activityInstanceId?: string;
  actor?: string;
  reason?: string;
}

export type Command =
  | ClaimTaskCommand
  | CompleteTaskCommand
  | TaskWorkCommand
  | AssignTaskCommand
  | DelegateTaskCommand
  | EscalateTaskCommand
  | BreachTaskClockCommand
  | LockExternalTaskCommand
  | CompleteExternalTaskCommand
  | FireTimerCommand
  | CorrelateMessageCommand
  | ReceiveSignalCommand
  | CompleteCallActivityCommand
  | CancelInstanceCommand
  | SuspendInstanceCommand
  | SetVariablesCommand
  | ThrowErrorCommand
  | ThrowEscalationCommand;

/** Domain error codes the engine raises (mapped to HTTP in apps/engine/src/common). */
export const ENGINE_ERRORS = {
  /** The instance has ended: 409. */
  instanceNotActive: 'INSTANCE_NOT_ACTIVE',
  /** No waiting activity instance with that id (completed, canceled, or never existed here): 409. */
  activityNotActive: 'ACTIVITY_NOT_ACTIVE',
  /** The activity instance is not of the kind the command needs (e.g. complete a timer as a task): 409. */
  activityWrongType: 'ACTIVITY_WRONG_TYPE',
  /** The task is claimed by someone else: 409. */
  taskAlreadyClaimed: 'TASK_ALREADY_CLAIMED',
  /** A user completes, starts, pauses or hands on a task someone else holds: 403. */
  taskClaimedByOther: 'TASK_CLAIMED_BY_OTHER',
  /** The task is in the wrong state for the command (pause when not started, unclaim when nobody holds it; details: state): 409. */
  taskWrongState: 'TASK_WRONG_STATE',
  /** The model gives the task nowhere to escalate to (no escalation boundary event, tandem:escalateTo or next lane): 409. */
  taskNotEscalatable: 'TASK_NOT_ESCALATABLE',
  /** No timer with that id is scheduled: 409. */
  timerNotActive: 'TIMER_NOT_ACTIVE',
  /** An exclusive gateway found no true condition and has no default flow: 422. */
  gatewayNoMatch: 'GATEWAY_NO_MATCH',
  /** A FEEL expression failed to evaluate (syntax, unknown variable, wrong type): 422. */
  expressionFailed: 'EXPRESSION_FAILED',
  /** A FEEL expression could run away (a loop past FEEL_LIMITS, a function definition, too long or deep); refused before evaluation: 422. */
  expressionTooCostly: 'FEEL_EXPRESSION_TOO_COSTLY',
  /** A duration (timer, due date) is not ISO 8601: 422. */
  durationInvalid: 'DURATION_INVALID',
  /** Tokens kept entering instant nodes without ever waiting (a loop in the model): 422. */
  loopLimitExceeded: 'LOOP_LIMIT_EXCEEDED',
  /** The instance is suspended: it does no work until resumed (operator commands aside): 409. */
  instanceSuspended: 'INSTANCE_SUSPENDED',
  /** resumeInstance on an instance that is not suspended: 409. */
  instanceNotSuspended: 'INSTANCE_NOT_SUSPENDED',
  /** No open message or signal subscription matches: 409. */
  subscriptionNotActive: 'SUBSCRIPTION_NOT_ACTIVE',
  /** The start event asked for is not a process-level start event (or there is no none start event): 404. */
  startEventNotFound: 'START_EVENT_NOT_FOUND',
  /**
   * A BPMN error reached the process level without a matching catch: the command is refused and
   * nothing changes; the app raises an incident at the element (details: elementId, errorCode): 422.
   */
  errorNotCaught: 'ERROR_NOT_CAUGHT',
  /** A timeDate or timeCycle is not an ISO 8601 date-time or repeating interval: 422. */
  timerInvalid: 'TIMER_INVALID',
  /** An active element has no element of the same kind to go to in the target version (details: problems naming each): 422. */
  migrationElementUnmapped: 'MIGRATION_ELEMENT_UNMAPPED',
  /** A migration's mapping names elements neither version has, or the target is no other version of the process (details: problems): 422. */
  migrationMappingInvalid: 'MIGRATION_MAPPING_INVALID',
} as const;
