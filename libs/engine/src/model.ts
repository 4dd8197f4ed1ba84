import type { FlowNodeType } from '#bpmn';

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
}

export type Variables = Record<string, unknown>;

/** A terminate end event also completes the instance: it is the process's own end. */
export type InstanceStatus = 'active' | 'completed';

/** Lifecycle of one waiting activity instance. */
export type ActivityState = 'ready' | 'claimed' | 'started';

/**
 * A flow node instance that holds a token and waits for the outside world:
 * a user task, an external (service) task or an intermediate timer catch event.
 */
export interface ActivityInstance {
  id: string;
  elementId: string;
  elementType: FlowNodeType;
  state: ActivityState;
  readyAt: string;
  claimedAt?: string;
  startedAt?: string;
  /** The user who claimed it (or the one the model assigns it to), or the worker that locked it. */
  assignee?: string;
  /** Timers of boundary events attached to this activity instance. */
  boundaryTimerIds: string[];
}

/** A scheduled timer: an intermediate catch event's or a boundary event's. */
export interface Timer {
  id: string;
  /** The timer event's element id. */
  elementId: string;
  /** For a catch event its own activity instance; for a boundary event the attached one. */
  activityInstanceId: string;
  dueAt: string;
}

export interface InstanceState {
  id: string;
  processKey: string;
  processVersionId: string;
  businessKey?: string;
  status: InstanceStatus;
  startedAt: string;
  endedAt?: string;
  variables: Variables;
  /** Waiting activity instances; each one holds one token. */
  activities: ActivityInstance[];
  timers: Timer[];
  /**
   * Parallel join bookkeeping: gateway id -> the incoming flow ids that have arrived and
   * not yet been consumed by a firing of the join.
   */
  joins: Record<string, string[]>;
}

export type StepType = 'ready' | 'claimed' | 'started' | 'completed' | 'canceled';

/**
 * One append-only ledger record. Every flow node instance leaves `ready` and `completed` (or
 * `canceled`); user tasks add `claimed` and `started`, external tasks `started` (first lock).
 */
export interface StepEvent {
  id: string;
  instanceId: string;
  activityInstanceId: string;
  elementId: string;
  elementType: FlowNodeType;
  type: StepType;
  at: string;
  actor?: string;
  laneId?: string;
  /** On `ready`: the activity instance the token came from, to measure hand-offs. */
  previousActivityInstanceId?: string;
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
    createdAt: string;
  };
}

export interface TaskClaimed {
  kind: 'taskClaimed';
  taskId: string;
  assignee: string;
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

/** A user task or external task left the wait state (completed, or canceled by a boundary/terminate). */
export interface WorkItemClosed {
  kind: 'taskClosed' | 'externalTaskClosed';
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
  status: Exclude<InstanceStatus, 'active'>;
  at: string;
}

export type Effect =
  | TaskCreated
  | TaskClaimed
  | ExternalTaskCreated
  | WorkItemClosed
  | TimerScheduled
  | TimerCanceled
  | InstanceEnded;

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
}

export interface ClaimTaskCommand {
  type: 'claimTask';
  activityInstanceId: string;
  actor: string;
}

export interface CompleteTaskCommand {
  type: 'completeTask';
  activityInstanceId: string;
  actor?: string;
  variables?: Variables;
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

export type Command =
  | ClaimTaskCommand
  | CompleteTaskCommand
  | LockExternalTaskCommand
  | CompleteExternalTaskCommand
  | FireTimerCommand;

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
  /** A user completes a task someone else holds: 409. */
  taskClaimedByOther: 'TASK_CLAIMED_BY_OTHER',
  /** No timer with that id is scheduled: 409. */
  timerNotActive: 'TIMER_NOT_ACTIVE',
  /** An exclusive gateway found no true condition and has no default flow: 422. */
  gatewayNoMatch: 'GATEWAY_NO_MATCH',
  /** A FEEL expression failed to evaluate (syntax, unknown variable, wrong type): 422. */
  expressionFailed: 'EXPRESSION_FAILED',
  /** A duration (timer, due date) is not ISO 8601: 422. */
  durationInvalid: 'DURATION_INVALID',
  /** Tokens kept entering instant nodes without ever waiting (a loop in the model): 422. */
  loopLimitExceeded: 'LOOP_LIMIT_EXCEEDED',
} as const;
